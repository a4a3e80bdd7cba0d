import { DEFAULT_IGNORED_PREFIXES } from '../../../lib/core/facts/interface-filter';
import { ClientView, Decision } from '../../../watcher/netmon/client-view';
import { InterfaceState } from '../../../watcher/netmon/ip-snapshot';

const eth0 = (over: Partial<InterfaceState> = {}): InterfaceState => ({
  interface: 'eth0',
  index: 2,
  operstate: 'UP',
  type: 'ethernet',
  ipv4_addresses: [{ address: '192.168.1.10', prefixlen: 24, subnet: '192.168.1.0/24', network_address: '192.168.1.0' }],
  gateway: '192.168.1.1',
  ...over,
});

function seeded(...snapshot: InterfaceState[]): ClientView {
  const view = new ClientView(DEFAULT_IGNORED_PREFIXES);
  view.seed(snapshot);
  return view;
}

/** Decides and records, as netmon does when it reports. */
function tell(view: ClientView, name: string, snapshot: InterfaceState[]): Decision {
  const decision = view.decide(name, snapshot);
  view.apply(decision);
  return decision;
}

describe('what clients are told', () => {
  test('discovery lists the reportable interfaces of the seed, in index order', () => {
    const view = seeded(eth0({ interface: 'eth1', index: 5 }), eth0(), eth0({ interface: 'veth1', index: 3 }));
    expect(view.discovery().map((s) => s.interface)).toEqual(['eth0', 'eth1']);
  });

  test('an unchanged interface needs nothing; a changed one is an ordinary change', () => {
    const view = seeded(eth0());
    expect(view.decide('eth0', [eth0()])).toEqual({ kind: 'none' });
    expect(tell(view, 'eth0', [eth0({ gateway: '192.168.1.254' })])).toEqual({ kind: 'up', change: eth0({ gateway: '192.168.1.254' }) });
    expect(view.discovery()[0].gateway).toBe('192.168.1.254');
  });

  test("a link that goes down is reported down with no addresses, in the reference sidecar's shape, once", () => {
    const view = seeded(eth0());
    const down = eth0({ operstate: 'DOWN' });
    expect(tell(view, 'eth0', [down])).toEqual({
      kind: 'down',
      change: { interface: 'eth0', index: 2, operstate: 'DOWN', type: 'ethernet', ipv4_addresses: [], gateway: null, status: 'down' },
    });
    expect(view.discovery()).toEqual([]);
    expect(view.decide('eth0', [down])).toEqual({ kind: 'none' });
  });

  test('carrier loss (LOWERLAYERDOWN) is down too', () => {
    expect(seeded(eth0()).decide('eth0', [eth0({ operstate: 'LOWERLAYERDOWN' })])).toMatchObject({
      kind: 'down',
      change: { status: 'down' },
    });
  });

  test('a link that no longer exists is removed, also after it was reported down', () => {
    const gone = { interface: 'eth0', index: 2, operstate: 'DOWN', type: 'ethernet', ipv4_addresses: [], gateway: null, status: 'removed' };
    expect(tell(seeded(eth0()), 'eth0', [])).toEqual({ kind: 'removed', change: gone });
    const view = seeded(eth0());
    tell(view, 'eth0', [eth0({ operstate: 'DOWN' })]);
    expect(tell(view, 'eth0', [])).toEqual({ kind: 'removed', change: gone });
    expect(view.names()).toEqual([]);
    expect(view.decide('eth0', [])).toEqual({ kind: 'none' });
  });

  test('a renamed link: the old name is removed, the new one is an ordinary change with its addresses', () => {
    const view = seeded(eth0());
    const renamed = eth0({ interface: 'enp3s0' });
    expect(view.nameOfIndex(2)).toBe('eth0');
    expect(tell(view, 'eth0', [renamed])).toMatchObject({ kind: 'removed', change: { interface: 'eth0', status: 'removed' } });
    expect(tell(view, 'enp3s0', [renamed])).toEqual({ kind: 'up', change: renamed });
    expect(view.nameOfIndex(2)).toBe('enp3s0');
  });

  test('losing the last address on a link that stays up is reported once, without status; going down after that is reported as down', () => {
    const view = seeded(eth0());
    expect(tell(view, 'eth0', [eth0({ ipv4_addresses: [], gateway: null })])).toEqual({
      kind: 'no-address',
      change: eth0({ ipv4_addresses: [], gateway: null }),
    });
    expect(view.decide('eth0', [eth0({ ipv4_addresses: [], gateway: null })])).toEqual({ kind: 'none' });
    expect(tell(view, 'eth0', [eth0({ operstate: 'DOWN', ipv4_addresses: [] })])).toMatchObject({ kind: 'down' });
  });

  test('coming back up after down is an ordinary change with its addresses', () => {
    const view = seeded(eth0());
    tell(view, 'eth0', [eth0({ operstate: 'DOWN' })]);
    expect(tell(view, 'eth0', [eth0()])).toEqual({ kind: 'up', change: eth0() });
    expect(view.discovery()).toEqual([eth0()]);
  });

  test('an interface clients never heard of needs nothing when it is not reportable', () => {
    const view = seeded();
    expect(view.decide('eth0', [eth0({ operstate: 'DOWN' })])).toEqual({ kind: 'none' });
    expect(view.decide('eth0', [])).toEqual({ kind: 'none' });
    expect(view.decide('veth0', [eth0({ interface: 'veth0' })])).toEqual({ kind: 'none' });
  });
});
