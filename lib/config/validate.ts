import { problem, ProblemList } from '../errors';
import { formatIPv4, parseIPv4, Subnet } from '../ipv4';
import { isMulticastMac, isZeroMac, parseMac } from '../mac';
import { INTERFACE_PATTERN, NAME_PATTERN } from '../naming';
import { DEFAULT_DOCKER_HOST } from '../docker-api';
import {
  NETMON_KEYS, NETWORK_MODES, NetworkMode, PORT_KEYS, RESTART_POLICIES, RUNTIME_KEYS, SETTINGS_KEYS, TOP_LEVEL_KEYS, VNIC_KEYS,
} from './types';

/**
 * Config validation that needs no host facts, plus the profile merge (seed 003:
 * profile defaults, per-runtime overrides). Facts-dependent checks live in lib/model.ts.
 */

export const DEFAULT_STACK = 'edge';
export const DEFAULT_NETWORK_MODE: NetworkMode = 'auto';
export const DEFAULT_RESTART = 'unless-stopped';
export const DEFAULT_NETMON_SOCKET_DIR = '/var/orchestrator';

export interface ValidPort {
  readonly internal: number;
  readonly external: number;
  readonly protocol: 'tcp' | 'udp';
}

export interface ValidVnic {
  readonly name: string;
  /** JSON path of the vNIC in the config, for messages. */
  readonly path: string;
  readonly parentInterface?: string;
  readonly parentSubnet?: Subnet;
  readonly parentGateway?: number;
  readonly mode: NetworkMode;
  readonly ip?: number;
  readonly mac?: string;
  readonly dns: readonly string[];
}

export interface ValidRuntime {
  readonly name: string;
  readonly path: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly isolated: boolean;
  readonly ports: readonly ValidPort[];
  readonly restart: string;
  readonly vnics: readonly ValidVnic[];
}

export interface ValidConfig {
  readonly stack: string;
  readonly dockerHost: string;
  readonly runtimes: readonly ValidRuntime[];
  readonly netmon?: { readonly image: string; readonly socketDir: string };
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Levenshtein distance, to suggest the intended key for a typo. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

class Checker {
  readonly problems = new ProblemList();

  unknownKeys(value: Obj, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      const near = allowed.filter((a) => distance(a, key) <= 2);
      const hint = near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : '';
      this.problems.add(problem(`${path}.${key}`, 'is not a known field', key, `${hint}one of ${allowed.join(', ')}`));
    }
  }

  object(value: unknown, path: string, what: string): value is Obj {
    if (isObject(value)) return true;
    this.problems.add(problem(path, 'is not a mapping', value, what));
    return false;
  }

  string(value: unknown, path: string, expected: string, pattern?: RegExp): value is string {
    if (typeof value === 'string' && (!pattern || pattern.test(value))) return true;
    this.problems.add(problem(path, typeof value === 'string' ? 'is not valid' : 'is not a string', value, expected));
    return false;
  }

  stringList(value: unknown, path: string, expected: string): value is string[] {
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return true;
    this.problems.add(problem(path, 'is not a list of strings', value, expected));
    return false;
  }

  port(value: unknown, path: string): value is number {
    if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535) return true;
    this.problems.add(problem(path, 'is not a port number', value, 'an integer from 1 to 65535'));
    return false;
  }

  ipv4(value: unknown, path: string): number | undefined {
    const address = parseIPv4(value);
    if (address === undefined) this.problems.add(problem(path, 'is not an IPv4 address', value, 'a dotted quad, e.g. 192.168.1.50'));
    return address;
  }
}

