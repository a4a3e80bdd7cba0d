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
  test('is an internal bridge named <runtime>_internal', () => {
    const s = stack();
    new InternalNetwork(s, 'Internal', { runtimeName: 'rt1' });
    expect(Testing.synth(s, true)).toHaveResourceWithProperties(
      { tfResourceType: 'docker_network' },
      { name: 'rt1_internal', internal: true, driver: 'bridge' },
    );
  });

  test('fails when the runtime name is not a Docker name', () => {
    expect(problemsOf(() => new InternalNetwork(stack(), 'Internal', { runtimeName: 'rt 1' })).join()).toContain(
      'test/Internal.runtimeName: is not a valid runtime name',
    );
  });
});
