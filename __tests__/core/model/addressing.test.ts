import { resolveModel } from '../../../lib/core/model/resolve';
import { AllocationRecord } from '../../../lib/core/model/types';
import { config, lanFacts, movedFacts, problemsOf, runtime } from '../../helpers';

const lan = (extra: Record<string, unknown> = {}) => ({ name: 'lan', parent_interface: 'eth0', ...extra });
const autos = (names: string[]) => names.map((n) => runtime(n, { vnics: [lan()] }));
const addressOf = (model: ReturnType<typeof resolveModel>, name: string) =>
  model.runtimes.find((r) => r.name === name)?.vnics[0].ipv4?.toString();

describe('sticky auto addresses', () => {
  test('an address once given never moves, whatever runtimes are added (sorting before it or taking its preference)', () => {
    const first = resolveModel(config(autos(['mm'])), lanFacts());
    const given = addressOf(first, 'mm');
    // Sixty newcomers, several whose names sort first; with the record kept, m stays put.
    const crowd = autos([...Array.from({ length: 60 }, (_, i) => `a${i}`), 'mm']);
    const later = resolveModel(config(crowd), lanFacts(), undefined, first.allocations);
    expect(addressOf(later, 'mm')).toBe(given);
    const addresses = later.runtimes.map((r) => r.vnics[0].ipv4?.toString());
    expect(new Set(addresses).size).toBe(addresses.length);
  });

  test('fails when the record is dropped: without it, a newcomer can take the place (why the lock is kept)', () => {
    const first = resolveModel(config(autos(['mm'])), lanFacts());
    const given = addressOf(first, 'mm') as string;
    const host = Number(given.split('.')[3]);
    // A record that gives m's address to someone else shows the record decides, not the name order.
    const taken: AllocationRecord = { 'zz/lan': { lan: 'eth0', host } };
    const later = resolveModel(config(autos(['mm', 'zz'])), lanFacts(), undefined, taken);
    expect(addressOf(later, 'zz')).toBe(given);
    expect(addressOf(later, 'mm')).not.toBe(given);
  });

  test('new vNICs never take a recorded address; a record of another LAN does not apply', () => {
    const record: AllocationRecord = { 'old/lan': { lan: 'eth0', host: 200 }, 'mm/lan': { lan: 'eth9', host: 7 } };
    const model = resolveModel(config(autos(['mm', ...Array.from({ length: 30 }, (_, i) => `n${i}`)])), lanFacts(), undefined, record);
    expect(model.runtimes.map((r) => r.vnics[0].ipv4?.toString())).not.toContain('192.168.1.200');
    expect(addressOf(model, 'mm')).not.toBe('192.168.1.7');
  });

  test('the model records every auto address by runtime/vNIC with its LAN and host number', () => {
    const model = resolveModel(config(autos(['mm'])), lanFacts());
    const host = Number(addressOf(model, 'mm')?.split('.')[3]);
    expect(model.allocations).toEqual({ 'mm/lan': { lan: 'eth0', host } });
  });

  test('a recorded address keeps its host number when the host moves', () => {
    const first = resolveModel(config(autos(['mm', 'nn'])), lanFacts());
    const moved = movedFacts();
    const later = resolveModel(config(autos(['mm', 'nn'])), moved, undefined, first.allocations);
    for (const name of ['mm', 'nn']) expect(addressOf(later, name)?.split('.')[3]).toBe(addressOf(first, name)?.split('.')[3]);
  });
});

