import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { InternalNetwork } from '../../constructs/internal-network';
import { problemsOf } from '../helpers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  return s;
}

describe('InternalNetwork', () => {
  test('fails when a bad runtime name is refused without the value and the pattern allowed', () => {
    expect(problemsOf(() => new InternalNetwork(stack(), 'Internal', { runtimeName: 'rt 1' }))).toEqual([
      'test/Internal.runtimeName: is not a valid runtime name, got "rt 1"; expected a name matching /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/',
    ]);
  });

  test('fails when the stack label is not written as io.edgenet.stack=<stack>', () => {
    const s = stack();
    new InternalNetwork(s, 'Internal', { runtimeName: 'rt1', managedBy: 'edge' });
    new InternalNetwork(s, 'Unlabelled', { runtimeName: 'rt2' });
    const networks = Object.values<any>(JSON.parse(Testing.synth(s, true)).resource.docker_network);
    expect(networks.map((n) => [n.name, n.labels])).toEqual([
      ['rt1_internal', [{ label: 'io.edgenet.stack', value: 'edge' }]],
      ['rt2_internal', undefined],
    ]);
  });
});
