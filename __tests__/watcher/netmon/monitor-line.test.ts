import { readFileSync } from 'fs';
import * as path from 'path';
import { parseMonitorLine } from '../../../watcher/netmon/monitor-line';
import { FIXTURES } from '../../paths';

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'netmon', name), 'utf8');
const events = (name: string) =>
  fixture(name)
    .split('\n')
    .map(parseMonitorLine)
    .filter((e) => e !== undefined);

describe('ip monitor lines', () => {
  test('link, address and route lines name their interface (captured from iproute2 6.1)', () => {
    expect(events('monitor.txt')).toEqual([
      { kind: 'link', index: 3, name: 'lan0', up: true, deleted: false },
      { kind: 'address', index: 3, name: 'lan0' },
      { kind: 'route', name: 'lan0' },
      { kind: 'route', name: 'lan0' },
      { kind: 'address', index: 3, name: 'lan0' },
      { kind: 'route', name: 'lan0' },
      { kind: 'link', index: 4, name: 'eth1', up: false, deleted: true },
    ]);
  });

  test('a link going down, renamed, carrier lost or back up (captured from iproute2 6.1 on Linux 6.18)', () => {
    expect(events('monitor-link.txt').filter((e) => e.kind === 'link')).toEqual([
      { kind: 'link', index: 3, name: 'lan0', up: false, deleted: false },
      { kind: 'link', index: 2, name: 'vp0', up: false, deleted: false },
      { kind: 'link', index: 3, name: 'wlx001122', up: false, deleted: false },
      { kind: 'link', index: 3, name: 'wlx001122', up: false, deleted: false },
      { kind: 'link', index: 3, name: 'wlx001122', up: true, deleted: false },
      { kind: 'link', index: 3, name: 'wan1', up: true, deleted: false },
      { kind: 'link', index: 3, name: 'wan1', up: false, deleted: true },
    ]);
  });

  test('after a rename, address lines keep the index but show the name ip monitor started with', () => {
    expect(events('monitor-link.txt').filter((e) => e.kind === 'address')).toContainEqual({ kind: 'address', index: 3, name: 'lan0' });
  });

  test('UNKNOWN state counts as up only with the UP and LOWER_UP flags (tun devices)', () => {
    expect(
      parseMonitorLine('7: tun0: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UNKNOWN group default'),
    ).toEqual({
      kind: 'link',
      index: 7,
      name: 'tun0',
      up: true,
      deleted: false,
    });
    expect(parseMonitorLine('7: tun0: <POINTOPOINT,MULTICAST,NOARP> mtu 1500 qdisc fq_codel state UNKNOWN group default')).toMatchObject({
      up: false,
    });
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