function checkSettings(c: Checker, raw: Obj, path: string, allowed: readonly string[]): void {
  c.unknownKeys(raw, path, allowed);
  if (raw.image !== undefined) c.string(raw.image, `${path}.image`, 'an image reference, e.g. local/busybox:latest', /^\S+$/);
  if (raw.command !== undefined) c.stringList(raw.command, `${path}.command`, 'a list of strings, e.g. [sleep, infinity]');
  if (raw.isolated !== undefined && typeof raw.isolated !== 'boolean') {
    c.problems.add(problem(`${path}.isolated`, 'is not a boolean', raw.isolated, 'true or false'));
  }
  if (raw.restart !== undefined) {
    c.string(raw.restart, `${path}.restart`, `one of ${RESTART_POLICIES.join(', ')}`, new RegExp(`^(${RESTART_POLICIES.join('|')})$`));
  }
  if (raw.env !== undefined && c.object(raw.env, `${path}.env`, 'a mapping of variable names to strings')) {
    for (const [key, value] of Object.entries(raw.env)) {
      c.string(value, `${path}.env.${key}`, 'a string value (quote numbers and booleans)');
    }
  }
  if (raw.ports !== undefined) {
    if (!Array.isArray(raw.ports)) {
      c.problems.add(problem(`${path}.ports`, 'is not a list', raw.ports, 'a list of { internal, external, protocol }'));
    } else {
      raw.ports.forEach((p, i) => {
        const at = `${path}.ports[${i}]`;
        if (!c.object(p, at, 'a mapping with internal (and optional external, protocol)')) return;
        c.unknownKeys(p, at, PORT_KEYS);
        c.port(p.internal, `${at}.internal`);
        if (p.external !== undefined) c.port(p.external, `${at}.external`);
        if (p.protocol !== undefined) c.string(p.protocol, `${at}.protocol`, 'tcp or udp', /^(tcp|udp)$/);
      });
    }
  }
  if (raw.vnic_defaults !== undefined && c.object(raw.vnic_defaults, `${path}.vnic_defaults`, 'a mapping of vNIC fields')) {
    checkVnicFields(c, raw.vnic_defaults, `${path}.vnic_defaults`, VNIC_KEYS.filter((k) => k !== 'name'));
  }
  if (raw.vnics !== undefined) {
    if (!Array.isArray(raw.vnics)) {
      c.problems.add(problem(`${path}.vnics`, 'is not a list', raw.vnics, 'a list of vNICs'));
    } else {
      raw.vnics.forEach((v, i) => {
        if (c.object(v, `${path}.vnics[${i}]`, 'a mapping of vNIC fields')) checkVnicFields(c, v, `${path}.vnics[${i}]`, VNIC_KEYS);
      });
    }
  }
}

/** Syntax of each vNIC field present; combinations are checked after the merge. */
function checkVnicFields(c: Checker, raw: Obj, path: string, allowed: readonly string[]): void {
  c.unknownKeys(raw, path, allowed);
  if (raw.name !== undefined) c.string(raw.name, `${path}.name`, `a name matching ${NAME_PATTERN}`, NAME_PATTERN);
  if (raw.parent_interface !== undefined) {
    c.string(raw.parent_interface, `${path}.parent_interface`, 'a Linux interface name of 1 to 15 characters', INTERFACE_PATTERN);
  }
  if (raw.parent_subnet !== undefined && Subnet.parse(raw.parent_subnet) === undefined) {
    const loose = Subnet.parse(raw.parent_subnet, false);
    const expected = loose ? `the network address form ${loose}` : 'a.b.c.d/n, e.g. 192.168.1.0/24';
    c.problems.add(problem(`${path}.parent_subnet`, 'is not an IPv4 subnet in network form', raw.parent_subnet, expected));
  }
  if (raw.parent_gateway !== undefined) c.ipv4(raw.parent_gateway, `${path}.parent_gateway`);
  if (raw.ip !== undefined) c.ipv4(raw.ip, `${path}.ip`);
  if (raw.network_mode !== undefined) {
    c.string(raw.network_mode, `${path}.network_mode`, `one of ${NETWORK_MODES.join(', ')}`, new RegExp(`^(${NETWORK_MODES.join('|')})$`));
  }
  if (raw.mac_address !== undefined) {
    const mac = parseMac(raw.mac_address);
    if (mac === undefined) {
      c.problems.add(problem(`${path}.mac_address`, 'is not a MAC address', raw.mac_address, 'six hex octets, e.g. 02:42:c0:a8:01:32'));
    } else if (isZeroMac(mac)) {
      c.problems.add(problem(`${path}.mac_address`, 'is the all-zero MAC', raw.mac_address, 'a unicast MAC, e.g. 02:42:c0:a8:01:32'));
    } else if (isMulticastMac(mac)) {
      c.problems.add(problem(`${path}.mac_address`, 'is a multicast MAC (first octet is odd)', raw.mac_address, 'a unicast MAC: an even first octet, e.g. 02:...'));
    }
  }
  if (raw.dns !== undefined && c.stringList(raw.dns, `${path}.dns`, 'a list of IPv4 addresses')) {
    raw.dns.forEach((d, i) => c.ipv4(d, `${path}.dns[${i}]`));
  }
}

