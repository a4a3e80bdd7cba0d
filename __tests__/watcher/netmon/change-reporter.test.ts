import { DEFAULT_IGNORED_PREFIXES } from '../../../lib/core/facts/interface-filter';
import { ChangeReporter, isComplete } from '../../../watcher/netmon/change-reporter';
import { ChangeState, ClientView } from '../../../watcher/netmon/client-view';
import { InterfaceState, interfacesFromIp } from '../../../watcher/netmon/ip-snapshot';

/**
 * When netmon reports, under fake timers: the kernel is a variable the test sets, a netlink
 * event is a `touch` (or `checkNow` for a link going down), and what clients are told is
 * recorded with the fake clock's time. Each "fails when" test breaks when its rule is removed.
 */

const DEBOUNCE_MS = 3000;
const SETTLE_MS = 250;

const address = (cidr: string) => {
  const [ip, len] = cidr.split('/');
  const network = `${ip.split('.').slice(0, 3).join('.')}.0`;
  return { address: ip, prefixlen: Number(len), subnet: `${network}/${len}`, network_address: network };
};
const eth0 = (cidrs: string[], gateway: string | null, operstate = 'UP'): InterfaceState => ({
  interface: 'eth0',
  index: 2,
  operstate,
  type: 'ethernet',
  ipv4_addresses: cidrs.map(address),
  gateway,
});
const A = eth0(['192.168.1.10/24'], '192.168.1.1');
const B = eth0(['10.0.0.50/24'], '10.0.0.1');

let kernel: InterfaceState[];
let sent: Array<{ at: number; change: ChangeState }>;
let started: number;

function reporter(settleMs = SETTLE_MS): ChangeReporter {
  const view = new ClientView(DEFAULT_IGNORED_PREFIXES);
  view.seed(kernel);
  return new ChangeReporter({
    view,
    debounceMs: DEBOUNCE_MS,
    settleMs,
    snapshot: async () => kernel,
    send: (change) => sent.push({ at: Date.now() - started, change }),
    onError: (err) => {
      throw err;
    },
  });
}

/** The kernel changes `eth0` to `state` (one netlink event), then `ms` pass. */
async function event(r: ChangeReporter, state: InterfaceState, ms = 0): Promise<void> {
  kernel = [state];
  if (state.operstate === 'UP') r.touch('eth0');
  else r.checkNow('eth0');
  await jest.advanceTimersByTimeAsync(ms);
}
const wait = (ms: number) => jest.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  jest.useFakeTimers();
  kernel = [A];
  sent = [];
  started = Date.now();
});
afterEach(() => jest.useRealTimers());

