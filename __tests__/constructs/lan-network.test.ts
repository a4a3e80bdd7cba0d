import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { LanNetwork } from '../../constructs/lan-network';
import { ip, problemsOf, subnet } from '../helpers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  return s;
}

const synthJson = (s: TerraformStack) => JSON.parse(Testing.synth(s, true));

describe('LanNetwork', () => {
  test('by default, synthesizes a macvlan network with parent, subnet and gateway always set', () => {
    const s = stack();
    const net = new LanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: subnet('192.168.1.0/24'), managedBy: 'edge' });
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
    new LanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: subnet('10.0.0.0/24'), mode: 'private' });
    expect(Testing.synth(s)).toHaveResourceWithProperties(
      { tfResourceType: 'docker_network' },
      { options: { parent: 'eth0', macvlan_mode: 'private' } },
    );
  });

  test('with driver ipvlan, synthesizes an ipvlan L2 network named by contract', () => {
    const s = stack();
    const net = new LanNetwork(s, 'wlan0', { parentInterface: 'wlan0', subnet: subnet('192.168.1.0/24'), driver: 'ipvlan' });
    expect(Testing.synth(s)).toHaveResourceWithProperties(
      { tfResourceType: 'docker_network' },
      { name: 'ipvlan_wlan0_192.168.1.0_24', driver: 'ipvlan', options: { parent: 'wlan0', ipvlan_mode: 'l2' } },
    );
    expect(net.mode).toBeUndefined();
  });

  test('fails when a macvlan mode is given to an ipvlan network', () => {
    expect(
      problemsOf(
        () => new LanNetwork(stack(), 'w', { parentInterface: 'wlan0', subnet: subnet('10.0.0.0/24'), driver: 'ipvlan', mode: 'private' }),
      ).join(),
    ).toContain('test/w.mode: is a macvlan mode, but the driver is ipvlan, got "private"; expected no mode, or driver macvlan');
  });

  test('reuses an existing network through the data source', () => {
    const s = stack();
    const net = new LanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: subnet('10.0.0.0/24'), existingNetworkName: 'legacy' });
    const json = synthJson(s);
    expect(json.resource?.docker_network).toBeUndefined();
    expect(Object.values<any>(json.data.docker_network)[0].name).toBe('legacy');
    expect(net.reused).toBe(true);
  });

  test('fails when the gateway is outside the subnet', () => {
    expect(
      problemsOf(
        () => new LanNetwork(stack(), 'eth0', { parentInterface: 'eth0', subnet: subnet('10.0.0.0/24'), gateway: ip('10.0.1.1') }),
      ).join(),
    ).toContain('test/eth0.gateway: is not an address in the subnet');
  });

  test('fails when the parent is not an interface name', () => {
    expect(
      problemsOf(
        () => new LanNetwork(stack(), 'p', { parentInterface: 'a very long interface name', subnet: subnet('10.0.0.0/24') }),
      ).join(),
    ).toContain('test/p.parentInterface: is not an interface name');
  });

  test('fails when the parent is loopback', () => {
    expect(problemsOf(() => new LanNetwork(stack(), 'p', { parentInterface: 'lo', subnet: subnet('10.0.0.0/24') })).join()).toContain(
      'test/p.parentInterface: is the loopback interface, which cannot carry macvlan',
    );
  });
});