function mergeVnic(c: Checker, defaults: Obj, vnic: Obj, path: string): ValidVnic | undefined {
  const merged: Obj = { ...defaults, ...vnic };
  const mode = (merged.network_mode ?? DEFAULT_NETWORK_MODE) as NetworkMode;
  const subnet = Subnet.parse(merged.parent_subnet);
  const gateway = parseIPv4(merged.parent_gateway);
  const ip = parseIPv4(merged.ip);
  if (mode === 'static' && merged.ip === undefined) {
    c.problems.add(problem(`${path}.ip`, 'is required when network_mode is static', merged.ip, 'an IPv4 address in the parent subnet'));
  }
  if (mode !== 'static' && merged.ip !== undefined) {
    c.problems.add(problem(`${path}.ip`, `is only allowed with network_mode static (this vNIC is ${mode})`, merged.ip, 'no ip, or network_mode: static'));
  }
  if (subnet && gateway !== undefined && !subnet.contains(gateway)) {
    c.problems.add(problem(`${path}.parent_gateway`, `is outside parent_subnet ${subnet}`, merged.parent_gateway, `an address in ${subnet}`));
  }
  if (subnet && ip !== undefined) checkHostAddress(c, ip, subnet, gateway, `${path}.ip`);
  if (typeof merged.name !== 'string' || !NAME_PATTERN.test(merged.name)) {
    if (merged.name === undefined) c.problems.add(problem(`${path}.name`, 'is required', undefined, `a name matching ${NAME_PATTERN}`));
    return undefined;
  }
  return {
    name: merged.name,
    path,
    parentInterface: typeof merged.parent_interface === 'string' ? merged.parent_interface : undefined,
    parentSubnet: subnet,
    parentGateway: gateway,
    mode,
    ip,
    mac: parseMac(merged.mac_address),
    dns: Array.isArray(merged.dns) ? (merged.dns as string[]) : [],
  };
}

/** An address a container may hold: inside the subnet, not network, broadcast or gateway. */
export function checkHostAddress(c: { problems: ProblemList }, ip: number, subnet: Subnet, gateway: number | undefined, path: string): boolean {
  const text = formatIPv4(ip);
  const allowed = `a host address in ${subnet} other than ${[formatIPv4(subnet.network), formatIPv4(subnet.broadcast), ...(gateway !== undefined ? [formatIPv4(gateway)] : [])].join(', ')}`;
  if (!subnet.contains(ip)) {
    c.problems.add(problem(path, `is outside the subnet ${subnet}`, text, allowed));
    return false;
  }
  if (subnet.prefix < 31 && (ip === subnet.network || ip === subnet.broadcast)) {
    c.problems.add(problem(path, `is the ${ip === subnet.network ? 'network' : 'broadcast'} address of ${subnet}`, text, allowed));
    return false;
  }
  if (ip === gateway) {
    c.problems.add(problem(path, 'is the gateway address', text, allowed));
    return false;
  }
  return true;
}

/**
 * Validates a parsed config file and merges profiles into runtimes.
 * Throws a ValidationError listing every problem; returns only a fully valid config.
 */
export function validateConfig(raw: unknown): ValidConfig {
  const c = new Checker();
  if (!c.object(raw, '$', 'a mapping with at least `runtimes`')) c.problems.throwIfAny();
  const root = raw as Obj;
  c.unknownKeys(root, '$', TOP_LEVEL_KEYS);
  const stack = root.stack ?? DEFAULT_STACK;
  c.string(stack, '$.stack', `a name matching ${NAME_PATTERN}`, NAME_PATTERN);
  const dockerHost = root.docker_host ?? DEFAULT_DOCKER_HOST;
  c.string(dockerHost, '$.docker_host', 'unix:///path/to/docker.sock, tcp://host:port or ssh://user@host', /^(unix|tcp|ssh):\/\/\S+$/);

  const profiles: Record<string, Obj> = {};
  if (root.profiles !== undefined && c.object(root.profiles, '$.profiles', 'a mapping of profile name to runtime settings')) {
    for (const [name, profile] of Object.entries(root.profiles)) {
      if (c.object(profile, `$.profiles.${name}`, 'a mapping of runtime settings')) {
        checkSettings(c, profile, `$.profiles.${name}`, SETTINGS_KEYS);
        profiles[name] = profile;
      }
    }
  }

  let netmon: ValidConfig['netmon'];
  if (root.netmon !== undefined && c.object(root.netmon, '$.netmon', 'a mapping with image and socket_dir')) {
    c.unknownKeys(root.netmon, '$.netmon', NETMON_KEYS);
    const socketDir = root.netmon.socket_dir ?? DEFAULT_NETMON_SOCKET_DIR;
    if (c.string(root.netmon.image, '$.netmon.image', 'an image holding the edgenet command', /^\S+$/)
      && c.string(socketDir, '$.netmon.socket_dir', 'an absolute directory path', /^\/\S*$/)) {
      netmon = { image: root.netmon.image, socketDir };
    }
  }

  const runtimes: ValidRuntime[] = [];
  if (!Array.isArray(root.runtimes)) {
    c.problems.add(problem('$.runtimes', 'is not a list', root.runtimes, 'a list of runtimes'));
  } else {
    root.runtimes.forEach((rt, i) => {
      const path = `$.runtimes[${i}]`;
      if (!c.object(rt, path, 'a mapping with at least name and image')) return;
      checkSettings(c, rt, path, RUNTIME_KEYS);
      const runtime = mergeRuntime(c, rt, path, profiles);
      if (runtime) runtimes.push(runtime);
    });
  }
  checkAcrossRuntimes(c, runtimes);
  c.problems.throwIfAny();
  return { stack: stack as string, dockerHost: dockerHost as string, runtimes, ...(netmon ? { netmon } : {}) };
}

