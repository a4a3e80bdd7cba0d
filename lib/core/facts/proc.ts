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

export function parseProcNetRoute(text: string): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 8) continue;
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

/** Interface names in kernel order, as /proc/net/dev lists them. */
export function parseProcNetDev(text: string): string[] {
  return text
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0].trim())
    .filter((name) => name.length > 0);
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

/** `ip -j addr` output; tolerates fields missing on old iproute2 versions. */
export function parseIpAddrJson(text: string): IpAddrEntry[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error('ip -j addr: expected a JSON array');
  return parsed.map((link: any) => {
    const ipv4: Ipv4Fact[] = [];
    for (const info of link.addr_info ?? []) {
      const address = Ipv4Address.parse(info.local);
      if (info.family !== 'inet' || address === undefined || typeof info.prefixlen !== 'number') continue;
      ipv4.push({ address: info.local, prefixlen: info.prefixlen, subnet: Subnet.containing(address, info.prefixlen).toString() });
    }
    return {
      ifname: String(link.ifname),
      ifindex: Number(link.ifindex),
      flags: Array.isArray(link.flags) ? link.flags.map(String) : [],
      operstate: String(link.operstate ?? 'UNKNOWN'),
      mac: typeof link.address === 'string' ? link.address : null,
      ipv4,
    };
  });
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
  /** The links sysfs marks as wireless; other names fall back to the naming rule. */
  readonly wirelessInterfaces: readonly string[];
  readonly detectedAt: string;
}

/**
 * Host detection's rules: the interfaces worth bridging, each with its gateway from the
 * routing table; the default interface is the default route's one when it has a
 * private (RFC 1918) IPv4, else the first interface in kernel order that has one.
 */
export function buildFacts(files: RawHostFiles): HostFacts {
  const routes = parseProcNetRoute(files.procNetRoute);
  const addresses = new Map(parseIpAddrJson(files.ipAddrJson).map((e) => [e.ifname, e]));
  const interfaces: InterfaceFact[] = parseProcNetDev(files.procNetDev)
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
