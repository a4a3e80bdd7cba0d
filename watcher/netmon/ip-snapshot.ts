import { EdgenetError, oneLine } from '../../lib/core/errors';
import { isIgnoredInterface } from '../../lib/core/facts/interface-filter';
import { interfaceType } from '../../lib/core/facts/interface-type';
import { IpAddrEntry, parseIpAddrJson } from '../../lib/core/facts/proc';
import { InterfaceReport } from '../common/protocol';

/**
 * Pure: what `ip -j addr` and `ip -j -4 route show default` (and sysfs, for which links are
 * wireless) say about every interface, in the protocol's shape minus the timestamp. I/O lives
 * in ip-command.ts.
 */

export type InterfaceState = Omit<InterfaceReport, 'timestamp' | 'status'>;

function parseJsonArray(text: string, what: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim() === '' ? '[]' : text);
  } catch (err) {
    throw new EdgenetError(`${what}: is not JSON (${oneLine((err as Error).message)})`);
  }
  if (!Array.isArray(parsed)) throw new EdgenetError(`${what}: expected a JSON array, got ${typeof parsed}`);
  return parsed;
}

/** Lowest-metric default route gateway per device; entries that are not routes are passed over. */
function gatewaysByDevice(routeJson: string): Map<string, string> {
  const best = new Map<string, { gateway: string; metric: number }>();
  for (const route of parseJsonArray(routeJson, 'ip -j -4 route show default') as any[]) {
    if (typeof route !== 'object' || route === null) continue;
    if (route.dst !== 'default' || typeof route.gateway !== 'string' || typeof route.dev !== 'string') continue;
    const metric = typeof route.metric === 'number' ? route.metric : 0;
    const current = best.get(route.dev);
    if (!current || metric < current.metric) best.set(route.dev, { gateway: route.gateway, metric });
  }
  return new Map([...best].map(([dev, { gateway }]) => [dev, gateway]));
}

/**
 * The kernel says UNKNOWN for links without carrier reporting (tun, some drivers); treat
 * those as up when the admin and lower-layer flags both say so.
 */
function effectiveOperstate(entry: IpAddrEntry): string {
  if (entry.operstate === 'UNKNOWN' && entry.flags.includes('UP') && entry.flags.includes('LOWER_UP')) return 'UP';
  return entry.operstate;
}

/** `wireless`: the links sysfs marks as wireless; other names fall back to the naming rule. */
export function interfacesFromIp(addrJson: string, routeJson: string, wireless: ReadonlySet<string> = new Set()): InterfaceState[] {
  const gateways = gatewaysByDevice(routeJson);
  let links: IpAddrEntry[];
  try {
    links = parseIpAddrJson(addrJson);
  } catch (err) {
    throw new EdgenetError(`ip -j addr: ${(err as Error).message}`);
  }
  return links.map((entry) => ({
    interface: entry.ifname,
    index: entry.ifindex,
    operstate: effectiveOperstate(entry),
    type: interfaceType(entry.ifname, wireless.has(entry.ifname)),
    ipv4_addresses: entry.ipv4.map((a) => ({
      address: a.address!,
      prefixlen: a.prefixlen,
      subnet: a.subnet,
      network_address: a.subnet.split('/')[0],
    })),
    gateway: gateways.get(entry.ifname) ?? null,
  }));
}

/** The protocol's filter: not ignored by name, operationally UP, at least one IPv4 address. */
export function isReportable(state: InterfaceState, ignoredPrefixes: readonly string[]): boolean {
  return !isIgnoredInterface(state.interface, ignoredPrefixes) && state.operstate === 'UP' && state.ipv4_addresses.length > 0;
}

/** Equal for the protocol's purposes (the timestamp aside). */
export function sameState(a: InterfaceState | undefined, b: InterfaceState | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.index === b.index &&
    a.operstate === b.operstate &&
    a.type === b.type &&
    a.gateway === b.gateway &&
    a.ipv4_addresses.length === b.ipv4_addresses.length &&
    a.ipv4_addresses.every((x, i) => x.address === b.ipv4_addresses[i].address && x.prefixlen === b.ipv4_addresses[i].prefixlen)
  );
}
