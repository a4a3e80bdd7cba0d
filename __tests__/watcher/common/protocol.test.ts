import fc from 'fast-check';
import { parseLine, parseMessage, protocolTimestamp } from '../../../watcher/common/protocol';

/** An interface as netmon's daemon reports it. */
const byName = (name: string) => ({
  interface: name,
  index: 2,
  operstate: 'UP',
  type: 'ethernet',
  ipv4_addresses: [
    { address: '192.168.1.10', prefixlen: 24, subnet: '192.168.1.0/24', network_address: '192.168.1.0' },
    { address: '10.1.2.3', prefixlen: 16, subnet: '10.1.0.0/16', network_address: '10.1.0.0' },
  ],
  gateway: '10.1.0.1',
});

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
    ['a reply', '{"success":true,"status":{}}'],
    ['a change without addresses', '{"type":"network_change","data":{"interface":"eth0","operstate":"UP"}}'],
    ['a discovery whose interfaces are not a list', '{"type":"network_discovery","data":{"interfaces":{}}}'],
    [
      'an address without prefixlen',
      JSON.stringify({ ...change, data: { ...change.data, ipv4_addresses: [{ address: '1.2.3.4', subnet: '1.2.3.0/24' }] } }),
    ],
  ])('parseMessage gives nothing for a line that is %s', (_what, line) => {
    expect(parseMessage(line)).toBeUndefined();
  });
});

