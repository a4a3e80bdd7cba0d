import { resolveModel } from '../../../lib/core/model/resolve';
import { HostFacts } from '../../../lib/core/facts/types';
import { isIgnoredInterface } from '../../../lib/core/facts/interface-filter';
import { routedHostLinkName, routedVnicLinkName } from '../../../lib/core/naming';
import { config, lanFacts, plain, problemsOf, runtime } from '../../helpers';

/** A host whose only LAN is a Wi-Fi station, on a kernel with or without ipvlan. */
const wifiFacts = (ipvlan?: boolean): HostFacts => {
  const facts = lanFacts();
  return {
    ...facts,
    interfaces: [{ ...facts.interfaces[0], name: 'wlan0', type: 'wifi' }],
    default_interface: 'wlan0',
    ...(ipvlan === undefined ? {} : { kernel: { macvlan: true, ipvlan } }),
  };
};
const auto = (name: string, extra: Record<string, unknown> = {}) =>
  runtime(name, { vnics: [{ name: 'lan', parent_interface: 'wlan0', network_mode: 'auto', ...extra }] });

describe('routed LANs', () => {
  test('fails when a Wi-Fi parent on a kernel without ipvlan is not routed, or the plan does not say why', () => {
    const model = resolveModel(config([auto('ra')]), wifiFacts(false));
    expect(model.networks).toEqual([]);
    expect(plain(model.routedLans[0])).toMatchObject({ id: 'wlan0', name: 'routed_wlan0_192.168.1.0_24', driver: 'routed' });
    expect(model.routedLans[0].driverReason).toBe(
      "the host facts type wlan0 wifi and the kernel has no ipvlan: the host routes each vNIC's address and answers for it with wlan0's MAC",
    );
    expect(model.runtimes[0].vnics).toEqual([]);
    expect(model.runtimes[0].routedVnics.map((v) => [v.name, v.ipv4?.toString().startsWith('192.168.1.'), v.mac])).toEqual([
      ['lan', true, undefined],
    ]);
  });

  test('fails when a kernel with ipvlan, or facts that do not say, lose the ipvlan LAN', () => {
    for (const ipvlan of [true, undefined]) expect(resolveModel(config([auto('ra')]), wifiFacts(ipvlan)).networks[0].driver).toBe('ipvlan');
  });

  test('fails when lans.<if>.driver: routed is not honoured on any parent', () => {
    const model = resolveModel(
      config([runtime('ra', { vnics: [{ name: 'lan', network_mode: 'auto' }] })], { lans: { eth0: { driver: 'routed' } } }),
      lanFacts(),
    );
    expect(model.routedLans[0].driverReason).toBe('lans.eth0.driver says routed (the host facts type eth0 ethernet)');
  });

  test('fails when a routed vNIC takes an address the LAN rules forbid: addresses are allocated as on any LAN', () => {
    const model = resolveModel(
      config([auto('ra'), auto('rb')], { lans: { wlan0: { exclude: ['192.168.1.128-192.168.1.254'] } } }),
      wifiFacts(false),
    );
    const addresses = model.runtimes.map((r) => r.routedVnics[0].ipv4!.value & 0xff);
    expect(addresses.every((a) => a >= 2 && a < 128 && a !== 10)).toBe(true);
    expect(new Set(addresses).size).toBe(2);
  });

  test('bad input: a MAC on a routed vNIC, one line naming runtime and vNIC', () => {
    expect(problemsOf(() => resolveModel(config([auto('ra', { mac_address: '02:00:00:00:00:01' })]), wifiFacts(false)))).toEqual([
      '$.runtimes[0].vnics[0].mac_address: runtime ra vNIC lan is on the routed network routed_wlan0_192.168.1.0_24, whose vNICs all have the MAC of wlan0, got "02:00:00:00:00:01"; expected no mac_address on this LAN (or lans.wlan0.driver: macvlan on a parent that carries foreign MACs)',
    ]);
  });

  test('fails when the links a routed vNIC makes pass 15 characters, clash between vNICs, or show up as parents', () => {
    expect(routedVnicLinkName('lan')).toBe('rv-lan');
    expect(routedVnicLinkName('a-very-long-vnic-name')).toMatch(/^rv-[0-9a-f]{12}$/);
    const host = routedHostLinkName('ra', 'lan');
    expect(`${host}-p`.length).toBeLessThanOrEqual(15);
    expect(routedHostLinkName('rb', 'lan')).not.toBe(host);
    expect(isIgnoredInterface(host)).toBe(true);
  });
});
