import { readFileSync } from 'fs';
import * as path from 'path';
import { DEFAULT_IGNORED_PREFIXES } from '../lib/interface-filter';
import { KeyedDebounce } from '../watcher/keyed-debounce';
import { goneState, interfacesFromIp, isReportable, sameState } from '../watcher/netmon/ip-snapshot';
import { parseMonitorLine } from '../watcher/netmon/monitor-line';
import { parseMessage, protocolTimestamp } from '../watcher/protocol';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', 'netmon', name), 'utf8');
const states = () => interfacesFromIp(fixture('ip-addr.json'), fixture('ip-route-default.json'));
const byName = (name: string) => states().find((s) => s.interface === name)!;

describe('ip -j snapshot', () => {
  test('reports every IPv4 address of an interface in seed 002 shape, IPv6 left out', () => {
    expect(byName('eth0')).toEqual({
      interface: 'eth0',
      index: 2,
      operstate: 'UP',
      ipv4_addresses: [
        { address: '192.168.1.10', prefixlen: 24, subnet: '192.168.1.0/24', network_address: '192.168.1.0' },
        { address: '10.1.2.3', prefixlen: 16, subnet: '10.1.0.0/16', network_address: '10.1.0.0' },
      ],
      gateway: '10.1.0.1',
    });
  });

  test('gateway is the lowest-metric default route through the interface; none without a next hop', () => {
    expect(byName('eth0').gateway).toBe('10.1.0.1');
    expect(byName('wlan0').gateway).toBe('192.168.50.1');
    expect(byName('wwan0').gateway).toBeNull();
    expect(byName('ens37').gateway).toBeNull();
  });

  test('UNKNOWN operstate with UP and LOWER_UP flags counts as UP (tun, wwan)', () => {
    expect(byName('tun0').operstate).toBe('UP');
    expect(byName('lo').operstate).toBe('UP');
    expect(byName('wlan0').operstate).toBe('DOWN');
  });

  test('reportable: seed 002 filters (lo, docker0, veth*), other container plumbing, down, no IPv4', () => {
    const reportable = states().filter((s) => isReportable(s, DEFAULT_IGNORED_PREFIXES)).map((s) => s.interface);
    expect(reportable).toEqual(['eth0', 'wwan0']);
  });

  test('the ignore list is configurable; lo stays ignored', () => {
    const reportable = states().filter((s) => isReportable(s, ['wwan'])).map((s) => s.interface);
    expect(reportable).toEqual(['eth0', 'docker0', 'veth1a2b', 'br-5f3a', 'tun0']);
  });

  test('empty route output means no gateways', () => {
    expect(interfacesFromIp(fixture('ip-addr.json'), '').every((s) => s.gateway === null)).toBe(true);
  });

  test('fails when ip prints something other than a JSON array', () => {
    expect(() => interfacesFromIp('{"ifname":"eth0"}', '[]')).toThrow('ip -j addr: expected a JSON array');
  });

  test('fails when the route listing is not a JSON array', () => {
    expect(() => interfacesFromIp('[]', '{"dst":"default"}')).toThrow('ip -j -4 route show default: expected a JSON array, got object');
  });

  test('sameState compares addresses, gateway, operstate and index', () => {
    const eth0 = byName('eth0');
    expect(sameState(eth0, { ...eth0 })).toBe(true);
    expect(sameState(eth0, { ...eth0, gateway: '192.168.1.1' })).toBe(false);
    expect(sameState(eth0, { ...eth0, ipv4_addresses: eth0.ipv4_addresses.slice(1) })).toBe(false);
    expect(sameState(eth0, { ...eth0, operstate: 'DOWN' })).toBe(false);
    expect(sameState(eth0, undefined)).toBe(false);
  });

  test('a vanished interface is reported down with nothing on it', () => {
    expect(goneState('eth1', 4)).toEqual({ interface: 'eth1', index: 4, operstate: 'DOWN', ipv4_addresses: [], gateway: null });
  });
});