describe('telling lines apart', () => {
  const reference = {
    interface: 'ens37',
    index: 2,
    operstate: 'UP',
    ipv4_addresses: [{ address: '192.168.1.50', prefixlen: 24, subnet: '192.168.1.0/24', network_address: '192.168.1.0' }],
    gateway: '192.168.1.1',
    timestamp: '2025-11-20T20:30:45.123456',
  };

  test("the reference sidecar's discovery and change (no seq, no type on interfaces) are events", () => {
    const discovery = { type: 'network_discovery', data: { interfaces: [reference], timestamp: reference.timestamp } };
    expect(parseLine(JSON.stringify(discovery))).toEqual({ kind: 'event', message: discovery });
    expect(parseLine(JSON.stringify({ type: 'network_change', data: reference }))).toEqual({
      kind: 'event',
      message: { type: 'network_change', data: reference },
    });
  });

  test('timestamps with or without a zone are accepted', () => {
    for (const timestamp of ['2025-11-20T20:30:45.123456', '2025-11-20T20:30:45.123456+01:00', '2025-11-20T20:30:45Z']) {
      expect(parseLine(JSON.stringify({ type: 'network_change', data: { ...reference, timestamp } })).kind).toBe('event');
    }
  });

  test("the reference sidecar's short down and removed events are events, filled to edgenet's shape", () => {
    for (const status of ['down', 'removed'] as const) {
      const line = JSON.stringify({ type: 'network_change', data: { interface: 'eth0', ipv4_addresses: [], status } });
      expect(parseLine(line)).toEqual({
        kind: 'event',
        message: {
          type: 'network_change',
          data: { interface: 'eth0', index: 0, operstate: 'DOWN', ipv4_addresses: [], gateway: null, status },
        },
      });
    }
  });

  test("edgenet's own down event keeps its fields", () => {
    const data = {
      interface: 'eth0',
      index: 3,
      operstate: 'LOWERLAYERDOWN',
      type: 'wifi',
      ipv4_addresses: [],
      gateway: null,
      status: 'down',
    };
    expect(parseLine(JSON.stringify({ type: 'network_change', seq: 4, data }))).toEqual({
      kind: 'event',
      message: { type: 'network_change', seq: 4, data },
    });
  });

  test.each(['device_discovery', 'device_change', 'dhcp_update', 'something_new'])(
    'an event of type %s is another event, not malformed',
    (type) => {
      expect(parseLine(JSON.stringify({ type, data: { anything: [1, 2] } }))).toEqual({ kind: 'other-event', type });
    },
  );

  test('an object without type is a reply', () => {
    expect(parseLine('{"success": false, "error": "unsupported command: start_dhcp"}')).toEqual({
      kind: 'reply',
      reply: { success: false, error: 'unsupported command: start_dhcp' },
    });
  });

  test.each([
    ['not JSON', '{"type":', 'not JSON'],
    ['not an object', '[1,2]', 'not a JSON object'],
    ['null', 'null', 'not a JSON object'],
    ['a type that is not a string', '{"type": 5}', 'type is not a string'],
    [
      'a change without operstate and without status',
      '{"type":"network_change","data":{"interface":"eth0","ipv4_addresses":[]}}',
      'network_change: data.operstate is not a string',
    ],
    [
      'a status other than down or removed',
      '{"type":"network_change","data":{"interface":"eth0","ipv4_addresses":[],"status":"sideways"}}',
      'network_change: data.status is not one of down, removed',
    ],
    [
      'an interface type other than ethernet or wifi',
      JSON.stringify({ type: 'network_change', data: { ...reference, type: 'token-ring' } }),
      'network_change: data.type is not ethernet or wifi',
    ],
    [
      'a timestamp that is not a string',
      JSON.stringify({ type: 'network_change', data: { ...reference, timestamp: 1700000000 } }),
      'network_change: data.timestamp is not a string',
    ],
    [
      'a discovery entry that is null',
      '{"type":"network_discovery","data":{"interfaces":[null]}}',
      'network_discovery: data.interfaces[0] is not an object',
    ],
    [
      'a gateway that is a number',
      JSON.stringify({ type: 'network_change', data: { ...reference, gateway: 7 } }),
      'network_change: data.gateway is not a string or null',
    ],
    [
      'an index that is not an integer',
      JSON.stringify({ type: 'network_change', data: { ...reference, index: 'two' } }),
      'network_change: data.index is not an integer',
    ],
    ['a seq that is not an integer', JSON.stringify({ type: 'network_change', seq: 'x', data: reference }), 'seq is not an integer'],
    [
      'nested past what a log line can print',
      `{"type": "network_change", "data": ${JSON.stringify(reference)}, "x": ${'['.repeat(30_000)}${']'.repeat(30_000)}}`,
      `$.x${'[0]'.repeat(31)}: nests too deeply, got more than 32 levels; expected at most 32 levels of lists and mappings`,
    ],
  ])('fails when a line is %s: malformed, with the reason', (_what, line, reason) => {
    expect(parseLine(line)).toEqual({ kind: 'malformed', reason });
  });

  test('property: any text is told apart without throwing, and events are well-formed', () => {
    const lines = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 4 }).map((data) => JSON.stringify({ type: 'network_change', data })),
      fc.jsonValue({ maxDepth: 4 }).map((interfaces) => JSON.stringify({ type: 'network_discovery', data: { interfaces } })),
      fc
        .tuple(fc.constantFrom(...Object.keys(reference)), fc.jsonValue({ maxDepth: 2 }))
        .map(([key, value]) => JSON.stringify({ type: 'network_change', data: { ...reference, [key]: value } })),
      fc.integer({ min: 0, max: 60 }).map((cut) => JSON.stringify({ type: 'network_change', data: reference }).slice(0, cut)),
      fc.integer({ min: 1, max: 20_000 }).map((depth) => `{"type": "network_change", "data": ${'['.repeat(depth)}${']'.repeat(depth)}}`),
    );
    fc.assert(
      fc.property(lines, (line) => {
        const parsed = parseLine(line);
        expect(['event', 'other-event', 'reply', 'malformed']).toContain(parsed.kind);
        if (parsed.kind === 'event') {
          const reports = parsed.message.type === 'network_change' ? [parsed.message.data] : parsed.message.data.interfaces;
          for (const report of reports) {
            expect(typeof report.interface).toBe('string');
            expect(Number.isInteger(report.index)).toBe(true);
            expect(typeof report.operstate).toBe('string');
            expect(Array.isArray(report.ipv4_addresses)).toBe(true);
            expect(report.gateway === null || typeof report.gateway === 'string').toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
