import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { MacvlanNetwork } from '../../constructs/macvlan-network';
import { ip, problemsOf, subnet } from '../helpers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  return s;
}

const synthJson = (s: TerraformStack) => JSON.parse(Testing.synth(s, true));

describe('MacvlanNetwork', () => {
  test('synthesizes a macvlan network with parent, subnet and gateway always set', () => {
    const s = stack();
    const net = new MacvlanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: subnet('192.168.1.0/24'), managedBy: 'edge' });
    const json = Testing.synth(s, true);
    expect(json).toHaveResourceWithProperties(
      { tfResourceType: 'docker_network' },
      {
        name: 'macvlan_eth0_192.168.1.0_24',
        driver: 'macvlan',
        options: { parent: 'eth0' },
        ipam_config: [{ subnet: '192.168.1.0/24', gateway: '192.168.1.1' }],
        labels: [{ label: 'io.edgenet.stack', value: 'edge' }],
      },
    );
    expect(net.gateway.toString()).toBe('192.168.1.1');
    expect(net.mode).toBe('bridge');
  });

  test('writes macvlan_mode only when it is not the default', () => {
    const s = stack();
    new MacvlanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: subnet('10.0.0.0/24'), mode: 'private' });
    expect(Testing.synth(s)).toHaveResourceWithProperties(
      { tfResourceType: 'docker_network' },
      { options: { parent: 'eth0', macvlan_mode: 'private' } },
    );
  });

  test('reuses an existing network through the data source', () => {
    const s = stack();
    const net = new MacvlanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: subnet('10.0.0.0/24'), existingNetworkName: 'legacy' });
    const json = synthJson(s);
    expect(json.resource?.docker_network).toBeUndefined();
    expect(Object.values<any>(json.data.docker_network)[0].name).toBe('legacy');
    expect(net.reused).toBe(true);
  });

  test('fails when the gateway is outside the subnet', () => {
    expect(
      problemsOf(
        () => new MacvlanNetwork(stack(), 'eth0', { parentInterface: 'eth0', subnet: subnet('10.0.0.0/24'), gateway: ip('10.0.1.1') }),
      ).join(),
    ).toContain('test/eth0.gateway: is not an address in the subnet');
  });

  test('fails when the parent is not an interface name', () => {
    expect(
      problemsOf(
        () => new MacvlanNetwork(stack(), 'p', { parentInterface: 'a very long interface name', subnet: subnet('10.0.0.0/24') }),
      ).join(),
    ).toContain('test/p.parentInterface: is not an interface name');
  });

  test('fails when the parent is loopback', () => {
    expect(problemsOf(() => new MacvlanNetwork(stack(), 'p', { parentInterface: 'lo', subnet: subnet('10.0.0.0/24') })).join()).toContain(
      'test/p.parentInterface: is the loopback interface, which cannot carry macvlan',
    );
  });
});
