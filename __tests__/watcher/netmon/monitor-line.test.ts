import { readFileSync } from 'fs';
import * as path from 'path';
import { parseMonitorLine } from '../../../watcher/netmon/monitor-line';
import { FIXTURES } from '../../paths';

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'netmon', name), 'utf8');

describe('ip monitor lines', () => {
  test('link, address and route lines name their interface (captured from iproute2 6.1)', () => {
    const names = fixture('monitor.txt')
      .split('\n')
      .map(parseMonitorLine)
      .filter((e) => e !== undefined);
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
