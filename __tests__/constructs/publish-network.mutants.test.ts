import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { PublishNetwork } from '../../constructs/publish-network';
import { problemsOf } from '../helpers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  return s;
}

describe('PublishNetwork', () => {
  test('is a plain (not internal) bridge named <runtime>_publish, labelled with the stack', () => {
    const s = stack();
    const net = new PublishNetwork(s, 'Publish', { runtimeName: 'rt1', managedBy: 'edge' });
    const networks = Object.values<any>(JSON.parse(Testing.synth(s, true)).resource.docker_network);
    expect(networks).toEqual([{ name: 'rt1_publish', driver: 'bridge', labels: [{ label: 'io.edgenet.stack', value: 'edge' }] }]);
    expect(net.networkName).toBe('rt1_publish');
  });

  test('writes no label when no stack is given', () => {
    const s = stack();
    new PublishNetwork(s, 'Publish', { runtimeName: 'rt1' });
    expect(Object.values<any>(JSON.parse(Testing.synth(s, true)).resource.docker_network)[0].labels).toBeUndefined();
  });

  test('fails when the runtime name is not a Docker name, with the value and the pattern allowed', () => {
    expect(problemsOf(() => new PublishNetwork(stack(), 'Publish', { runtimeName: 'rt 1' }))).toEqual([
      'test/Publish.runtimeName: is not a valid runtime name, got "rt 1"; expected a name matching /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/',
    ]);
  });
});