describe('a complete change is reported once quiet for the settle', () => {
  test('a DHCP-style move (address deleted, new address, default route) is reported once, at the settle after its last event', async () => {
    const r = reporter();
    await event(r, eth0([], null), 5);
    await event(r, eth0(['10.0.0.50/24'], null), 5);
    await event(r, B);
    await wait(DEBOUNCE_MS * 2);
    expect(sent).toEqual([{ at: 10 + SETTLE_MS, change: B }]);
    expect(r.pendingKeys()).toEqual([]);
  });

  test('a route-only change and a static re-address are each reported at the settle', async () => {
    const r = reporter();
    // A debounce after the first report: the second is not held back.
    await event(r, eth0(['192.168.1.10/24'], '192.168.1.254'), SETTLE_MS + DEBOUNCE_MS);
    await event(r, eth0(['192.168.1.10/24', '192.168.1.20/24'], '192.168.1.254'), 5);
    await event(r, eth0(['192.168.1.20/24'], '192.168.1.254'));
    await wait(DEBOUNCE_MS * 2);
    expect(sent.map((s) => [s.at, s.change.gateway, s.change.ipv4_addresses.map((a) => a.address)])).toEqual([
      [SETTLE_MS, '192.168.1.254', ['192.168.1.10']],
      [SETTLE_MS + DEBOUNCE_MS + 5 + SETTLE_MS, '192.168.1.254', ['192.168.1.20']],
    ]);
  });

  test('events keep the settle waiting: a change that keeps changing is reported once, at the settle after the last', async () => {
    const r = reporter();
    for (let i = 1; i <= 20; i += 1) await event(r, eth0([`10.0.0.${i}/24`], '10.0.0.254'), SETTLE_MS - 50);
    await wait(DEBOUNCE_MS * 2);
    expect(sent.map((s) => [s.at, s.change.ipv4_addresses[0].address])).toEqual([[20 * (SETTLE_MS - 50) + 50, '10.0.0.20']]);
  });

  test('fails when a move is reported before its default route is back: it waits, at the latest for the debounce', async () => {
    const r = reporter();
    await event(r, eth0([], null), 5);
    await event(r, eth0(['10.0.0.50/24'], null), 1000);
    expect(sent).toEqual([]);
    await event(r, B);
    await wait(SETTLE_MS);
    expect(sent).toEqual([{ at: 1005 + SETTLE_MS, change: B }]);
  });

  test('fails when a state without its default route never comes at all: it is reported at the debounce, as it is', async () => {
    const r = reporter();
    await event(r, eth0(['10.0.0.50/24'], null));
    await wait(DEBOUNCE_MS - 1);
    expect(sent).toEqual([]);
    await wait(1);
    expect(sent).toEqual([{ at: DEBOUNCE_MS, change: eth0(['10.0.0.50/24'], null) }]);
  });

  test('fails when an interface that lost its last address is reported at the settle, not at the debounce', async () => {
    const r = reporter();
    await event(r, eth0([], null));
    await wait(DEBOUNCE_MS - 1);
    expect(sent).toEqual([]);
    await wait(1);
    expect(sent.map((s) => [s.at, s.change.ipv4_addresses])).toEqual([[DEBOUNCE_MS, []]]);
  });

  test('isComplete: an IPv4 address, and a default route where the state before had one', () => {
    expect(isComplete(B, A)).toBe(true);
    expect(isComplete(eth0(['10.0.0.50/24'], null), A)).toBe(false);
    expect(isComplete(eth0([], '10.0.0.1'), A)).toBe(false);
    expect(isComplete(eth0(['10.0.0.50/24'], null), eth0(['10.0.0.9/24'], null))).toBe(true);
    expect(isComplete(eth0(['10.0.0.50/24'], null), undefined)).toBe(true);
  });
});

describe('what returns to the state last reported reports nothing', () => {
  test('fails when A -> B -> A inside the settle is reported', async () => {
    const r = reporter();
    await event(r, eth0([], null), 5);
    await event(r, B, 100);
    await event(r, A);
    await wait(DEBOUNCE_MS * 2);
    expect(sent).toEqual([]);
  });

  test('fails when a lease renewal that re-adds the same address (new lifetimes) is reported', async () => {
    const addr = (validLft: number) =>
      JSON.stringify([
        {
          ifindex: 2,
          ifname: 'eth0',
          flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
          operstate: 'UP',
          address: '02:00:00:00:00:01',
          addr_info: [
            {
              family: 'inet',
              local: '192.168.1.10',
              prefixlen: 24,
              dynamic: true,
              valid_life_time: validLft,
              preferred_life_time: validLft,
            },
          ],
        },
      ]);
    const routes = JSON.stringify([{ dst: 'default', gateway: '192.168.1.1', dev: 'eth0', protocol: 'dhcp' }]);
    kernel = interfacesFromIp(addr(120), routes);
    const r = reporter();
    await event(r, interfacesFromIp(addr(3600), routes)[0], 5);
    await event(r, interfacesFromIp(addr(3599), routes)[0]);
    await wait(DEBOUNCE_MS * 2);
    expect(sent).toEqual([]);
  });
});

