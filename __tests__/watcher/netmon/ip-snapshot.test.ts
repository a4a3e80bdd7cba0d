import { readFileSync } from 'fs';
import * as path from 'path';
import { DEFAULT_IGNORED_PREFIXES } from '../../../lib/core/facts/interface-filter';
import { interfacesFromIp, isReportable, sameState } from '../../../watcher/netmon/ip-snapshot';
import { FIXTURES } from '../../paths';

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'netmon', name), 'utf8');
const states = () => interfacesFromIp(fixture('ip-addr.json'), fixture('ip-route-default.json'));
const byName = (name: string) => states().find((s) => s.interface === name)!;

describe('ip -j snapshot', () => {
  test("reports every IPv4 address of an interface in the netmon protocol's shape, IPv6 left out", () => {
    expect(byName('eth0')).toEqual({
      interface: 'eth0',
      index: 2,
      operstate: 'UP',
      type: 'ethernet',
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

  test("reportable: the protocol's filters (lo, docker0, veth*), other container plumbing, down, no IPv4", () => {
    const reportable = states()
      .filter((s) => isReportable(s, DEFAULT_IGNORED_PREFIXES))
      .map((s) => s.interface);
    expect(reportable).toEqual(['eth0', 'wwan0']);
  });

  test('the ignore list is configurable; lo stays ignored', () => {
    const reportable = states()
      .filter((s) => isReportable(s, ['wwan']))
      .map((s) => s.interface);
    expect(reportable).toEqual(['eth0', 'docker0', 'veth1a2b', 'br-5f3a', 'tun0']);
  });

  test('type: wifi when sysfs marks the link wireless, else by name (wlan*, wlp*, wlx*), else ethernet', () => {
    const typed = interfacesFromIp(fixture('ip-addr.json'), '[]', new Set(['ens37']));
    expect(typed.find((s) => s.interface === 'ens37')!.type).toBe('wifi');
    expect(typed.find((s) => s.interface === 'wlan0')!.type).toBe('wifi');
    expect(typed.find((s) => s.interface === 'eth0')!.type).toBe('ethernet');
  });

  test('empty route output means no gateways', () => {
    expect(interfacesFromIp(fixture('ip-addr.json'), '').every((s) => s.gateway === null)).toBe(true);
  });

  test('fails when ip prints something other than a JSON array', () => {
    expect(() => interfacesFromIp('{"ifname":"eth0"}', '[]')).toThrow(
      'ip -j addr: is not a JSON array, got {"ifname":"eth0"}; expected the output of ip -j addr, a list of links',
    );
  });

  test('fails when the route listing is not a JSON array', () => {
    expect(() => interfacesFromIp('[]', '{"dst":"default"}')).toThrow('ip -j -4 route show default: expected a JSON array, got object');
  });

  test('sameState compares addresses, gateway, operstate, type and index', () => {
    const eth0 = byName('eth0');
    expect(sameState(eth0, { ...eth0 })).toBe(true);
    expect(sameState(eth0, { ...eth0, gateway: '192.168.1.1' })).toBe(false);
    expect(sameState(eth0, { ...eth0, ipv4_addresses: eth0.ipv4_addresses.slice(1) })).toBe(false);
    expect(sameState(eth0, { ...eth0, operstate: 'DOWN' })).toBe(false);
    expect(sameState(eth0, { ...eth0, type: 'wifi' })).toBe(false);
    expect(sameState(eth0, undefined)).toBe(false);
  });
});
