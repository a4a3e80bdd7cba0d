import { readFileSync } from 'fs';
import * as path from 'path';
import { interfacesFromIp } from '../../../watcher/netmon/ip-snapshot';
import { parseMessage, protocolTimestamp } from '../../../watcher/common/protocol';
import { FIXTURES } from '../../paths';

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'netmon', name), 'utf8');
const states = () => interfacesFromIp(fixture('ip-addr.json'), fixture('ip-route-default.json'));
const byName = (name: string) => states().find((s) => s.interface === name)!;

describe('protocol', () => {
  const change = { type: 'network_change', seq: 2, data: { ...byName('eth0'), timestamp: 't' } };

  test("timestamps look like the protocol's (microseconds, no zone; UTC)", () => {
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
    [
      'an address without prefixlen',
      JSON.stringify({ ...change, data: { ...change.data, ipv4_addresses: [{ address: '1.2.3.4', subnet: '1.2.3.0/24' }] } }),
    ],
  ])('skips a line that is %s', (_what, line) => {
    expect(parseMessage(line)).toBeUndefined();
  });
});
