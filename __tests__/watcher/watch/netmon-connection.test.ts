import fc from 'fast-check';
import { mkdtempSync, promises as fs } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { NetmonMessage } from '../../../watcher/common/protocol';
import { lineReader, MAX_LINE_FROM_NETMON_BYTES, NetmonConnection, SkippedLine } from '../../../watcher/watch/netmon-connection';
import { until } from '../../poll';

const change = JSON.stringify({
  type: 'network_change',
  seq: 2,
  data: { interface: 'eth0', index: 2, operstate: 'UP', ipv4_addresses: [], gateway: null, timestamp: 't' },
});

function recorder(maxLineBytes?: number) {
  const calls = { messages: [] as NetmonMessage[], malformed: [] as string[], skipped: [] as SkippedLine[] };
  const read = lineReader(
    {
      onMessage: (m) => calls.messages.push(m),
      onMalformed: (_line, reason) => calls.malformed.push(reason),
      onSkipped: (s) => calls.skipped.push(s),
    },
    maxLineBytes,
  );
  return { calls, read: (text: string | Buffer) => read(typeof text === 'string' ? Buffer.from(text) : text) };
}

describe("the watcher's line reader", () => {
  test('events go to onMessage; other events and replies are skipped and counted, not malformed', () => {
    const { calls, read } = recorder();
    expect(
      read(
        `${change}\n{"type":"device_discovery","data":{"devices":[]}}\n{"type":"dhcp_update","data":{}}\n{"success":true,"status":{}}\n`,
      ),
    ).toBeUndefined();
    expect(calls.messages.map((m) => m.type)).toEqual(['network_change']);
    expect(calls.skipped).toEqual([
      { kind: 'other-event', type: 'device_discovery' },
      { kind: 'other-event', type: 'dhcp_update' },
      { kind: 'reply' },
    ]);
    expect(calls.malformed).toEqual([]);
  });

  test('a malformed line is reported with its reason and the stream goes on; blank lines are nothing', () => {
    const { calls, read } = recorder();
    read(`{"type":"network_change","data":\n\n   \n${change}\n`);
    expect(calls.malformed).toEqual(['not JSON']);
    expect(calls.messages).toHaveLength(1);
  });

  test('a line split across chunks is read whole', () => {
    const { calls, read } = recorder();
    read(change.slice(0, 10));
    read(`${change.slice(10)}\n`);
    expect(calls.messages).toHaveLength(1);
  });

  test('fails when a line passes the bound without a newline: the reader says why, after the lines before it', () => {
    const { calls, read } = recorder(64);
    expect(read(`{"success":true}\n${'x'.repeat(65)}`)).toBe('netmon sent a line longer than 64 bytes without a newline');
    expect(calls.skipped).toEqual([{ kind: 'reply' }]);
  });

  test('property: random bytes, truncated JSON and huge lines never throw; every complete line is handled exactly once', () => {
    const piece = fc.oneof(
      fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b)),
      fc.integer({ min: 0, max: change.length }).map((cut) => Buffer.from(`${change.slice(0, cut)}\n`)),
      fc.constant(Buffer.from(`${change}\n`)),
      fc.integer({ min: 100, max: 400 }).map((n) => Buffer.from('{"a":"'.padEnd(n, 'y'))),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 16, max: 300 }), (pieces, bound) => {
        const { calls, read } = recorder(bound);
        const whole = Buffer.concat(pieces);
        let dropped: string | undefined;
        for (const chunk of pieces) {
          dropped = read(chunk);
          if (dropped !== undefined) break;
        }
        const handled = calls.messages.length + calls.malformed.length + calls.skipped.length;
        const lines: string[] = [];
        for (let start = 0, end = whole.indexOf(0x0a); end !== -1; start = end + 1, end = whole.indexOf(0x0a, start)) {
          lines.push(whole.subarray(start, end).toString('utf8').replace(/\r$/, ''));
        }
        const complete = lines.filter((l) => l.trim() !== '');
        if (dropped === undefined) expect(handled).toBe(complete.length);
        else expect(handled).toBeLessThanOrEqual(complete.length);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('NetmonConnection', () => {
  let dir: string;
  let server: net.Server | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'edgenet-conn-'));
  });
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = undefined;
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('fails when netmon sends a line longer than the bound: the connection closes, saying why', async () => {
    const socketPath = path.join(dir, 'netmon.sock');
    server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.write(`${change}\n`);
      socket.write('x'.repeat(MAX_LINE_FROM_NETMON_BYTES + 1));
    });
    await new Promise<void>((r) => server!.listen(socketPath, r));
    const messages: NetmonMessage[] = [];
    let closed: string | undefined;
    const connection = await NetmonConnection.connect(socketPath, {
      onMessage: (m) => messages.push(m),
      onClose: (reason) => (closed = reason),
    });
    await until(() => closed !== undefined, 'the connection to close', 5000);
    expect(closed).toBe(`netmon sent a line longer than ${MAX_LINE_FROM_NETMON_BYTES} bytes without a newline`);
    expect(messages).toHaveLength(1);
    connection.close();
  });
});
