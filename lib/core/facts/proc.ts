import { EdgenetError, oneLine, say } from '../errors';
import { Ipv4Address, Subnet } from '../values';
import { isIgnoredInterface } from './interface-filter';
import { interfaceType } from './interface-type';
import { HostFacts, InterfaceFact, Ipv4Fact } from './types';

/** Pure parsers for what detection reads (/proc/net/route, /proc/net/dev, `ip -j addr`); the I/O lives in lib/host. */

export interface RouteEntry {
  readonly iface: string;
  readonly destination: number;
  readonly gateway: number;
  readonly mask: number;
  readonly flags: number;
  readonly metric: number;
}

/** RTF_UP | RTF_GATEWAY: a usable route through a next hop. */
const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;

/** /proc/net/route stores addresses as host-order (little-endian on every Linux we run on) hex. */
function hexLittleEndian(hex: string): number {
  const value = parseInt(hex, 16);
  return (((value & 0xff) << 24) >>> 0) + (((value >>> 8) & 0xff) << 16) + (((value >>> 16) & 0xff) << 8) + (value >>> 24);
}

/**
 * The parsers below throw an EdgenetError whose message is one line, `<where>: <what>, got
 * <value>; expected <allowed>`, without the file's name: the caller knows which file it read.
 */
function malformed(where: string, what: string, got: unknown, expected: string): EdgenetError {
  return new EdgenetError(`${where}: ${say(what, got, expected)}`);
}

const HEX32 = /^[0-9A-Fa-f]{8}$/;
const HEX = /^[0-9A-Fa-f]+$/;
const DECIMAL = /^\d+$/;
const ROUTE_COLUMNS = 'Iface, Destination, Gateway, Flags, RefCnt, Use, Metric, Mask';

export function parseProcNetRoute(text: string): RouteEntry[] {
  const lines = text.split('\n');
  if (!lines[0].startsWith('Iface')) {
    throw malformed('line 1', 'is not the routing table header', lines[0], `a line starting with Iface (${ROUTE_COLUMNS}, ...)`);
  }
  const routes: RouteEntry[] = [];
  for (const [i, line] of lines.entries()) {
    if (i === 0 || line.trim() === '') continue;
    const where = `line ${i + 1}`;
    const cols = line.trim().split(/\s+/);
    if (cols.length < 8) throw malformed(where, 'has too few columns', line, `at least ${ROUTE_COLUMNS}`);
    for (const [column, at] of [
      ['Destination', 1],
      ['Gateway', 2],
      ['Mask', 7],
    ] as const) {
      if (!HEX32.test(cols[at]))
        throw malformed(where, `${column} is not 8 hex digits`, cols[at], 'an address as the kernel writes it, e.g. 0101A8C0');
    }
    if (!HEX.test(cols[3])) throw malformed(where, 'Flags is not hexadecimal', cols[3], 'hex digits, e.g. 0003');
    if (!DECIMAL.test(cols[6])) throw malformed(where, 'Metric is not a number', cols[6], 'decimal digits, e.g. 100');
    routes.push({
      iface: cols[0],
      destination: hexLittleEndian(cols[1]),
      gateway: hexLittleEndian(cols[2]),
      flags: parseInt(cols[3], 16),
      metric: Number(cols[6]),
      mask: hexLittleEndian(cols[7]),
    });
  }
  return routes;
}

const DEV_ROW = /^\s*([^\s:]+):/;

/** Interface names in kernel order, as /proc/net/dev lists them. */
export function parseProcNetDev(text: string): string[] {
  const lines = text.split('\n');
  if (!lines[0].startsWith('Inter-|') || !(lines[1] ?? '').includes('face |')) {
    throw malformed(
      'line 1',
      'is not the interface table header',
      lines[0],
      'the two header lines, "Inter-|   Receive ..." and " face |bytes ..."',
    );
  }
  const names: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (i < 2 || line.trim() === '') continue;
    const row = DEV_ROW.exec(line);
    if (!row) throw malformed(`line ${i + 1}`, 'is not an interface row', line, '"<name>: <counters>"');
    names.push(row[1]);
  }
  return names;
}