describe('a flapping link costs at most one report per debounce', () => {
  test('fails when an interface that reported within the last debounce reports again at the settle', async () => {
    const r = reporter();
    await event(r, B, 1000);
    expect(sent.map((s) => s.at)).toEqual([SETTLE_MS]);
    await event(r, A, SETTLE_MS);
    expect(sent).toHaveLength(1);
    await wait(DEBOUNCE_MS - SETTLE_MS - 1);
    expect(sent).toHaveLength(1);
    await wait(1);
    expect(sent.map((s) => [s.at, s.change])).toEqual([
      [SETTLE_MS, B],
      [1000 + DEBOUNCE_MS, A],
    ]);
  });

  test('fails when events that change nothing (the engine attaching macvlan links to the parent) hold back the next move', async () => {
    const r = reporter();
    await event(r, B, 400);
    // The parent's link events while runtimes are reconnected: every look finds B, as reported.
    for (let at = 400; at < 4000; at += 400) await event(r, B, 400);
    await event(r, A);
    await wait(DEBOUNCE_MS * 2);
    expect(sent.map((s) => [s.at, s.change])).toEqual([
      [SETTLE_MS, B],
      [4000 + SETTLE_MS, A],
    ]);
  });

  test('fails when a link flapping every second for 10 s is reported more than once per debounce: down at once, then up once quiet for the debounce', async () => {
    const r = reporter();
    for (let second = 0; second < 10; second += 1) {
      await event(r, eth0(['192.168.1.10/24'], null, 'DOWN'), 500);
      await event(r, eth0(['192.168.1.10/24'], null), 1);
      await event(r, A, 499);
    }
    await wait(DEBOUNCE_MS * 2);
    const times = sent.map((s) => s.at);
    expect(sent.map((s) => s.change.status ?? s.change.operstate)).toEqual(['down', 'UP']);
    expect(times).toEqual([0, 9501 + DEBOUNCE_MS]);
    for (let i = 1; i < times.length; i += 1) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(DEBOUNCE_MS);
  });
});

describe('down and removed stay immediate', () => {
  test('fails when a link going down waits for a timer', async () => {
    const r = reporter();
    await event(r, eth0(['192.168.1.10/24'], null, 'DOWN'));
    expect(sent.map((s) => [s.at, s.change.status])).toEqual([[0, 'down']]);
  });

  test('fails when a deleted link waits for a timer, also right after another report', async () => {
    const r = reporter();
    await event(r, B, SETTLE_MS);
    kernel = [];
    r.checkNow('eth0');
    await wait(0);
    expect(sent.map((s) => [s.at, s.change.status])).toEqual([
      [SETTLE_MS, undefined],
      [SETTLE_MS, 'removed'],
    ]);
  });
});

describe("the reference's fixed wait", () => {
  test('with the settle equal to the debounce, a complete move is reported only at the debounce', async () => {
    const r = reporter(DEBOUNCE_MS);
    await event(r, eth0([], null), 5);
    await event(r, B);
    await wait(DEBOUNCE_MS - 1);
    expect(sent).toEqual([]);
    await wait(1);
    expect(sent).toEqual([{ at: 5 + DEBOUNCE_MS, change: B }]);
  });

  test('an event during the settled look keeps the debounce look: nothing it brings is lost', async () => {
    let release: () => void = () => undefined;
    const view = new ClientView(DEFAULT_IGNORED_PREFIXES);
    view.seed(kernel);
    let slow = false;
    const r = new ChangeReporter({
      view,
      debounceMs: DEBOUNCE_MS,
      settleMs: SETTLE_MS,
      snapshot: () => {
        const seen = kernel;
        return slow ? new Promise((resolve) => (release = () => resolve(seen))) : Promise.resolve(seen);
      },
      send: (change) => sent.push({ at: Date.now() - started, change }),
      onError: (err) => {
        throw err;
      },
    });
    slow = true;
    await event(r, B, SETTLE_MS);
    slow = false;
    // The settled look's snapshot saw B; an event comes before it answers.
    await event(r, eth0(['10.0.0.50/24', '10.0.0.51/24'], '10.0.0.1'));
    release();
    await wait(DEBOUNCE_MS * 2);
    expect(sent.map((s) => [s.at, s.change.ipv4_addresses.length])).toEqual([
      [SETTLE_MS, 1],
      [SETTLE_MS + DEBOUNCE_MS, 2],
    ]);
  });
});
