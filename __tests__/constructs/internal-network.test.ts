import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { InternalNetwork } from '../../constructs/internal-network';
import { ip, problemsOf, subnet } from '../helpers';

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

  test('fails when a given subnet and gateway are not configured on the network, or one is configured unasked', () => {
    const s = stack();
    new InternalNetwork(s, 'Pooled', { runtimeName: 'rt1', subnet: subnet('172.31.7.0/24'), gateway: ip('172.31.7.1') });
    new InternalNetwork(s, 'Engine', { runtimeName: 'rt2' });
    const networks = Object.values<any>(JSON.parse(Testing.synth(s)).resource.docker_network);
    const byName = Object.fromEntries(networks.map((n) => [n.name, n.ipam_config]));
    expect(byName).toEqual({ rt1_internal: [{ subnet: '172.31.7.0/24', gateway: '172.31.7.1' }], rt2_internal: undefined });
  });

  test('fails when a gateway outside the subnet, or without one, is taken', () => {
    expect(
      problemsOf(
        () => new InternalNetwork(stack(), 'Internal', { runtimeName: 'rt1', subnet: subnet('172.31.7.0/24'), gateway: ip('172.31.8.1') }),
      ),
    ).toEqual(['test/Internal.gateway: is not an address of the subnet, got "172.31.8.1"; expected an address of 172.31.7.0/24']);
    expect(problemsOf(() => new InternalNetwork(stack(), 'Internal', { runtimeName: 'rt1', gateway: ip('172.31.8.1') }))).toEqual([
      'test/Internal.gateway: is not an address of the subnet, got "172.31.8.1"; expected an address of a given subnet',
    ]);
  });
});
