import { resolveModel } from '../../../lib/core/model/resolve';
import { HostFacts } from '../../../lib/core/facts/types';
import { config, lanFacts, plain, problemsOf, runtime } from '../../helpers';

/** A host whose only LAN is a Wi-Fi station (wlan0 on 192.168.1.0/24). */
const wifiFacts = (type: 'wifi' | 'ethernet' = 'wifi'): HostFacts => {
  const facts = lanFacts();
  return { ...facts, interfaces: [{ ...facts.interfaces[0], name: 'wlan0', type }], default_interface: 'wlan0' };
};
const lan = (extra: Record<string, unknown> = {}) => ({ name: 'lan', ...extra });

describe('the LAN driver', () => {
  test('a Wi-Fi parent gets an ipvlan network, named by contract, keyed by its interface, and the reason', () => {
    const model = resolveModel(config([runtime('ra', { vnics: [lan()] })]), wifiFacts());
    expect(plain(model.networks[0])).toMatchObject({ id: 'wlan0', name: 'ipvlan_wlan0_192.168.1.0_24', driver: 'ipvlan' });
    expect(model.networks[0].driverReason).toBe(
      "the host facts type wlan0 wifi: an access point drops frames from MACs that never associated, so the vNICs share wlan0's MAC",
    );
  });

  test('an Ethernet parent keeps macvlan', () => {
    const model = resolveModel(config([runtime('ra', { vnics: [lan()] })]), lanFacts());
    expect(plain(model.networks[0])).toMatchObject({ name: 'macvlan_eth0_192.168.1.0_24', driver: 'macvlan' });
    expect(model.networks[0].driverReason).toBe('the host facts type eth0 ethernet: each vNIC gets a MAC of its own');
  });

  test('lans.<if>.driver overrides the detection, both ways, and says so', () => {
    const onWifi = resolveModel(config([runtime('ra', { vnics: [lan()] })], { lans: { wlan0: { driver: 'macvlan' } } }), wifiFacts());
    expect(onWifi.networks[0].name).toBe('macvlan_wlan0_192.168.1.0_24');
    expect(onWifi.networks[0].driverReason).toBe('lans.wlan0.driver says macvlan (the host facts type wlan0 wifi)');
    const onWire = resolveModel(config([runtime('ra', { vnics: [lan()] })], { lans: { eth0: { driver: 'ipvlan' } } }), lanFacts());
    expect(onWire.networks[0].name).toBe('ipvlan_eth0_192.168.1.0_24');
  });

  test('ipvlan vNICs have no MAC of their own; a dhcp one gets a client identifier of its own', () => {
    const model = resolveModel(
      config([runtime('ra', { vnics: [lan({ network_mode: 'dhcp' })] }), runtime('rb', { vnics: [lan({ network_mode: 'dhcp' })] })]),
      wifiFacts(),
    );
    const [a, b] = model.runtimes.map((r) => r.vnics[0]);
    expect(a.mac).toBeUndefined();
    expect(a.dhcpClientId).toBe(`00${Buffer.from('ra/lan').toString('hex')}`);
    expect(b.dhcpClientId).not.toBe(a.dhcpClientId);
    const macvlan = resolveModel(config([runtime('ra', { vnics: [lan({ network_mode: 'dhcp' })] })]), lanFacts());
    expect(macvlan.runtimes[0].vnics[0].dhcpClientId).toBeUndefined();
  });

  test('an existing ipvlan network of another stack on the same parent and subnet is reused', () => {
    const facts: HostFacts = {
      ...wifiFacts(),
      docker_networks: [
        { name: 'theirs', driver: 'ipvlan', parent: 'wlan0', subnet: '192.168.1.0/24', gateway: '192.168.1.1', managed_by: null },
      ],
    };
    expect(resolveModel(config([runtime('ra', { vnics: [lan()] })]), facts).networks[0].existingName).toBe('theirs');
  });

  test('fails when a vNIC on an ipvlan LAN has a mac_address: one line naming runtime and vNIC', () => {
    expect(
      problemsOf(() => resolveModel(config([runtime('ra', { vnics: [lan({ mac_address: '02:00:00:00:00:01' })] })]), wifiFacts())),
    ).toEqual([
      '$.runtimes[0].vnics[0].mac_address: runtime ra vNIC lan is on the ipvlan network ipvlan_wlan0_192.168.1.0_24, whose vNICs all have the MAC of wlan0, got "02:00:00:00:00:01"; expected no mac_address on this LAN (or lans.wlan0.driver: macvlan on a parent that carries foreign MACs)',
    ]);
  });

  test('fails when lans.<if>.driver is not a driver', () => {
    expect(problemsOf(() => config([runtime('ra')], { lans: { eth0: { driver: 'bridge' } } }))).toEqual([
      '$.lans.eth0.driver: is not valid, got "bridge"; expected one of macvlan, ipvlan, routed',
    ]);
  });
});
