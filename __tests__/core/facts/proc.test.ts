import { parseIpAddrJson, parseProcNetDev, parseProcNetRoute } from '../../../lib/core/facts/proc';

const HEADER = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT';
const route = (row: string) => `${HEADER}\n${row}\n`;
const DEV_HEADER =
  'Inter-|   Receive                                                |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed';
const link = (extra: Record<string, unknown> = {}) => ({ ifindex: 2, ifname: 'eth0', operstate: 'UP', ...extra });
const addr = (...links: unknown[]) => JSON.stringify(links);

describe('/proc/net/route', () => {
  test('reads rows after the header; blank lines are nothing', () => {
    expect(parseProcNetRoute(route('eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n'))).toHaveLength(1);
    expect(parseProcNetRoute(`${HEADER}\n`)).toEqual([]);
  });

  test('fails when the header is missing', () => {
    expect(() => parseProcNetRoute('eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\n')).toThrow(
      /^line 1: is not the routing table header, got "eth0\\t00000000.*; expected a line starting with Iface/,
    );
  });

  test('fails when the file is empty', () => {
    expect(() => parseProcNetRoute('')).toThrow('line 1: is not the routing table header, got ""');
  });

  test('fails when a row has too few columns', () => {
    expect(() => parseProcNetRoute(route('eth0\t00000000\t0101A8C0'))).toThrow(
      'line 2: has too few columns, got "eth0\\t00000000\\t0101A8C0"; expected at least Iface, Destination, Gateway, Flags, RefCnt, Use, Metric, Mask',
    );
  });

  test.each([
    ['Destination', 'eth0\tzz000000\t0101A8C0\t0003\t0\t0\t100\t00000000', '"zz000000"'],
    ['Gateway', 'eth0\t00000000\t0101A8C\t0003\t0\t0\t100\t00000000', '"0101A8C"'],
    ['Mask', 'eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00FFFFFF0', '"00FFFFFF0"'],
  ])('fails when %s is not 8 hex digits', (column, row, got) => {
    expect(() => parseProcNetRoute(route(row))).toThrow(`line 2: ${column} is not 8 hex digits, got ${got}`);
  });

  test('fails when Flags is not hexadecimal', () => {
    expect(() => parseProcNetRoute(route('eth0\t00000000\t0101A8C0\tUP\t0\t0\t100\t00000000'))).toThrow(
      'line 2: Flags is not hexadecimal, got "UP"',
    );
  });

  test('fails when Metric is not a number', () => {
    expect(() => parseProcNetRoute(route('eth0\t00000000\t0101A8C0\t0003\t0\t0\t-1\t00000000'))).toThrow(
      'line 2: Metric is not a number, got "-1"',
    );
  });
});

describe('/proc/net/dev', () => {
  test('lists the interface names in order', () => {
    expect(parseProcNetDev(`${DEV_HEADER}\n    lo: 0 0\n  eth0: 1 2\nwlx001122334455: 0 0\n`)).toEqual(['lo', 'eth0', 'wlx001122334455']);
  });

  test('fails when the header is missing', () => {
    expect(() => parseProcNetDev('  eth0: 0 0\n  eth1: 0 0\n')).toThrow(/^line 1: is not the interface table header, got " {2}eth0: 0 0"/);
  });

  test('fails when a row is not "<name>: <counters>"', () => {
    expect(() => parseProcNetDev(`${DEV_HEADER}\n  eth0 0 0\n`)).toThrow(
      'line 3: is not an interface row, got "  eth0 0 0"; expected "<name>: <counters>"',
    );
  });
});

describe('ip -j addr', () => {
  test('keeps IPv4 addresses, leaves IPv6 out, tolerates missing operstate and flags, skips empty objects', () => {
    const [eth0] = parseIpAddrJson(
      addr(
        {},
        {
          ifindex: 2,
          ifname: 'eth0',
          addr_info: [
            { family: 'inet', local: '10.0.0.7', prefixlen: 24 },
            { family: 'inet6', local: 'fe80::1', prefixlen: 64 },
          ],
        },
      ),
    );
    expect(eth0).toEqual({
      ifname: 'eth0',
      ifindex: 2,
      flags: [],
      operstate: 'UNKNOWN',
      mac: null,
      ipv4: [{ address: '10.0.0.7', prefixlen: 24, subnet: '10.0.0.0/24' }],
    });
  });

  test('fails when the text is not JSON, on one line', () => {
    expect(() => parseIpAddrJson('[{"ifname":\n')).toThrow(/^is not JSON \([^\n]*\); expected the output of ip -j addr$/);
  });

  test('fails when it is not a list', () => {
    expect(() => parseIpAddrJson('{"ifname":"eth0"}')).toThrow(
      'is not a JSON array, got {"ifname":"eth0"}; expected the output of ip -j addr, a list of links',
    );
  });

  test.each([
    ['an entry is null', addr(null), '[0]: is not an object, got null'],
    ['ifname is missing', addr({ ifindex: 2 }), '[0].ifname: is not an interface name, got nothing'],
    ['ifindex is a string', addr(link({ ifindex: '2' })), '[0].ifindex: is not an interface index, got "2"'],
    ['ifindex is 0', addr(link({ ifindex: 0 })), '[0].ifindex: is not an interface index, got 0'],
    ['flags is a string', addr(link({ flags: 'UP' })), '[0].flags: is not a list of flags, got "UP"'],
    ['operstate is a number', addr(link({ operstate: 6 })), '[0].operstate: is not a string, got 6'],
    ['address is a number', addr(link({ address: 5 })), '[0].address: is not a string, got 5'],
    ['addr_info is an object', addr(link({ addr_info: {} })), '[0].addr_info: is not a list, got {}'],
    ['an addr_info entry is null', addr(link({ addr_info: [null] })), '[0].addr_info[0]: is not an object, got null'],
    [
      'an IPv4 local is not an address',
      addr(link({ addr_info: [{ family: 'inet', local: 'x', prefixlen: 24 }] })),
      '[0].addr_info[0].local: is not an IPv4 address, got "x"',
    ],
    [
      'an IPv4 prefixlen is 33',
      addr(link({ addr_info: [{ family: 'inet', local: '10.0.0.1', prefixlen: 33 }] })),
      '[0].addr_info[0].prefixlen: is not a prefix length, got 33',
    ],
  ])('fails when %s', (_what, text, message) => {
    expect(() => parseIpAddrJson(text)).toThrow(message);
  });
});
