import { nestingProblem } from '../../lib/core/input-limits';
import { InterfaceType, isInterfaceType } from '../../lib/core/facts/interface-type';

/**
 * The netmon socket protocol v1: JSON lines on a unix socket, compatible with the reference
 * agent's network monitor sidecar. Field names are the reference's; edgenet adds `seq` (per
 * connection, from 1) and `type` on interfaces, and never renames.
 *
 * A line from netmon to a client is an event (an object with `type`) or a reply to one of
 * the client's commands (an object without `type`).
 */

export interface Ipv4Report {
  readonly address: string;
  readonly prefixlen: number;
  /** `a.b.c.d/n`, network address form. */
  readonly subnet: string;
  readonly network_address?: string;
}

/** Why an interface left: its link went down, or the link no longer exists (deleted, or renamed away). */
export type LinkStatus = 'down' | 'removed';
export const LINK_STATUSES: readonly LinkStatus[] = ['down', 'removed'];

export interface InterfaceReport {
  readonly interface: string;
  /** The kernel's ifindex; 0 when the sender did not say (the reference sidecar's down events). */
  readonly index: number;
  /** As the kernel reports it (`UP`, `DOWN`, `LOWERLAYERDOWN`, ...). */
  readonly operstate: string;
  /** `ethernet` or `wifi`; absent from the reference sidecar, where it means `ethernet`. */
  readonly type?: InterfaceType;
  readonly ipv4_addresses: readonly Ipv4Report[];
  /** Gateway of the default route through this interface; null if there is none. */
  readonly gateway: string | null;
  /** When the state was read; with or without a zone (edgenet's are UTC, the reference's local time). */
  readonly timestamp?: string;
  /** Only on a change that takes the interface away: then `ipv4_addresses` is empty. */
  readonly status?: LinkStatus;
}

export interface DiscoveryMessage {
  readonly type: 'network_discovery';
  /** edgenet's addition; absent from the reference sidecar. */
  readonly seq?: number;
  readonly data: { readonly interfaces: readonly InterfaceReport[]; readonly timestamp?: string };
}

export interface ChangeMessage {
  readonly type: 'network_change';
  readonly seq?: number;
  readonly data: InterfaceReport;
}

export type NetmonMessage = DiscoveryMessage | ChangeMessage;

/** One line from netmon, told apart so a client can act on events and skip the rest knowingly. */
export type ParsedLine =
  /** network_discovery or network_change, checked and in edgenet's shape. */
  | { readonly kind: 'event'; readonly message: NetmonMessage }
  /**
   * An event of another type: the reference sidecar's serial-device and DHCP events
   * (`device_discovery`, `device_change`, `dhcp_update`) or one unknown here.
   */
  | { readonly kind: 'other-event'; readonly type: string }
  /** A reply to a command: an object without `type`. */
  | { readonly kind: 'reply'; readonly reply: Readonly<Record<string, unknown>> }
  | { readonly kind: 'malformed'; readonly reason: string };

/** The protocol's timestamp shape (`2025-11-20T20:30:45.123456`), in UTC. */
export function protocolTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000`;
}

type Checked<T> = { readonly value: T } | { readonly problem: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkIpv4(value: unknown, at: string): string | undefined {
  if (!isObject(value)) return `${at} is not an object`;
  if (typeof value.address !== 'string') return `${at}.address is not a string`;
  if (typeof value.prefixlen !== 'number') return `${at}.prefixlen is not a number`;
  if (typeof value.subnet !== 'string') return `${at}.subnet is not a string`;
  return undefined;
}

/**
 * An interface as either sidecar reports it. A report carrying `status` may be as short as
 * the reference sidecar's (`interface`, `ipv4_addresses`, `status`): the rest is filled in.
 */
function checkInterface(value: unknown, at: string): Checked<InterfaceReport> {
  if (!isObject(value)) return { problem: `${at} is not an object` };
  const { status } = value;
  if (status !== undefined && !(LINK_STATUSES as readonly unknown[]).includes(status)) {
    return { problem: `${at}.status is not one of ${LINK_STATUSES.join(', ')}` };
  }
  if (typeof value.interface !== 'string') return { problem: `${at}.interface is not a string` };
  if (value.index !== undefined && !Number.isInteger(value.index)) return { problem: `${at}.index is not an integer` };
  const operstate = value.operstate ?? (status === undefined ? undefined : 'DOWN');
  if (typeof operstate !== 'string') return { problem: `${at}.operstate is not a string` };
  if (value.type !== undefined && !isInterfaceType(value.type)) return { problem: `${at}.type is not ethernet or wifi` };
  if (!Array.isArray(value.ipv4_addresses)) return { problem: `${at}.ipv4_addresses is not a list` };
  for (const [i, address] of value.ipv4_addresses.entries()) {
    const problem = checkIpv4(address, `${at}.ipv4_addresses[${i}]`);
    if (problem) return { problem };
  }
  const gateway = value.gateway ?? null;
  if (gateway !== null && typeof gateway !== 'string') return { problem: `${at}.gateway is not a string or null` };
  if (value.timestamp !== undefined && typeof value.timestamp !== 'string') return { problem: `${at}.timestamp is not a string` };
  return { value: { ...value, index: (value.index as number | undefined) ?? 0, operstate, gateway } as InterfaceReport };
}

function checkEvent(value: Record<string, unknown> & { type: string }): ParsedLine {
  const data = value.data;
  if (value.seq !== undefined && !Number.isInteger(value.seq)) return { kind: 'malformed', reason: 'seq is not an integer' };
  if (value.type === 'network_change') {
    const checked = checkInterface(data, 'data');
    if ('problem' in checked) return { kind: 'malformed', reason: `network_change: ${checked.problem}` };
    return { kind: 'event', message: { ...value, type: 'network_change', data: checked.value } };
  }
  if (!isObject(data) || !Array.isArray(data.interfaces)) {
    return { kind: 'malformed', reason: 'network_discovery: data.interfaces is not a list' };
  }
  const interfaces: InterfaceReport[] = [];
  for (const [i, entry] of data.interfaces.entries()) {
    const checked = checkInterface(entry, `data.interfaces[${i}]`);
    if ('problem' in checked) return { kind: 'malformed', reason: `network_discovery: ${checked.problem}` };
    interfaces.push(checked.value);
  }
  return { kind: 'event', message: { ...value, type: 'network_discovery', data: { ...data, interfaces } } };
}

/** Tells one line from netmon apart; never throws. */
export function parseLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  // Whatever reads the message next (a log line, the status) may recurse through it.
  const tooDeep = nestingProblem(value);
  if (tooDeep) return { kind: 'malformed', reason: `${tooDeep.path}: ${tooDeep.message}` };
  if (!isObject(value)) return { kind: 'malformed', reason: 'not a JSON object' };
  if (!('type' in value)) return { kind: 'reply', reply: value };
  const { type } = value;
  if (typeof type !== 'string') return { kind: 'malformed', reason: 'type is not a string' };
  if (type !== 'network_discovery' && type !== 'network_change') return { kind: 'other-event', type };
  return checkEvent({ ...value, type });
}

/** One line from the socket as an event; undefined for anything else (replies, other events, malformed lines). */
export function parseMessage(line: string): NetmonMessage | undefined {
  const parsed = parseLine(line);
  return parsed.kind === 'event' ? parsed.message : undefined;
}

/** Where netmon serves and the watcher connects unless told otherwise (the reference sidecar's path). */
export const DEFAULT_SOCKET_PATH = '/var/orchestrator/netmon.sock';
