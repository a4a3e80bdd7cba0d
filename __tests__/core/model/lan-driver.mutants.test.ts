import { chooseDriver, describeLan } from '../../../lib/core/model/lan-driver';
import { viewHost } from '../../../lib/core/model/host-view';
import { resolveModel } from '../../../lib/core/model/resolve';
import { config, lanFacts, runtime } from '../../helpers';

describe('the reason for a LAN driver', () => {
  test('fails when a parent the facts do not list is not said to be missing from them', () => {
    expect(chooseDriver('eth9', undefined, viewHost(lanFacts()))).toEqual({
      driver: 'macvlan',
      reason: 'eth9 is not in the host facts: each vNIC gets a MAC of its own',
    });
    expect(chooseDriver('eth9', { driver: 'ipvlan', exclude: [], arpProbe: false }, viewHost(lanFacts()))).toEqual({
      driver: 'ipvlan',
      reason: 'lans.eth9.driver says ipvlan (eth9 is not in the host facts)',
    });
  });

  test('fails when a LAN pinned on a parent the facts do not list gives another reason', () => {
    const model = resolveModel(
      config([runtime('ra', { vnics: [{ name: 'lan', parent_interface: 'eth9', parent_subnet: '10.9.0.0/24' }] })]),
      lanFacts(),
    );
    expect(model.networks.map((n) => n.driverReason)).toEqual(['eth9 is not in the host facts: each vNIC gets a MAC of its own']);
  });
});

describe("the plan's line for a LAN", () => {
  test('fails when the line does not give the network name, its driver and why', () => {
    const [network] = resolveModel(config([runtime('ra', { vnics: [{ name: 'lan' }] })]), lanFacts()).networks;
    expect(describeLan(network)).toBe(
      'lan macvlan_eth0_192.168.1.0_24: macvlan, because the host facts type eth0 ethernet: each vNIC gets a MAC of its own',
    );
  });
});