export interface IpAddrEntry {
  readonly ifname: string;
  readonly ifindex: number;
  /** Link flags as `ip` prints them (UP, LOWER_UP, ...). */
  readonly flags: readonly string[];
  readonly operstate: string;
  readonly mac: string | null;
  readonly ipv4: Ipv4Fact[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function ipv4Of(infos: unknown, at: string): Ipv4Fact[] {
  if (infos === undefined) return [];
  if (!Array.isArray(infos)) throw malformed(`${at}.addr_info`, 'is not a list', infos, 'a list of addresses');
  const ipv4: Ipv4Fact[] = [];
  for (const [j, info] of infos.entries()) {
    const where = `${at}.addr_info[${j}]`;
    if (!isObject(info)) throw malformed(where, 'is not an object', info, 'an address as ip -j addr prints it');
    if (info.family !== 'inet') continue;
    const address = typeof info.local === 'string' ? Ipv4Address.parse(info.local) : undefined;
    if (address === undefined) throw malformed(`${where}.local`, 'is not an IPv4 address', info.local, 'a dotted quad');
    const { prefixlen } = info;
    if (typeof prefixlen !== 'number' || !Number.isInteger(prefixlen) || prefixlen < 0 || prefixlen > 32) {
      throw malformed(`${where}.prefixlen`, 'is not a prefix length', prefixlen, 'an integer from 0 to 32');
    }
    ipv4.push({ address: address.toString(), prefixlen, subnet: Subnet.containing(address, prefixlen).toString() });
  }
  return ipv4;
}

/**
 * `ip -j addr` output; tolerates fields missing on old iproute2 versions (operstate, flags)
 * and the empty objects some versions print for links a filter left out.
 */
export function parseIpAddrJson(text: string): IpAddrEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // The parser's message quotes the text around the error, newlines included: keep it one line.
    throw new EdgenetError(`is not JSON (${oneLine((err as Error).message)}); expected the output of ip -j addr`);
  }
  if (!Array.isArray(parsed)) throw new EdgenetError(say('is not a JSON array', parsed, 'the output of ip -j addr, a list of links'));
  const entries: IpAddrEntry[] = [];
  for (const [i, link] of parsed.entries()) {
    const at = `[${i}]`;
    if (!isObject(link)) throw malformed(at, 'is not an object', link, 'a link as ip -j addr prints it');
    if (Object.keys(link).length === 0) continue;
    if (typeof link.ifname !== 'string' || link.ifname === '')
      throw malformed(`${at}.ifname`, 'is not an interface name', link.ifname, 'a non-empty string');
    if (!Number.isInteger(link.ifindex) || (link.ifindex as number) < 1)
      throw malformed(`${at}.ifindex`, 'is not an interface index', link.ifindex, 'an integer >= 1');
    const flags = link.flags ?? [];
    if (!Array.isArray(flags) || !flags.every((f) => typeof f === 'string'))
      throw malformed(`${at}.flags`, 'is not a list of flags', link.flags, 'a list of strings, e.g. ["UP","LOWER_UP"]');
    const operstate = link.operstate ?? 'UNKNOWN';
    if (typeof operstate !== 'string') throw malformed(`${at}.operstate`, 'is not a string', link.operstate, 'UP, DOWN, UNKNOWN, ...');
    if (link.address !== undefined && typeof link.address !== 'string')
      throw malformed(`${at}.address`, 'is not a string', link.address, 'a link-layer address');
    entries.push({
      ifname: link.ifname,
      ifindex: link.ifindex as number,
      flags,
      operstate,
      mac: typeof link.address === 'string' ? link.address : null,
      ipv4: ipv4Of(link.addr_info, at),
    });
  }
  return entries;
}

/** The gateway of the best (lowest metric) default route through `iface`. */
export function defaultGateway(routes: readonly RouteEntry[], iface: string): Ipv4Address | undefined {
  const defaults = routes
    .filter((r) => r.iface === iface && r.destination === 0 && r.mask === 0)
    .filter((r) => (r.flags & (RTF_UP | RTF_GATEWAY)) === (RTF_UP | RTF_GATEWAY))
    .sort((a, b) => a.metric - b.metric);
  return defaults.length > 0 ? Ipv4Address.fromNumber(defaults[0].gateway) : undefined;
}

/** Candidate parents have a private (RFC 1918) IPv4: the LAN, not the uplink. */
export function hasPrivateIPv4(iface: InterfaceFact): boolean {
  return iface.ipv4.some((a) => a.address !== null && Ipv4Address.parse(a.address)?.isPrivate === true);
}

export interface RawHostFiles {
  readonly procNetRoute: string;
  readonly procNetDev: string;
  readonly ipAddrJson: string;
  /**
   * What to call each input in an error: the file it was read from.
   *
   * @default - /proc/net/route, /proc/net/dev and `ip -j addr`
   */
  readonly sources?: { readonly procNetRoute?: string; readonly procNetDev?: string; readonly ipAddrJson?: string };
  /** The links sysfs marks as wireless; other names fall back to the naming rule. */
  readonly wirelessInterfaces: readonly string[];
  readonly detectedAt: string;
}

/** Runs a parser; its complaint, if any, gets the name of what it read in front: one line. */
function parseNaming<T>(source: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof EdgenetError) throw new EdgenetError(`${source}: ${err.message}`);
    throw err;
  }
}

/**
 * Host detection's rules: the interfaces worth bridging, each with its gateway from the
 * routing table; the default interface is the default route's one when it has a
 * private (RFC 1918) IPv4, else the first interface in kernel order that has one.
 */
export function buildFacts(files: RawHostFiles): HostFacts {
  const routes = parseNaming(files.sources?.procNetRoute ?? '/proc/net/route', () => parseProcNetRoute(files.procNetRoute));
  const links = parseNaming(files.sources?.ipAddrJson ?? 'ip -j addr', () => parseIpAddrJson(files.ipAddrJson));
  const addresses = new Map(links.map((e) => [e.ifname, e]));
  const interfaces: InterfaceFact[] = parseNaming(files.sources?.procNetDev ?? '/proc/net/dev', () => parseProcNetDev(files.procNetDev))
    .filter((name) => !isIgnoredInterface(name))
    .map((name) => {
      const entry = addresses.get(name);
      return {
        name,
        operstate: entry?.operstate ?? 'UNKNOWN',
        type: interfaceType(name, files.wirelessInterfaces.includes(name)),
        mac: entry?.mac ?? null,
        ipv4: entry?.ipv4 ?? [],
        gateway: defaultGateway(routes, name)?.toString() ?? null,
      };
    });
  const byDefaultRoute = [...routes]
    .filter((r) => r.destination === 0 && r.mask === 0 && (r.flags & RTF_GATEWAY) !== 0)
    .sort((a, b) => a.metric - b.metric)
    .map((r) => interfaces.find((i) => i.name === r.iface))
    .find((i): i is InterfaceFact => i !== undefined && hasPrivateIPv4(i));
  const defaultInterface = byDefaultRoute ?? interfaces.find(hasPrivateIPv4);
  return {
    interfaces,
    default_interface: defaultInterface?.name ?? null,
    source: 'proc',
    detected_at: files.detectedAt,
  };
}
