import { EdgenetError } from '../../../lib/core/errors';
import {
  buildFacts,
  defaultGateway,
  hasPrivateIPv4,
  parseIpAddrJson,
  parseProcNetDev,
  parseProcNetRoute,
  RawHostFiles,
  RouteEntry,
} from '../../../lib/core/facts/proc';
import { InterfaceFact } from '../../../lib/core/facts/types';

const HEADER = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT';
const DEV_HEADER =
  'Inter-|   Receive                                                |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed';
const link = (extra: Record<string, unknown> = {}) => ({ ifindex: 2, ifname: 'eth0', operstate: 'UP', ...extra });
const addr = (...links: unknown[]) => JSON.stringify(links);
const inet = (extra: Record<string, unknown> = {}) => ({ family: 'inet', local: '10.0.0.1', prefixlen: 24, ...extra });
const withInfo = (...infos: unknown[]) => addr(link({ addr_info: infos }));

/** A /proc/net/route row: iface, destination, gateway, flags, metric, mask (addresses in kernel hex). */
const row = (iface: string, dest: string, gw: string, flags: string, metric: number, mask: string) =>
  `${iface}\t${dest}\t${gw}\t${flags}\t0\t0\t${metric}\t${mask}\t0\t0\t0`;
const routeTable = (...rows: string[]) => `${HEADER}\n${rows.join('\n')}\n`;

/** 192.168.1.1, 10.0.0.1 and 192.168.2.1 as the kernel writes them. */
const GW_LAN = '0101A8C0';
const GW_TEN = '0100000A';
const GW_OTHER = '0102A8C0';
const ZERO = '00000000';

const entry = (extra: Partial<RouteEntry>): RouteEntry => ({
  iface: 'eth0',
  destination: 0,
  gateway: 0xc0a80101,
  mask: 0,
  flags: 0x3,
  metric: 100,
  ...extra,
});

const iface = (name: string, address: string | null): InterfaceFact => ({
  name,
  operstate: 'UP',
  mac: null,
  ipv4: [{ address, prefixlen: 24, subnet: '192.168.1.0/24' }],
  gateway: null,
});

const addrJson = (...links: Array<[string, string]>) =>
  addr(...links.map(([ifname, local], i) => link({ ifindex: i + 2, ifname, addr_info: [inet({ local })] })));

const files = (extra: Partial<RawHostFiles> = {}): RawHostFiles => ({
  procNetRoute: routeTable(),
  procNetDev: `${DEV_HEADER}\n  eth0: 0 0\n  eth1: 0 0\n`,
  ipAddrJson: addrJson(['eth0', '192.168.1.10'], ['eth1', '192.168.2.10']),
  wirelessInterfaces: [],
  detectedAt: '2026-11-22T00:00:00.000Z',
  ...extra,
});