describe('ip monitor lines', () => {
  test('link, address and route lines name their interface (captured from iproute2 6.1)', () => {
    const names = fixture('monitor.txt').split('\n').map(parseMonitorLine).filter((e) => e !== undefined);
    expect(names).toEqual([
      { kind: 'interface', name: 'lan0' },
      { kind: 'interface', name: 'lan0' },
      { kind: 'interface', name: 'lan0' },
      { kind: 'interface', name: 'lan0' },
      { kind: 'interface', name: 'lan0' },
      { kind: 'interface', name: 'lan0' },
      { kind: 'interface', name: 'eth1' },
    ]);
  });

  test('a receive error means events were lost', () => {
    expect(parseMonitorLine('Netlink error: No buffer space available')).toEqual({ kind: 'lost' });
    expect(parseMonitorLine('Error: Dump terminated')).toEqual({ kind: 'lost' });
  });

  test('a line tied to no interface asks for a full look; blank lines are nothing', () => {
    expect(parseMonitorLine('unreachable default proto kernel metric 4278198272')).toEqual({ kind: 'unknown' });
    expect(parseMonitorLine('   ')).toBeUndefined();
  });
});

describe('KeyedDebounce', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('50 touches in 2 s on one key fire once, delay after the last touch', () => {
    const fired: string[] = [];
    const debounce = new KeyedDebounce<string>(3000, (key) => fired.push(key));
    for (let i = 0; i < 50; i += 1) {
      debounce.touch('eth0');
      jest.advanceTimersByTime(40);
    }
    jest.advanceTimersByTime(2999 - 40);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual(['eth0']);
    expect(debounce.pending).toBe(0);
  });

  test('keys do not delay each other', () => {
    const fired: string[] = [];
    const debounce = new KeyedDebounce<string>(1000, (key) => fired.push(key));
    debounce.touch('eth0');
    jest.advanceTimersByTime(600);
    debounce.touch('eth1');
    jest.advanceTimersByTime(400);
    expect(fired).toEqual(['eth0']);
    jest.advanceTimersByTime(600);
    expect(fired).toEqual(['eth0', 'eth1']);
  });

  test('cancelAll drops pending keys', () => {
    const fired: string[] = [];
    const debounce = new KeyedDebounce<string>(1000, (key) => fired.push(key));
    debounce.touch('eth0');
    debounce.cancelAll();
    jest.advanceTimersByTime(5000);
    expect(fired).toEqual([]);
  });

  test('fails when the delay is negative', () => {
    expect(() => new KeyedDebounce(-1, () => undefined)).toThrow('KeyedDebounce: delayMs must be a number >= 0, got -1');
  });
});

describe('protocol', () => {
  const change = { type: 'network_change', seq: 2, data: { ...byName('eth0'), timestamp: 't' } };

  test('timestamps look like seed 002 (microseconds, no zone; UTC)', () => {
    expect(protocolTimestamp(new Date('2025-11-20T20:30:45.123Z'))).toBe('2025-11-20T20:30:45.123000');
  });

  test('parses discovery and change messages', () => {
    expect(parseMessage(JSON.stringify(change))).toEqual(change);
    const discovery = { type: 'network_discovery', seq: 1, data: { interfaces: [change.data], timestamp: 't' } };
    expect(parseMessage(JSON.stringify(discovery))).toEqual(discovery);
  });

  test.each([
    ['not JSON', '{"type":'],
    ['an unknown type', '{"type":"hello","data":{}}'],
    ['a change without addresses', '{"type":"network_change","data":{"interface":"eth0","operstate":"UP"}}'],
    ['a discovery whose interfaces are not a list', '{"type":"network_discovery","data":{"interfaces":{}}}'],
    ['an address without prefixlen', JSON.stringify({ ...change, data: { ...change.data, ipv4_addresses: [{ address: '1.2.3.4', subnet: '1.2.3.0/24' }] } })],
  ])('skips a line that is %s', (_what, line) => {
    expect(parseMessage(line)).toBeUndefined();
  });
});
