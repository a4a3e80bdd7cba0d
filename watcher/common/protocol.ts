/**
 * The netmon socket protocol v1: JSON lines on a unix socket, compatible with the reference
 * agent's network monitor sidecar. Field names are the reference's; edgenet adds `seq` (per connection, from 1) and never renames.
 */

export interface Ipv4Report {
  readonly address: string;
  readonly prefixlen: number;
  /** `a.b.c.d/n`, network address form. */
  readonly subnet: string;
  readonly network_address: string;
}

export interface InterfaceReport {
  readonly interface: string;
  readonly index: number;
  /** As the kernel reports it; `DOWN` with no addresses when the interface went away. */
  readonly operstate: string;
  readonly ipv4_addresses: readonly Ipv4Report[];
  /** Gateway of the default route through this interface; null if there is none. */
  readonly gateway: string | null;
  readonly timestamp: string;
}

export interface DiscoveryMessage {
  readonly type: 'network_discovery';
  readonly seq: number;
  readonly data: { readonly interfaces: readonly InterfaceReport[]; readonly timestamp: string };
}

export interface ChangeMessage {
  readonly type: 'network_change';
  readonly seq: number;
  readonly data: InterfaceReport;
}

export type NetmonMessage = DiscoveryMessage | ChangeMessage;

/** The protocol's timestamp shape (`2025-11-20T20:30:45.123456`), in UTC. */
export function protocolTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000`;
}

function isIpv4Report(value: any): value is Ipv4Report {
  return typeof value?.address === 'string' && typeof value.prefixlen === 'number' && typeof value.subnet === 'string';
}

function isInterfaceReport(value: any): value is InterfaceReport {
  return (
    typeof value?.interface === 'string' &&
    typeof value.operstate === 'string' &&
    Array.isArray(value.ipv4_addresses) &&
    value.ipv4_addresses.every(isIpv4Report) &&
    (value.gateway === null || value.gateway === undefined || typeof value.gateway === 'string')
  );
}

/** One line from the socket; undefined for anything that is not a well-formed message. */
export function parseMessage(line: string): NetmonMessage | undefined {
  let value: any;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value?.type === 'network_discovery' && Array.isArray(value.data?.interfaces) && value.data.interfaces.every(isInterfaceReport)) {
    return value as DiscoveryMessage;
  }
  if (value?.type === 'network_change' && isInterfaceReport(value.data)) return value as ChangeMessage;
  return undefined;
}

/** Where netmon serves and the watcher connects unless told otherwise (the reference sidecar's path). */
export const DEFAULT_SOCKET_PATH = '/var/orchestrator/netmon.sock';
