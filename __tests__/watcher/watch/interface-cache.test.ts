import { InterfaceCache } from '../../../watcher/watch/interface-cache';
import { InterfaceReport } from '../../../watcher/common/protocol';

const report = (name: string, index: number, address: string | null, gateway: string | null, operstate = 'UP'): InterfaceReport => ({
  interface: name,
  index,
  operstate,
  gateway,
  timestamp: 't',
  ipv4_addresses: address
    ? [{ address, prefixlen: 24, subnet: address.replace(/\.\d+$/, '.0/24'), network_address: address.replace(/\.\d+$/, '.0') }]
    : [],
});

describe('InterfaceCache', () => {
  test('facts from discovery: interfaces by index, default interface by the host detection rule, source netmon', () => {
    const cache = new InterfaceCache();
    cache.replaceAll([
      report('wlan0', 3, '192.168.50.4', null),
      report('eth0', 2, '100.64.0.5', '100.64.0.1'),
      report('eth1', 4, '10.1.1.5', '10.1.1.1'),
    ]);
    const facts = cache.toFacts('2026-11-22T00:00:00.000Z');
    expect(facts.interfaces.map((i) => i.name)).toEqual(['eth0', 'wlan0', 'eth1']);
    // eth0's gateway is public (CGNAT is not RFC 1918): the first private one with a gateway wins.
    expect(facts.default_interface).toBe('eth1');
    expect(facts).toMatchObject({ source: 'netmon', detected_at: '2026-11-22T00:00:00.000Z' });
    expect(facts.interfaces[2]).toEqual({
      name: 'eth1',
      operstate: 'UP',
      mac: null,
      type: 'ethernet',
      ipv4: [{ address: '10.1.1.5', prefixlen: 24, subnet: '10.1.1.0/24' }],
      gateway: '10.1.1.1',
    });
  });

  test('a change replaces one interface', () => {
    const cache = new InterfaceCache();
    cache.replaceAll([report('eth0', 2, '192.168.1.10', '192.168.1.1')]);
    expect(cache.update(report('eth0', 2, '10.0.5.10', '10.0.5.1'))).toBeUndefined();
    expect(cache.toFacts('t').interfaces[0]).toMatchObject({ operstate: 'UP', ipv4: [{ subnet: '10.0.5.0/24' }], gateway: '10.0.5.1' });
  });

  test.each([
    ['down', { ...report('eth0', 2, null, null, 'DOWN'), status: 'down' as const }],
    ['removed', { ...report('eth0', 0, null, null, 'DOWN'), status: 'removed' as const }],
    ['no-address', report('eth0', 2, null, null)],
  ])('a parent that goes %s keeps what it was last seen with: the facts do not move', (why, change) => {
    const cache = new InterfaceCache();
    cache.replaceAll([report('eth0', 2, '192.168.1.10', '192.168.1.1')]);
    const before = cache.toFacts('t');
    expect(cache.update(change)).toBe(why);
    expect(cache.toFacts('t').interfaces[0]).toMatchObject({ operstate: 'DOWN', ipv4: before.interfaces[0].ipv4, gateway: '192.168.1.1' });
    expect(cache.toFacts('t').default_interface).toBe('eth0');
    expect(cache.away).toEqual({ eth0: { why, since: expect.any(String) } });
    // Back on the same subnet: the facts are what they were, and nothing is away.
    expect(cache.update(report('eth0', 2, '192.168.1.10', '192.168.1.1'))).toBeUndefined();
    expect(cache.toFacts('t').interfaces).toEqual(before.interfaces);
    expect(cache.away).toEqual({});
  });

  test('an interface never seen up contributes no subnet', () => {
    const cache = new InterfaceCache();
    cache.replaceAll([report('eth0', 2, '192.168.1.10', '192.168.1.1', 'DOWN')]);
    expect(cache.toFacts('t').interfaces[0]).toMatchObject({ operstate: 'DOWN', ipv4: [], gateway: null });
    expect(cache.toFacts('t').default_interface).toBeNull();
  });

  test('a discovery replaces what it lists; an interface it leaves out is away, removed, with its last state', () => {
    const cache = new InterfaceCache();
    cache.replaceAll([report('eth0', 2, '192.168.1.10', null)]);
    cache.replaceAll([report('eth1', 3, '10.0.0.5', null)]);
    expect(cache.toFacts('t').interfaces.map((i) => [i.name, i.operstate, i.ipv4.length])).toEqual([
      ['eth0', 'DOWN', 1],
      ['eth1', 'UP', 1],
    ]);
    expect(Object.keys(cache.away)).toEqual(['eth0']);
  });

  test('a discovery that lists a known interface down keeps its last state, away; an unknown one down is taken as is', () => {
    const cache = new InterfaceCache();
    cache.replaceAll([report('eth0', 2, '192.168.1.10', null)]);
    cache.replaceAll([report('eth0', 2, null, null, 'DOWN'), report('eth1', 3, null, null, 'DOWN')]);
    expect(cache.toFacts('t').interfaces.map((i) => [i.name, i.ipv4.length])).toEqual([
      ['eth0', 1],
      ['eth1', 0],
    ]);
    expect(cache.away).toEqual({ eth0: { why: 'down', since: expect.any(String) } });
  });
});