describe('auto_range and exclude', () => {
  test('auto takes addresses from auto_range only, as addresses or host numbers', () => {
    for (const range of ['192.168.1.20-192.168.1.29', '20-29']) {
      const model = resolveModel(config(autos(['ra', 'rb', 'rc']), { lans: { eth0: { auto_range: range } } }), lanFacts());
      for (const r of model.runtimes) expect(Number(r.vnics[0].ipv4?.toString().split('.')[3])).toBeGreaterThanOrEqual(20);
      for (const r of model.runtimes) expect(Number(r.vnics[0].ipv4?.toString().split('.')[3])).toBeLessThanOrEqual(29);
    }
  });

  test('auto never takes an excluded address', () => {
    const model = resolveModel(
      config(autos(Array.from({ length: 10 }, (_, i) => `r${i}`)), { lans: { eth0: { auto_range: '10-40', exclude: ['10-29'] } } }),
      lanFacts(),
    );
    for (const r of model.runtimes) expect(Number(r.vnics[0].ipv4?.toString().split('.')[3])).toBeGreaterThanOrEqual(30);
  });

  test('fails when auto_range has no room left, naming the range', () => {
    expect(
      problemsOf(() =>
        resolveModel(config(autos(['ra', 'rb', 'rc']), { lans: { eth0: { auto_range: '192.168.1.20/31' } } }), lanFacts()),
      ).join(),
    ).toContain('cannot be satisfied: lans.eth0.auto_range 192.168.1.20/31 of 192.168.1.0/24 has 2 free addresses for 3 auto vNICs');
  });

  test('fails when a static address is in an excluded range', () => {
    const runtimes = [runtime('rs', { vnics: [lan({ network_mode: 'static', ip: '192.168.1.150' })] })];
    expect(
      problemsOf(() => resolveModel(config(runtimes, { lans: { eth0: { exclude: ['192.168.1.100-192.168.1.199'] } } }), lanFacts())),
    ).toEqual([
      '$.runtimes[0].vnics[0].ip: is in the range 192.168.1.100-192.168.1.199 that lans.eth0.exclude keeps clear, got "192.168.1.150"; expected an address of 192.168.1.0/24 outside 192.168.1.100-192.168.1.199',
    ]);
  });

  test('an absolute range on another subnet does not apply after a move; host numbers do', () => {
    const moved = movedFacts();
    const runtimes = [runtime('rs', { vnics: [lan({ network_mode: 'static', ip: '10.0.5.150' })] })];
    expect(() => resolveModel(config(runtimes, { lans: { eth0: { exclude: ['192.168.1.100-192.168.1.199'] } } }), moved)).not.toThrow();
    expect(problemsOf(() => resolveModel(config(runtimes, { lans: { eth0: { exclude: ['100-199'] } } }), moved)).join()).toContain(
      'is in the range 100-199',
    );
  });
});

describe("the reference agent's subnet and gateway on a static vNIC", () => {
  const staticVnic = (extra: Record<string, unknown>) => [
    runtime('rs', { vnics: [lan({ network_mode: 'static', ip: '192.168.1.50', ...extra })] }),
  ];

  test.each([{ subnet: '255.255.255.0' }, { subnet: '192.168.1.0/24' }, { subnet: '/24' }, { gateway: '192.168.1.1' }])(
    "accepts %j when it is the LAN's",
    (fields) => {
      expect(resolveModel(config(staticVnic(fields)), lanFacts()).runtimes[0].vnics[0].ipv4?.toString()).toBe('192.168.1.50');
    },
  );

  test.each([
    [
      { subnet: '255.255.0.0' },
      '$.runtimes[0].vnics[0].subnet: is not the subnet of macvlan_eth1_192.168.1.0_24, got "/16"; expected 192.168.1.0/24',
    ],
    [{ subnet: '10.0.0.0/24' }, '$.runtimes[0].vnics[0].subnet: is not the subnet of macvlan_eth1_192.168.1.0_24, got "10.0.0.0/24"'],
    [
      { gateway: '192.168.1.254' },
      '$.runtimes[0].vnics[0].gateway: is not the gateway of macvlan_eth1_192.168.1.0_24, got "192.168.1.254"; expected 192.168.1.1',
    ],
  ])('fails when %j disagrees with the LAN', (fields, expected) => {
    // On a LAN the config pins (here eth1's), a disagreement is the config's; on a LAN that follows the host, it strands the vNIC.
    const pinned = [
      runtime('rs', {
        vnics: [lan({ parent_interface: 'eth1', network_mode: 'static', ip: '192.168.1.50', parent_subnet: '192.168.1.0/24', ...fields })],
      }),
    ];
    expect(problemsOf(() => resolveModel(config(pinned), lanFacts())).join()).toContain(expected);
  });

  test('a disagreement on a LAN that follows the host strands the vNIC, named', () => {
    const model = resolveModel(config(staticVnic({ gateway: '192.168.1.254' })), lanFacts());
    expect(model.stranded.map((s) => `${s.runtime}/${s.vnic}: ${s.reason}`)).toEqual([
      'rs/lan: is not the gateway of macvlan_eth0_192.168.1.0_24',
    ]);
  });

  test('fails when they are given on a vNIC that is not static', () => {
    expect(problemsOf(() => config([runtime('rs', { vnics: [lan({ subnet: '/24', gateway: '192.168.1.1' })] })]))).toEqual([
      '$.runtimes[0].vnics[0].subnet: is only allowed with network_mode static (this vNIC is auto), got "/24"; expected no subnet, or network_mode: static',
      '$.runtimes[0].vnics[0].gateway: is only allowed with network_mode static (this vNIC is auto), got "192.168.1.1"; expected no gateway, or network_mode: static',
    ]);
  });

  test('fails when the subnet is neither a CIDR nor a netmask', () => {
    expect(problemsOf(() => config(staticVnic({ subnet: '255.0.255.0' }))).join()).toContain(
      'is not a subnet or netmask, got "255.0.255.0"',
    );
  });
});