function mergeRuntime(c: Checker, rt: Obj, path: string, profiles: Record<string, Obj>): ValidRuntime | undefined {
  let profile: Obj = {};
  let vnicsPath = `${path}.vnics`;
  if (rt.profile !== undefined) {
    const known = Object.keys(profiles);
    if (typeof rt.profile !== 'string' || !(rt.profile in profiles)) {
      c.problems.add(problem(`${path}.profile`, 'names no profile', rt.profile, known.length ? `one of ${known.join(', ')}` : 'a profile defined under profiles (none are)'));
    } else {
      profile = profiles[rt.profile];
      if (rt.vnics === undefined && profile.vnics !== undefined) vnicsPath = `$.profiles.${rt.profile}.vnics`;
    }
  }
  const merged: Obj = { ...profile, ...rt };
  merged.vnic_defaults = { ...(profile.vnic_defaults as Obj | undefined), ...(rt.vnic_defaults as Obj | undefined) };
  const nameOk = c.string(rt.name, `${path}.name`, `a name matching ${NAME_PATTERN}`, NAME_PATTERN);
  if (merged.image === undefined) {
    c.problems.add(problem(`${path}.image`, 'is required (here or in the profile)', undefined, 'an image reference, e.g. local/busybox:latest'));
  }
  const isolated = merged.isolated === true;
  const rawVnics = Array.isArray(merged.vnics) ? (merged.vnics as unknown[]) : [];
  if (isolated && rawVnics.length > 0) {
    c.problems.add(problem(vnicsPath, 'gives LAN vNICs to an isolated runtime', `${rawVnics.length} vNIC(s)`, 'no vnics when isolated is true (it has its internal network only)'));
  }
  const vnics: ValidVnic[] = [];
  const seen = new Set<string>();
  rawVnics.forEach((v, j) => {
    if (!isObject(v)) return;
    const vnic = mergeVnic(c, merged.vnic_defaults as Obj, v, `${vnicsPath}[${j}]`);
    if (!vnic) return;
    if (seen.has(vnic.name)) {
      c.problems.add(problem(`${vnicsPath}[${j}].name`, `duplicates another vNIC of runtime ${String(rt.name)}`, vnic.name, 'vNIC names unique within a runtime'));
    }
    seen.add(vnic.name);
    vnics.push(vnic);
  });
  const ports: ValidPort[] = (Array.isArray(merged.ports) ? merged.ports : [])
    .filter(isObject)
    .map((p) => ({ internal: p.internal as number, external: (p.external ?? p.internal) as number, protocol: (p.protocol ?? 'tcp') as 'tcp' | 'udp' }));
  if (!nameOk) return undefined;
  return {
    name: rt.name as string,
    path,
    image: merged.image as string,
    command: merged.command as string[] | undefined,
    env: (isObject(merged.env) ? merged.env : {}) as Record<string, string>,
    isolated,
    ports,
    restart: (merged.restart ?? DEFAULT_RESTART) as string,
    vnics,
  };
}

function checkAcrossRuntimes(c: Checker, runtimes: readonly ValidRuntime[]): void {
  const names = new Map<string, string>();
  const ips = new Map<number, string>();
  const macs = new Map<string, string>();
  const hostPorts = new Map<string, string>();
  for (const rt of runtimes) {
    const first = names.get(rt.name);
    if (first) c.problems.add(problem(`${rt.path}.name`, `duplicates the runtime at ${first}`, rt.name, 'runtime names unique in the stack'));
    else names.set(rt.name, rt.path);
    rt.ports.forEach((p, i) => {
      const key = `${p.external}/${p.protocol}`;
      const other = hostPorts.get(key);
      if (other) c.problems.add(problem(`${rt.path}.ports[${i}].external`, `is already published by ${other}`, p.external, 'each host port/protocol published once'));
      else hostPorts.set(key, `${rt.path}.ports`);
    });
    for (const v of rt.vnics) {
      if (v.mode === 'static' && v.ip !== undefined) {
        const other = ips.get(v.ip);
        if (other) c.problems.add(problem(`${v.path}.ip`, `is also the static ip of ${other}`, formatIPv4(v.ip), 'each static ip used once'));
        else ips.set(v.ip, v.path);
      }
      if (v.mac !== undefined) {
        const other = macs.get(v.mac);
        if (other) c.problems.add(problem(`${v.path}.mac_address`, `is also the MAC of ${other}`, v.mac, 'each MAC used once'));
        else macs.set(v.mac, v.path);
      }
    }
  }
}