describe('/proc/net/route rows', () => {
  test('fails when a whitespace-only line is not skipped like a blank one', () => {
    expect(parseProcNetRoute(`${HEADER}\n  \t \n${row('eth0', ZERO, GW_LAN, '0003', 100, ZERO)}\n`)).toEqual([
      { iface: 'eth0', destination: 0, gateway: 0xc0a80101, flags: 3, metric: 100, mask: 0 },
    ]);
  });

  test('fails when a row indented with leading whitespace is not read column by column', () => {
    expect(parseProcNetRoute(`${HEADER}\n   eth0\t${ZERO}\t${GW_LAN}\t0003\t0\t0\t7\t${ZERO}\n`)).toEqual([
      { iface: 'eth0', destination: 0, gateway: 0xc0a80101, flags: 3, metric: 7, mask: 0 },
    ]);
  });

  test('fails when a run of several tabs and spaces between columns is not one separator', () => {
    expect(parseProcNetRoute(`${HEADER}\neth0 \t\t${ZERO}   ${GW_LAN}\t\t0003  0  0  20\t${'00FFFFFF'}\n`)).toEqual([
      { iface: 'eth0', destination: 0, gateway: 0xc0a80101, flags: 3, metric: 20, mask: 0xffffff00 },
    ]);
  });

  test('fails when a column that is not 8 hex digits is reported without what is allowed', () => {
    expect(() => parseProcNetRoute(routeTable(row('eth0', 'zz000000', GW_LAN, '0003', 0, ZERO)))).toThrow(
      new EdgenetError(
        'line 2: Destination is not 8 hex digits, got "zz000000"; expected an address as the kernel writes it, e.g. 0101A8C0',
      ),
    );
  });

  test('fails when non-hex Flags are reported without what is allowed', () => {
    expect(() => parseProcNetRoute(routeTable(row('eth0', ZERO, GW_LAN, 'UP', 0, ZERO)))).toThrow(
      new EdgenetError('line 2: Flags is not hexadecimal, got "UP"; expected hex digits, e.g. 0003'),
    );
  });

  test('fails when a non-decimal Metric is reported without what is allowed', () => {
    expect(() => parseProcNetRoute(routeTable(`eth0\t${ZERO}\t${GW_LAN}\t0003\t0\t0\t1e2\t${ZERO}`))).toThrow(
      new EdgenetError('line 2: Metric is not a number, got "1e2"; expected decimal digits, e.g. 100'),
    );
  });
});

describe('/proc/net/dev header and rows', () => {
  const HEADER_ERROR =
    'line 1: is not the interface table header, got %s; expected the two header lines, "Inter-|   Receive ..." and " face |bytes ..."';

  test('fails when a first header line without the second " face |" line is accepted', () => {
    expect(() => parseProcNetDev('Inter-|   Receive\n  eth0: 0 0\n')).toThrow(
      new EdgenetError(HEADER_ERROR.replace('%s', '"Inter-|   Receive"')),
    );
  });

  test('fails when a lone first header line, with no second line at all, is accepted', () => {
    expect(() => parseProcNetDev('Inter-|   Receive')).toThrow(new EdgenetError(HEADER_ERROR.replace('%s', '"Inter-|   Receive"')));
  });

  test('fails when a second header line without the "Inter-|" first line is accepted', () => {
    expect(() => parseProcNetDev('Receive | Transmit\n face |bytes\n  eth0: 0 0\n')).toThrow(
      new EdgenetError(HEADER_ERROR.replace('%s', '"Receive | Transmit"')),
    );
  });

  test('fails when whitespace-only lines after the header are not skipped like blank ones', () => {
    expect(parseProcNetDev(`${DEV_HEADER}\n   \n  eth0: 1 2\n\t\n\n  eth1: 3 4\n`)).toEqual(['eth0', 'eth1']);
  });
});

