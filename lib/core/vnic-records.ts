import { problem, ProblemList } from './errors';
import { EdgeModel } from './model/types';

/**
 * runtime_vnics.json, in the reference agent's shape: container name -> its list of vNIC
 * objects, with the reference's field names and meanings, edgenet's own fields beside them.
 * Written from the model that was applied, so it is exactly what the engine was given; read
 * in that shape and in edgenet's earlier one (`{"<runtime>": {"vnics": [...]}}`).
 */

/** One vNIC as the reference agent keeps it, plus edgenet's fields. */
export interface VnicRecord {
  readonly name: string;
  readonly parent_interface: string;
  /** The reference's vocabulary: `static` for any fixed address (edgenet's static and auto), else `dhcp`. */
  readonly network_mode: 'static' | 'dhcp';
  readonly ip: string | null;
  /** The LAN's subnet (`a.b.c.d/n`): the reference reads it as the parent subnet. */
  readonly subnet: string;
  readonly gateway: string;
  readonly dns: readonly string[];
  /** The MAC the config gives; null when edgenet derives it (or on ipvlan). */
  readonly mac: string | null;
  /** The MAC the vNIC was given; null on ipvlan, where it has the parent's. */
  readonly mac_address: string | null;
  readonly docker_network_name: string;
  /** The reference's lease fields; edgenet's leases are the LAN server's (`edgenet status` shows them). */
  readonly dhcp_ip: null;
  readonly dhcp_gateway: null;
  readonly dhcp_dns: null;
  /** edgenet's: how the address came about (static, auto or dhcp). */
  readonly addressing: string;
  /** edgenet's: macvlan, ipvlan or routed (no Docker network: the host routes the vNIC). */
  readonly driver: string;
  /** edgenet's earlier fields, kept for readers of that shape. */
  readonly network: string;
  readonly parent_subnet: string;
  readonly parent_gateway: string;
}

export type RuntimeVnics = Record<string, readonly VnicRecord[]>;

export function vnicRecords(model: EdgeModel): RuntimeVnics {
  const result: Record<string, VnicRecord[]> = {};
  for (const runtime of [...model.runtimes].sort((a, b) => a.name.localeCompare(b.name))) {
    const dns = runtime.dns.map(String);
    result[runtime.name] = [...runtime.vnics, ...runtime.routedVnics].map((v) => ({
      name: v.name,
      parent_interface: v.network.parentInterface,
      network_mode: v.mode === 'dhcp' ? 'dhcp' : 'static',
      ip: v.ipv4?.toString() ?? null,
      subnet: v.network.subnet.toString(),
      gateway: v.network.gateway.toString(),
      dns,
      mac: v.mac !== undefined && !v.macGenerated ? v.mac.toString() : null,
      mac_address: v.mac?.toString() ?? null,
      docker_network_name: v.network.name,
      dhcp_ip: null,
      dhcp_gateway: null,
      dhcp_dns: null,
      addressing: v.mode,
      driver: v.network.driver,
      network: v.network.name,
      parent_subnet: v.network.subnet.toString(),
      parent_gateway: v.network.gateway.toString(),
    }));
  }
  return result;
}

/** A vNIC as read from either shape: the fields edgenet understands, each checked; absent or null is undefined. */
export interface ReadVnic {
  /** JSON path of the vNIC in the file, for messages. */
  readonly path: string;
  readonly name?: string;
  readonly parent_interface?: string;
  readonly network_mode?: string;
  readonly ip?: string;
  readonly subnet?: string;
  readonly gateway?: string;
  readonly dns?: readonly string[];
  readonly mac?: string;
  readonly mac_address?: string;
  readonly addressing?: string;
  readonly driver?: string;
  readonly parent_subnet?: string;
  readonly parent_gateway?: string;
  /** The reference's private note of the parent's type (`_interface_type`, `_is_wifi`, `_network_method: proxy_arp`). */
  readonly wifi: boolean;
}

export interface ReadRuntime {
  readonly name: string;
  /** JSON path of the container in the file. */
  readonly path: string;
  readonly vnics: readonly ReadVnic[];
}

const TEXT_FIELDS = [
  'name',
  'parent_interface',
  'network_mode',
  'ip',
  'subnet',
  'gateway',
  'mac',
  'mac_address',
  'addressing',
  'driver',
  'parent_subnet',
  'parent_gateway',
] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `$.rt1` for plain names, `$["rt-1"]` otherwise. */
export function keyPath(parent: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * runtime_vnics.json as data, in either shape, each field checked; every problem is added to
 * `problems` with its path, the value and what is allowed. Fields edgenet does not use (the
 * reference's lease fields, `docker_network_name`, private `_` fields) are passed over.
 */
export function readRuntimeVnics(raw: unknown, problems: ProblemList): ReadRuntime[] {
  if (!isObject(raw)) {
    problems.add(problem('$', 'is not an object', raw, 'an object of container name to its list of vNICs'));
    return [];
  }
  const runtimes: ReadRuntime[] = [];
  for (const [name, entry] of Object.entries(raw)) {
    const path = keyPath('$', name);
    const list = Array.isArray(entry) ? entry : isObject(entry) && Array.isArray(entry.vnics) ? entry.vnics : undefined;
    const listPath = Array.isArray(entry) ? path : `${path}.vnics`;
    if (list === undefined) {
      problems.add(problem(path, 'is not a list of vNICs', entry, 'a list of vNIC objects (or edgenet\'s earlier {"vnics": [...]})'));
      continue;
    }
    runtimes.push({ name, path, vnics: list.map((v, i) => readVnic(v, `${listPath}[${i}]`, problems)) });
  }
  return runtimes;
}

function readVnic(raw: unknown, path: string, problems: ProblemList): ReadVnic {
  if (!isObject(raw)) {
    problems.add(problem(path, 'is not a vNIC object', raw, 'an object with name, parent_interface, network_mode, ...'));
    return { path, wifi: false };
  }
  const fields: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') fields[field] = value;
    else problems.add(problem(`${path}.${field}`, 'is not a string', value, 'a string or null'));
  }
  if (raw.dns !== undefined && raw.dns !== null) {
    if (Array.isArray(raw.dns) && raw.dns.every((d) => typeof d === 'string')) fields.dns = raw.dns;
    else problems.add(problem(`${path}.dns`, 'is not a list of strings', raw.dns, 'a list of IPv4 addresses, or null'));
  }
  const wifi = raw._interface_type === 'wifi' || raw._is_wifi === true || raw._network_method === 'proxy_arp' || raw.driver === 'ipvlan';
  return { path, ...fields, wifi };
}
