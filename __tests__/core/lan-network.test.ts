import { lanNetworkSettingsOf, lanNetworkSpec, resolveLanNetwork } from '../../lib/core/lan-network';
import { resolveModel } from '../../lib/core/model/resolve';
import { config, ip, lanFacts, runtime, subnet } from '../helpers';

const lan = { parentInterface: 'eth0', subnet: subnet('192.168.1.0/24') };

describe('resolveLanNetwork: a LAN network as edgenet asks the engine for it', () => {
  test('fails when a default is lost: macvlan, bridge mode (not written), the .1 gateway, the name from driver, parent and subnet, no label', () => {
    const network = resolveLanNetwork(lan);
    expect({ ...network, subnet: String(network.subnet), gateway: String(network.gateway) }).toEqual({
      parentInterface: 'eth0',
      subnet: '192.168.1.0/24',
      gateway: '192.168.1.1',
      driver: 'macvlan',
      mode: 'bridge',
      name: 'macvlan_eth0_192.168.1.0_24',
      reused: false,
      options: { parent: 'eth0' },
      labels: {},
    });
  });

  test('fails when a gateway, a mode other than bridge, a name or a stack given is not what the network gets', () => {
    const network = resolveLanNetwork({ ...lan, gateway: ip('192.168.1.254'), mode: 'private', networkName: 'office', managedBy: 'edge' });
    expect(lanNetworkSpec(network)).toEqual({
      name: 'office',
      driver: 'macvlan',
      options: { parent: 'eth0', macvlan_mode: 'private' },
      labels: { 'io.edgenet.stack': 'edge' },
      ipam: [{ subnet: '192.168.1.0/24', gateway: '192.168.1.254' }],
    });
  });

  test('fails when an existing network is not reused by its own name, whatever name was asked', () => {
    const network = resolveLanNetwork({ ...lan, networkName: 'office', existingNetworkName: 'by-hand' });
    expect([network.name, network.reused]).toEqual(['by-hand', true]);
  });

  test('fails when an ipvlan network has a macvlan mode, or is not in L2 mode', () => {
    const network = resolveLanNetwork({ ...lan, driver: 'ipvlan', mode: 'private' });
    expect([network.mode, network.options, network.name]).toEqual([
      undefined,
      { parent: 'eth0', ipvlan_mode: 'l2' },
      'ipvlan_eth0_192.168.1.0_24',
    ]);
  });

  test("fails when the model's LAN is declared with another name, gateway, driver or stack than the model planned", () => {
    const model = resolveModel(
      config([runtime('rt1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] })]),
      lanFacts(),
    );
    const [plan] = model.networks;
    expect(lanNetworkSettingsOf(plan, model.stack)).toEqual({
      parentInterface: 'eth0',
      subnet: plan.subnet,
      gateway: plan.gateway,
      driver: plan.driver,
      networkName: plan.name,
      existingNetworkName: undefined,
      managedBy: 'edge',
    });
  });
});