describe('ip -j addr values', () => {
  test.each([
    ['a link is a string', addr('eth0'), '[0]: is not an object, got "eth0"; expected a link as ip -j addr prints it'],
    ['a link is a list', addr(['eth0']), '[0]: is not an object, got ["eth0"]; expected a link as ip -j addr prints it'],
    ['ifname is empty', addr(link({ ifname: '' })), '[0].ifname: is not an interface name, got ""; expected a non-empty string'],
    ['ifname is a number', addr(link({ ifname: 7 })), '[0].ifname: is not an interface name, got 7; expected a non-empty string'],
    ['ifindex is 1.5', addr(link({ ifindex: 1.5 })), '[0].ifindex: is not an interface index, got 1.5; expected an integer >= 1'],
    [
      'a flag is not a string',
      addr(link({ flags: ['UP', 5] })),
      '[0].flags: is not a list of flags, got ["UP",5]; expected a list of strings, e.g. ["UP","LOWER_UP"]',
    ],
    [
      'flags is an object',
      addr(link({ flags: { UP: true } })),
      '[0].flags: is not a list of flags, got {"UP":true}; expected a list of strings, e.g. ["UP","LOWER_UP"]',
    ],
    [
      'operstate is a list',
      addr(link({ operstate: ['UP'] })),
      '[0].operstate: is not a string, got ["UP"]; expected UP, DOWN, UNKNOWN, ...',
    ],
    ['address is a list', addr(link({ address: [1] })), '[0].address: is not a string, got [1]; expected a link-layer address'],
    ['addr_info is a string', addr(link({ addr_info: 'x' })), '[0].addr_info: is not a list, got "x"; expected a list of addresses'],
    [
      'an addr_info entry is a list',
      withInfo([]),
      '[0].addr_info[0]: is not an object, got []; expected an address as ip -j addr prints it',
    ],
    [
      'an IPv4 local is a number',
      withInfo(inet({ local: 5 })),
      '[0].addr_info[0].local: is not an IPv4 address, got 5; expected a dotted quad',
    ],
    [
      'an IPv4 local is missing',
      withInfo(inet({ local: undefined })),
      '[0].addr_info[0].local: is not an IPv4 address, got nothing; expected a dotted quad',
    ],
    [
      'prefixlen is 33',
      withInfo(inet({ prefixlen: 33 })),
      '[0].addr_info[0].prefixlen: is not a prefix length, got 33; expected an integer from 0 to 32',
    ],
    [
      'prefixlen is -1',
      withInfo(inet({ prefixlen: -1 })),
      '[0].addr_info[0].prefixlen: is not a prefix length, got -1; expected an integer from 0 to 32',
    ],
    [
      'prefixlen is 24.5',
      withInfo(inet({ prefixlen: 24.5 })),
      '[0].addr_info[0].prefixlen: is not a prefix length, got 24.5; expected an integer from 0 to 32',
    ],
    [
      'prefixlen is the string "24"',
      withInfo(inet({ prefixlen: '24' })),
      '[0].addr_info[0].prefixlen: is not a prefix length, got "24"; expected an integer from 0 to 32',
    ],
    [
      'prefixlen is missing',
      withInfo(inet({ prefixlen: undefined })),
      '[0].addr_info[0].prefixlen: is not a prefix length, got nothing; expected an integer from 0 to 32',
    ],
  ])('fails when %s and the error does not say where, what was got and what is allowed', (_what, text, message) => {
    expect(() => parseIpAddrJson(text)).toThrow(new EdgenetError(message));
  });

  test('fails when the prefix length bounds 0 and 32 are not both accepted', () => {
    const [eth0] = parseIpAddrJson(withInfo(inet({ local: '10.1.2.3', prefixlen: 0 }), inet({ local: '10.1.2.3', prefixlen: 32 })));
    expect(eth0.ipv4).toEqual([
      { address: '10.1.2.3', prefixlen: 0, subnet: '0.0.0.0/0' },
      { address: '10.1.2.3', prefixlen: 32, subnet: '10.1.2.3/32' },
    ]);
  });

  test('fails when a link without addr_info does not have an empty IPv4 list', () => {
    expect(parseIpAddrJson(addr(link({ flags: ['UP', 'LOWER_UP'], address: '52:54:00:12:34:56' })))).toEqual([
      { ifname: 'eth0', ifindex: 2, flags: ['UP', 'LOWER_UP'], operstate: 'UP', mac: '52:54:00:12:34:56', ipv4: [] },
    ]);
  });

  test('fails when a number in place of a link is skipped instead of rejected', () => {
    expect(() => parseIpAddrJson(addr(5))).toThrow(
      new EdgenetError('[0]: is not an object, got 5; expected a link as ip -j addr prints it'),
    );
  });
});

