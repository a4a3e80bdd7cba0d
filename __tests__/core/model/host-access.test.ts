import { validateConfig } from '../../../lib/core/config/validate';
import { hostAccessKey } from '../../../lib/core/model/host-access';
import { resolveModel } from '../../../lib/core/model/resolve';
import { lanFacts, model, movedFacts, problemsOf, runtime } from '../../helpers';

const auto = (name: string) => runtime(name, { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] });
const fixed = (name: string, ip: string) =>
  runtime(name, { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip }] });
const dhcp = (name: string) => runtime(name, { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'dhcp' }] });
const withAccess = (hostAccess: unknown, lan: Record<string, unknown> = {}) => ({ lans: { eth0: { host_access: hostAccess, ...lan } } });

describe('host access', () => {
  test('a link of its own on the LAN, with a route to every runtime address planned there (a lease is not planned)', () => {
    const m = model([auto('rt1'), fixed('rt2', '192.168.1.50'), dhcp('rt3')], lanFacts(), withAccess(true));
    expect(m.hostAccess).toHaveLength(1);
    const [access] = m.hostAccess;
    expect(access).toMatchObject({ interfaceName: 'eh-eth0', containerName: 'edgenet_host_access_eth0' });
    expect(access.network).toBe(m.networks[0]);
    const rt1 = m.runtimes[0].vnics[0].ipv4!;
    expect(access.routes.map((r) => `${r.runtime} ${r.address}`).sort()).toEqual([`rt1 ${rt1}`, 'rt2 192.168.1.50'].sort());
  });

  test('fails when the host access address is not allocated like an auto vNIC: recorded, and never a runtime address', () => {
    const m = model([auto('rt1'), auto('rt2')], lanFacts(), withAccess(true));
    const address = m.hostAccess[0].address;
    expect(m.allocations[hostAccessKey('eth0')]).toEqual({
      lan: 'eth0',
      host: address.value - (192 * 2 ** 24 + 168 * 2 ** 16 + 1 * 2 ** 8),
    });
    expect(m.runtimes.map((r) => r.vnics[0].ipv4!.value)).not.toContain(address.value);
  });

  test('fails when the host access address moves once given: a recorded one is kept, and it follows a move by host number', () => {
    const config = validateConfig({ runtimes: [auto('rt1')], ...withAccess(true) });
    const first = resolveModel(config, lanFacts());
    const recorded = { ...first.allocations, [hostAccessKey('eth0')]: { lan: 'eth0', host: 200 } };
    expect(resolveModel(config, lanFacts(), undefined, recorded).hostAccess[0].address.toString()).toBe('192.168.1.200');
    expect(resolveModel(config, movedFacts(), undefined, recorded).hostAccess[0].address.toString()).toBe('10.0.5.200');
  });

  test('fails when the host access address ignores the LAN exclusions and auto range', () => {
    const m = model(
      [fixed('rt1', '192.168.1.50')],
      lanFacts(),
      withAccess(true, { auto_range: '192.168.1.100-192.168.1.101', exclude: ['192.168.1.100'] }),
    );
    expect(m.hostAccess[0].address.toString()).toBe('192.168.1.101');
  });

  test('an address given is taken as it is', () => {
    expect(model([auto('rt1')], lanFacts(), withAccess('192.168.1.9')).hostAccess[0].address.toString()).toBe('192.168.1.9');
    expect(model([auto('rt1')], lanFacts(), withAccess(false)).hostAccess).toEqual([]);
  });

  test('bad input: an address outside the LAN, excluded, a runtime static address, the gateway', () => {
    const at = (value: string, lan: Record<string, unknown> = {}) =>
      problemsOf(() => model([fixed('rt1', '192.168.1.50')], lanFacts(), withAccess(value, lan)));
    expect(at('10.9.9.9')[0]).toMatch(/^\$\.lans\.eth0\.host_access: .*10\.9\.9\.9.*192\.168\.1\.0\/24/);
    expect(at('192.168.1.1')[0]).toMatch(/^\$\.lans\.eth0\.host_access: .*gateway/);
    expect(at('192.168.1.50')).toEqual([
      '$.lans.eth0.host_access: is the static address of runtime rt1 vNIC lan, got "192.168.1.50"; expected a free address of 192.168.1.0/24, or true to have one allocated',
    ]);
    expect(at('192.168.1.60', { exclude: ['192.168.1.60-192.168.1.70'] })[0]).toMatch(/keeps clear/);
  });

  test('bad input: a LAN no vNIC is on (isolated runtimes only), an interface the host does not have', () => {
    const isolated = runtime('worker', { isolated: true });
    expect(problemsOf(() => model([isolated, auto('rt1')], lanFacts(), { lans: { wlan9: { host_access: true } } }))).toEqual([
      "$.lans.wlan9.host_access: wlan9 is not an interface of the host facts, nor any vNIC's parent, got true; expected host_access on a LAN with runtimes: eth0",
    ]);
    const facts = lanFacts({
      interfaces: [
        ...lanFacts().interfaces,
        { name: 'eth1', operstate: 'UP', mac: null, ipv4: [{ address: '10.1.0.2', prefixlen: 24, subnet: '10.1.0.0/24' }], gateway: null },
      ],
    });
    expect(problemsOf(() => model([isolated, auto('rt1')], facts, { lans: { eth1: { host_access: true } } }))[0]).toMatch(
      /^\$\.lans\.eth1\.host_access: no vNIC is on eth1 \(its runtimes are isolated or on other LANs\)/,
    );
  });

  test('bad input: a LAN with no free address left for the host', () => {
    expect(problemsOf(() => model([auto('rt1')], lanFacts(), withAccess(true, { auto_range: '192.168.1.100-192.168.1.100' })))).toEqual([
      '$.runtimes[0].vnics[0].network_mode: cannot be satisfied: lans.eth0.auto_range 192.168.1.100-192.168.1.100 of 192.168.1.0/24 has 1 free addresses for 2 auto addresses (one of them the host access of lans.eth0.host_access), got "auto"; expected a larger subnet or auto_range, fewer auto vNICs or static addresses',
    ]);
    expect(
      problemsOf(() => model([fixed('rt1', '192.168.1.50')], lanFacts(), withAccess(true, { auto_range: '192.168.1.50-192.168.1.50' })))[0],
    ).toMatch(/^\$\.lans\.eth0\.host_access: cannot be satisfied: .* has 0 free addresses for 1 auto addresses/);
  });

  test('bad input: host access on an ipvlan LAN', () => {
    expect(problemsOf(() => model([auto('rt1')], lanFacts(), withAccess(true, { driver: 'ipvlan' })))[0]).toMatch(
      /^\$\.lans\.eth0\.host_access: the LAN ipvlan_eth0_192\.168\.1\.0_24 is ipvlan/,
    );
  });
});
