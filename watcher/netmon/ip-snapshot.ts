import { isIgnoredInterface } from '../../lib/interface-filter';
import { formatIPv4, parseIPv4, Subnet } from '../../lib/ipv4';
import { InterfaceReport, Ipv4Report } from '../protocol';

/**
 * Pure: what `ip -j addr` and `ip -j -4 route show default` say about every interface,
 * in the protocol's shape minus the timestamp. I/O lives in ip-command.ts.
 */

export type InterfaceState = Omit<InterfaceReport, 'timestamp'>;

/** The interface's state when it no longer exists: down, no addresses, no gateway. */
export function goneState(name: string, index: number): InterfaceState {
  return { interface: name, index, operstate: 'DOWN', ipv4_addresses: [], gateway: null };
}

function parseJsonArray(text: string, what: string): any[] {
  const parsed: unknown = JSON.parse(text.trim() === '' ? '[]' : text);
  if (!Array.isArray(parsed)) throw new Error(`${what}: expected a JSON array, got ${typeof parsed}`);
  return parsed;
}

/** Lowest-metric default route gateway per device. */
function gatewaysByDevice(routeJson: string): Map<string, string> {
  const best = new Map<string, { gateway: string; metric: number }>();
  for (const route of parseJsonArray(routeJson, 'ip -j -4 route show default')) {
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
function effectiveOperstate(link: any): string {
  const operstate = String(link.operstate ?? 'UNKNOWN');
  const flags: string[] = Array.isArray(link.flags) ? link.flags : [];
  if (operstate === 'UNKNOWN' && flags.includes('UP') && flags.includes('LOWER_UP')) return 'UP';
  return operstate;
}

export function interfacesFromIp(addrJson: string, routeJson: string): InterfaceState[] {
  const gateways = gatewaysByDevice(routeJson);
  return parseJsonArray(addrJson, 'ip -j addr').map((link) => {
    const name = String(link.ifname);
    const ipv4: Ipv4Report[] = [];
    for (const info of link.addr_info ?? []) {
      const address = parseIPv4(info.local);
      if (info.family !== 'inet' || address === undefined || typeof info.prefixlen !== 'number') continue;
      const subnet = Subnet.containing(address, info.prefixlen);
      ipv4.push({ address: info.local, prefixlen: info.prefixlen, subnet: subnet.toString(), network_address: formatIPv4(subnet.network) });
    }
    return { interface: name, index: Number(link.ifindex), operstate: effectiveOperstate(link), ipv4_addresses: ipv4, gateway: gateways.get(name) ?? null };
  });
}

/** Seed 002's filter: not ignored by name, operationally UP, at least one IPv4 address. */
export function isReportable(state: InterfaceState, ignoredPrefixes: readonly string[]): boolean {
  return !isIgnoredInterface(state.interface, ignoredPrefixes) && state.operstate === 'UP' && state.ipv4_addresses.length > 0;
}

/** Equal for the protocol's purposes (the timestamp aside). */
export function sameState(a: InterfaceState | undefined, b: InterfaceState | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.index === b.index &&
    a.operstate === b.operstate &&
    a.gateway === b.gateway &&
    a.ipv4_addresses.length === b.ipv4_addresses.length &&
    a.ipv4_addresses.every((x, i) => x.address === b.ipv4_addresses[i].address && x.prefixlen === b.ipv4_addresses[i].prefixlen)
  );
}