describe('defaultGateway', () => {
  test('fails when a default route through another interface counts', () => {
    expect(defaultGateway([entry({ iface: 'eth1' })], 'eth0')).toBeUndefined();
  });

  test('fails when a route with a non-zero destination counts as default', () => {
    expect(defaultGateway([entry({ destination: 0xc0a80100 })], 'eth0')).toBeUndefined();
  });

  test('fails when a route with a non-zero mask counts as default', () => {
    expect(defaultGateway([entry({ mask: 0xffffff00 })], 'eth0')).toBeUndefined();
  });

  test('fails when a route that is up but has no gateway flag counts', () => {
    expect(defaultGateway([entry({ flags: 0x1 })], 'eth0')).toBeUndefined();
  });

  test('fails when a route with a gateway flag but not up counts', () => {
    expect(defaultGateway([entry({ flags: 0x2 })], 'eth0')).toBeUndefined();
  });

  test('fails when only routes that are not default stand before the default one', () => {
    const routes = [
      entry({ iface: 'eth1', gateway: 0x0a000001, metric: 1 }),
      entry({ destination: 0xc0a80100, gateway: 0x0a000002, metric: 1 }),
      entry({ mask: 0xffffff00, gateway: 0x0a000003, metric: 1 }),
      entry({ flags: 0x1, gateway: 0x0a000004, metric: 1 }),
      entry({ gateway: 0xc0a801fe, metric: 100 }),
    ];
    expect(defaultGateway(routes, 'eth0')?.toString()).toBe('192.168.1.254');
  });

  test('fails when the lowest metric does not win, the worse route listed first', () => {
    const routes = [entry({ gateway: 0xc0a80102, metric: 600 }), entry({ gateway: 0xc0a80101, metric: 100 })];
    expect(defaultGateway(routes, 'eth0')?.toString()).toBe('192.168.1.1');
  });

  test('fails when the lowest metric does not win, the better route listed first', () => {
    const routes = [entry({ gateway: 0xc0a80101, metric: 100 }), entry({ gateway: 0xc0a80102, metric: 600 })];
    expect(defaultGateway(routes, 'eth0')?.toString()).toBe('192.168.1.1');
  });
});

describe('hasPrivateIPv4', () => {
  test('fails when an address that does not parse is not simply not private', () => {
    expect(hasPrivateIPv4(iface('eth0', 'not-an-address'))).toBe(false);
  });

  test('fails when an interface with no address counts as private', () => {
    expect(hasPrivateIPv4(iface('eth0', null))).toBe(false);
  });

  test('fails when a public address counts as private, or a private one does not', () => {
    expect(hasPrivateIPv4(iface('eth0', '8.8.8.8'))).toBe(false);
    expect(hasPrivateIPv4(iface('eth0', '172.16.0.5'))).toBe(true);
  });
});

