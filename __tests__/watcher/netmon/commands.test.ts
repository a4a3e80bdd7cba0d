import fc from 'fast-check';
import { answerCommandLine, NetmonStatus, SUPPORTED_COMMANDS } from '../../../watcher/netmon/commands';
import { commandReader } from '../../../watcher/netmon/json-lines-server';

const STATUS: NetmonStatus = {
  clients: 2,
  interfaces: ['eth0'],
  pending_changes: ['eth1'],
  debounce_ms: 3000,
  settle_ms: 250,
  netlink: {
    state: 'running',
    degraded: false,
    restarts: 0,
    lost_events: 0,
    last_event_at: '2025-11-20T20:30:45.123000',
    last_restart_at: null,
  },
};
const answer = (line: string) => answerCommandLine(line, () => STATUS);

describe('netmon commands', () => {
  test('get_status answers with the whole status', () => {
    expect(answer('{"command": "get_status"}')).toEqual({ success: true, status: STATUS });
  });

  test('get_netlink_status answers with the netlink part', () => {
    expect(answer('{"command": "get_netlink_status"}')).toEqual({ success: true, status: STATUS.netlink });
  });

  test('extra fields in a command are allowed', () => {
    expect(answer('{"command": "get_status", "id": 7}')).toMatchObject({ success: true });
  });

  test.each(['start_dhcp', 'stop_dhcp', 'get_dhcp_status', 'get_device_status', 'discover_devices', 'toString', '__proto__', ''])(
    'fails when the command is %j: unsupported',
    (command) => {
      expect(answer(JSON.stringify({ command, container_name: 'rt1' }))).toEqual({
        success: false,
        error: `unsupported command: ${command}`,
      });
    },
  );

  test('fails when the line is not JSON', () => {
    expect(answer('{"command": ')).toEqual({
      success: false,
      error: 'invalid JSON: expected one object per line, e.g. {"command": "get_status"}',
    });
  });

  test.each(['[1]', '"get_status"', '42', 'null'])('fails when the line is %s, not an object', (line) => {
    expect(answer(line)).toEqual({ success: false, error: 'not a JSON object: expected {"command": "<name>"}' });
  });

  test('fails when the object has no command', () => {
    expect(answer('{"cmd": "get_status"}')).toEqual({ success: false, error: 'missing command: expected {"command": "<name>"}' });
  });

  test('fails when the command is not a string', () => {
    expect(answer('{"command": 5}')).toEqual({ success: false, error: 'command is not a string, got 5' });
  });

  test('fails when a command nests past what a reply can print: a reply all the same', () => {
    expect(answer(`{"command": ${'['.repeat(30_000)}${']'.repeat(30_000)}}`)).toEqual({
      success: false,
      error: `$.command${'[0]'.repeat(31)}: nests too deeply, got more than 32 levels; expected at most 32 levels of lists and mappings`,
    });
  });

  test('a blank line asks nothing and gets nothing', () => {
    expect(answer('   ')).toBeUndefined();
    expect(answer('')).toBeUndefined();
  });

  test('the supported commands are exactly get_status and get_netlink_status', () => {
    expect(SUPPORTED_COMMANDS).toEqual(['get_status', 'get_netlink_status']);
  });

  test('property: any line that is not blank gets exactly one reply, an object without type', () => {
    const lines = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc.jsonValue({ maxDepth: 2 }).map((command) => JSON.stringify({ command })),
      fc.constantFrom(...SUPPORTED_COMMANDS).map((command) => JSON.stringify({ command })),
      fc.integer({ min: 1, max: 20_000 }).map((depth) => `{"command": ${'['.repeat(depth)}${']'.repeat(depth)}}`),
    );
    fc.assert(
      fc.property(lines, (line) => {
        const reply = answer(line);
        if (line.trim() === '') {
          expect(reply).toBeUndefined();
          return;
        }
        expect(reply).toBeDefined();
        expect(Object.keys(reply!)).not.toContain('type');
        expect(typeof reply!.success).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe("netmon's command reader", () => {
  test('answers every complete line in order, keeping the unfinished one', () => {
    const read = commandReader(answer, 1024);
    const first = read(Buffer.from('{"command":"get_status"}\nnope\n{"command":"start_'));
    expect(first.replies).toEqual([
      { success: true, status: STATUS },
      { success: false, error: 'invalid JSON: expected one object per line, e.g. {"command": "get_status"}' },
    ]);
    expect(read(Buffer.from('dhcp"}\n')).replies).toEqual([{ success: false, error: 'unsupported command: start_dhcp' }]);
  });

  test('fails when a client writes more than the bound without a newline: it is to be dropped', () => {
    const read = commandReader(answer, 64);
    expect(read(Buffer.from('{"command":"get_status"}\n'.concat('x'.repeat(65))))).toEqual({
      replies: [{ success: true, status: STATUS }],
      overflow: 'sent a line longer than 64 bytes without a newline',
    });
  });

  test('property: random bytes, truncated JSON and huge lines: one reply per complete non-blank line, or a drop; never a throw', () => {
    const command = '{"command":"get_status"}\n';
    const piece = fc.oneof(
      fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b)),
      fc.integer({ min: 0, max: command.length }).map((cut) => Buffer.from(command.slice(0, cut))),
      fc.constant(Buffer.from(command)),
      fc.integer({ min: 100, max: 500 }).map((n) => Buffer.alloc(n, 0x7b)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 8, max: 300 }), (pieces, bound) => {
        const read = commandReader(answer, bound);
        let replies = 0;
        let overflow: string | undefined;
        for (const chunk of pieces) {
          const result = read(chunk);
          replies += result.replies.length;
          overflow = result.overflow;
          if (overflow !== undefined) break;
        }
        const whole = Buffer.concat(pieces);
        const lines: string[] = [];
        for (let start = 0, end = whole.indexOf(0x0a); end !== -1; start = end + 1, end = whole.indexOf(0x0a, start)) {
          lines.push(whole.subarray(start, end).toString('utf8').replace(/\r$/, ''));
        }
        const asked = lines.filter((l) => l.trim() !== '').length;
        if (overflow === undefined) expect(replies).toBe(asked);
        else expect(replies).toBeLessThanOrEqual(asked);
      }),
      { numRuns: 1000 },
    );
  });
});