describe('buildFacts', () => {
  test('fails when a parse error is not prefixed with the default name of what was read', () => {
    expect(() => buildFacts(files({ procNetRoute: 'nope' }))).toThrow(
      new EdgenetError(
        '/proc/net/route: line 1: is not the routing table header, got "nope"; expected a line starting with Iface (Iface, Destination, Gateway, Flags, RefCnt, Use, Metric, Mask, ...)',
      ),
    );
    expect(() => buildFacts(files({ ipAddrJson: '{}' }))).toThrow(
      new EdgenetError('ip -j addr: is not a JSON array, got {}; expected the output of ip -j addr, a list of links'),
    );
    expect(() => buildFacts(files({ procNetDev: 'nope' }))).toThrow(
      new EdgenetError(
        '/proc/net/dev: line 1: is not the interface table header, got "nope"; expected the two header lines, "Inter-|   Receive ..." and " face |bytes ..."',
      ),
    );
  });

  test('fails when a parse error is not prefixed with the source given for it', () => {
    const sources = { procNetRoute: 'route.txt', procNetDev: 'dev.txt', ipAddrJson: 'addr.json' };
    expect(() => buildFacts(files({ sources, procNetRoute: 'nope' }))).toThrow(/^route\.txt: line 1: /);
    expect(() => buildFacts(files({ sources, ipAddrJson: '{}' }))).toThrow(/^addr\.json: is not a JSON array/);
    expect(() => buildFacts(files({ sources, procNetDev: 'nope' }))).toThrow(/^dev\.txt: line 1: /);
  });

  test('fails when an error that is not an EdgenetError (a bug) is renamed as bad input', () => {
    const broken = files({ procNetRoute: undefined as unknown as string });
    expect(() => buildFacts(broken)).toThrow(TypeError);
    expect(() => buildFacts(broken)).not.toThrow(EdgenetError);
  });

  test('fails when an interface that ip -j addr does not list is not UNKNOWN with no addresses', () => {
    const facts = buildFacts(files({ ipAddrJson: '[]' }));
    expect(facts).toEqual({
      interfaces: [
        { name: 'eth0', operstate: 'UNKNOWN', type: 'ethernet', mac: null, ipv4: [], gateway: null },
        { name: 'eth1', operstate: 'UNKNOWN', type: 'ethernet', mac: null, ipv4: [], gateway: null },
      ],
      default_interface: null,
      source: 'proc',
      detected_at: '2026-11-22T00:00:00.000Z',
    });
  });

  test('fails when the default route interface does not win over the first private one in kernel order', () => {
    const facts = buildFacts(files({ procNetRoute: routeTable(row('eth1', ZERO, GW_OTHER, '0003', 100, ZERO)) }));
    expect(facts.default_interface).toBe('eth1');
    expect(facts.interfaces.map((i) => [i.name, i.gateway])).toEqual([
      ['eth0', null],
      ['eth1', '192.168.2.1'],
    ]);
  });

  test.each([
    ['a route to a subnet', row('eth0', '0001A8C0', GW_LAN, '0003', 1, '00FFFFFF')],
    ['a route with destination 0 but a mask', row('eth0', ZERO, GW_LAN, '0003', 1, '00FFFFFF')],
    ['a route with mask 0 but a destination', row('eth0', '0001A8C0', GW_LAN, '0003', 1, ZERO)],
    ['a default route with no gateway flag', row('eth0', ZERO, GW_LAN, '0001', 1, ZERO)],
  ])('fails when %s listed first is taken as the default route', (_what, first) => {
    const facts = buildFacts(files({ procNetRoute: routeTable(first, row('eth1', ZERO, GW_OTHER, '0003', 100, ZERO)) }));
    expect(facts.default_interface).toBe('eth1');
  });

  test('fails when the default route with the lowest metric does not choose the interface', () => {
    const table = routeTable(row('eth0', ZERO, GW_LAN, '0003', 600, ZERO), row('eth1', ZERO, GW_OTHER, '0003', 100, ZERO));
    expect(buildFacts(files({ procNetRoute: table })).default_interface).toBe('eth1');
    const reversed = routeTable(row('eth1', ZERO, GW_OTHER, '0003', 100, ZERO), row('eth0', ZERO, GW_LAN, '0003', 600, ZERO));
    expect(buildFacts(files({ procNetRoute: reversed })).default_interface).toBe('eth1');
  });

  test('fails when a default route interface without a private IPv4 is chosen over the next route', () => {
    const table = routeTable(row('eth0', ZERO, GW_TEN, '0003', 100, ZERO), row('eth1', ZERO, GW_OTHER, '0003', 200, ZERO));
    const facts = buildFacts(files({ procNetRoute: table, ipAddrJson: addrJson(['eth0', '8.8.8.8'], ['eth1', '192.168.2.10']) }));
    expect(facts.default_interface).toBe('eth1');
  });

  test('fails when a default route through an interface not listed is not passed over', () => {
    const table = routeTable(row('docker0', ZERO, GW_TEN, '0003', 1, ZERO), row('eth1', ZERO, GW_OTHER, '0003', 200, ZERO));
    expect(buildFacts(files({ procNetRoute: table })).default_interface).toBe('eth1');
  });

  test('fails when, with no usable default route, the first private interface in kernel order is not the default', () => {
    const table = routeTable(row('eth0', ZERO, GW_TEN, '0003', 100, ZERO));
    const facts = buildFacts(files({ procNetRoute: table, ipAddrJson: addrJson(['eth0', '8.8.8.8'], ['eth1', '192.168.2.10']) }));
    expect(facts.default_interface).toBe('eth1');
    expect(facts.source).toBe('proc');
  });
});
