import { z } from 'zod';
import { hostAddressProblem, lanGatewayProblem, lanSubnetProblem } from '../address-rules';
import { problem, ProblemList, ValidationError } from '../errors';
import { nestingProblem } from '../input-limits';
import { LanDriver } from '../naming';
import { issuesToProblems } from '../schema-issues';
import { AddressRange, Ipv4Address, MacAddress, Subnet } from '../values';
import { DEFAULT_DHCP_CLIENT_IMAGE, DEFAULT_NETMON_SOCKET_DIR, DEFAULT_NETWORK_MODE, DEFAULT_RESTART } from './defaults';
import {
  EdgeConfigSchema,
  LanSchema,
  ManagerSchema,
  NETMON_SHAPE,
  NetworkMode,
  ProfileNameSchema,
  RestartPolicy,
  RUNTIME_SHAPE,
  SETTINGS_SHAPE,
  TOP_LEVEL_SHAPE,
  VNIC_SHAPE,
} from './schema';
import { checkContainerNames } from './container-names';
import { withoutReservedKeys } from './reserved-keys';
import { HostTarget, resolveTargets } from './targets';

/**
 * The config file -> a valid config with profiles merged into runtimes. Two passes: the
 * schema reports what is wrong with each field as written; then the rules that span fields
 * (static needs ip, names unique, ...) run on every field that did parse, so one run lists
 * every problem. Facts-dependent rules live in model/.
 */

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
  readonly parentGateway?: Ipv4Address;
  readonly mode: NetworkMode;
  readonly ip?: Ipv4Address;
  readonly mac?: MacAddress;
  readonly dns: readonly Ipv4Address[];
  /** The reference agent's static `subnet` (prefix, and network when written as a CIDR): must be the LAN's. */
  readonly subnet?: { readonly prefix: number; readonly network?: Subnet };
  /** The reference agent's static `gateway`: must be the LAN's. */
  readonly gateway?: Ipv4Address;
}

/** A LAN's address plan, by parent interface. */
export interface LanSettings {
  /** Where auto addresses come from. @default - the upper half of the subnet */
  readonly autoRange?: AddressRange;
  readonly exclude: readonly AddressRange[];
  /** The network's driver, whatever the facts say of the parent. @default - chosen from the parent's type */
  readonly driver?: LanDriver;
  /** Ask the LAN whether an auto address is free before it is first given. @default false */
  readonly arpProbe: boolean;
  /** The host's own interface on this LAN: its address, or `auto` to allocate one. @default - none */
  readonly hostAccess?: Ipv4Address | 'auto';
}

/** A parent interface the config's `lans` does not mention. */
export const DEFAULT_LAN_SETTINGS: LanSettings = { exclude: [], arpProbe: false };

export interface ValidRuntime {
  readonly name: string;
  readonly path: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly isolated: boolean;
  readonly ports: readonly ValidPort[];
  readonly restart: RestartPolicy;
  readonly vnics: readonly ValidVnic[];
}

export interface ValidConfig {
  /** Where the config goes: one stack per host (one, named after the stack, without `hosts`). */
  readonly hosts: readonly HostTarget[];
  readonly runtimes: readonly ValidRuntime[];
  /** LAN settings by parent interface. */
  readonly lans: ReadonlyMap<string, LanSettings>;
  /** The control plane's container, joined to every runtime's internal network. */
  readonly manager?: {
    readonly container: string;
    /** Where runtimes' internal networks take their /24s from. @default - the engine picks each subnet */
    readonly internalPool?: Subnet;
  };
  /** Image of the DHCP client beside each dhcp vNIC. */
  readonly dhcpClientImage: string;
  readonly netmon?: { readonly image: string; readonly socketDir: string };
}

type Raw = Record<string, unknown>;
type Shape = Record<string, z.ZodType>;
type Salvaged<S extends Shape> = { [K in keyof S]?: Exclude<z.output<S[K]>, undefined> };

function isMapping(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Each field of `raw` that parses on its own; a field that does not is left out (the
 * schema pass has reported it), so the rules after it still see everything else.
 */
function salvage<S extends Shape>(shape: S, raw: Raw, fields: readonly (keyof S)[] = Object.keys(shape)): Salvaged<S> {
  const out: Record<string, unknown> = {};
  for (const key of fields) {
    if (raw[key as string] === undefined) continue;
    const parsed = shape[key].safeParse(raw[key as string]);
    if (parsed.success && parsed.data !== undefined) out[key as string] = parsed.data;
  }
  return out as Salvaged<S>;
}

const SETTINGS_FIELDS = ['image', 'command', 'env', 'isolated', 'ports', 'restart'] as const;

/** Validates a parsed config file and merges profiles into runtimes; throws a ValidationError listing every problem. */
export function validateConfig(input: unknown): ValidConfig {
  const tooDeep = nestingProblem(input);
  if (tooDeep) throw new ValidationError([tooDeep]);
  const problems = new ProblemList();
  const raw = withoutReservedKeys(input, problems);
  const parsed = EdgeConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) problems.addAll(issuesToProblems(EdgeConfigSchema, parsed.error.issues));
  if (!isMapping(raw)) problems.throwIfAny();
  const root = raw as Raw;
  const hosts = resolveTargets(problems, root, isMapping);

  const profiles = new Map<string, Raw>();
  if (isMapping(root.profiles)) {
    // A profile whose name is refused (the schema pass said so) is not one a runtime can name.
    for (const [name, profile] of Object.entries(root.profiles)) {
      if (isMapping(profile) && ProfileNameSchema.safeParse(name).success) profiles.set(name, profile);
    }
  }

  let netmon: ValidConfig['netmon'];
  if (isMapping(root.netmon)) {
    const fields = salvage(NETMON_SHAPE, root.netmon);
    if (fields.image !== undefined) netmon = { image: fields.image, socketDir: fields.socket_dir ?? DEFAULT_NETMON_SOCKET_DIR };
  }

  const lans = new Map<string, LanSettings>();
  if (isMapping(root.lans)) {
    for (const [iface, lan] of Object.entries(root.lans)) {
      if (!isMapping(lan)) continue;
      const fields = salvage(LanSchema.shape, lan);
      lans.set(iface, {
        ...(fields.auto_range ? { autoRange: fields.auto_range } : {}),
        exclude: fields.exclude ?? DEFAULT_LAN_SETTINGS.exclude,
        ...(fields.driver ? { driver: fields.driver } : {}),
        arpProbe: fields.arp_probe ?? DEFAULT_LAN_SETTINGS.arpProbe,
        ...(fields.host_access === true ? { hostAccess: 'auto' as const } : fields.host_access ? { hostAccess: fields.host_access } : {}),
      });
    }
  }
  const manager = isMapping(root.manager) ? salvage(ManagerSchema.shape, root.manager) : undefined;
  const dhcpClientImage = salvage(TOP_LEVEL_SHAPE, root, ['dhcp_client_image']).dhcp_client_image ?? DEFAULT_DHCP_CLIENT_IMAGE;

  const runtimes: ValidRuntime[] = [];
  if (Array.isArray(root.runtimes)) {
    root.runtimes.forEach((rt, i) => {
      if (!isMapping(rt)) return;
      const runtime = mergeRuntime(problems, rt, `$.runtimes[${i}]`, profiles);
      if (runtime) runtimes.push(runtime);
    });
  }
  checkAcrossRuntimes(problems, runtimes);
  checkContainerNames(problems, runtimes, manager?.container, netmon !== undefined);
  checkHostRuntimes(problems, root, runtimes);
  problems.throwIfAny();
  return {
    hosts,
    runtimes,
    lans,
    ...(manager?.container !== undefined
      ? { manager: { container: manager.container, ...(manager.internal_pool ? { internalPool: manager.internal_pool } : {}) } }
      : {}),
    dhcpClientImage,
    ...(netmon ? { netmon } : {}),
  };
}

/** The profile merge: a runtime starts from its profile; its own fields win, vnic_defaults merge field by field. */
function mergeRuntime(problems: ProblemList, rt: Raw, path: string, profiles: ReadonlyMap<string, Raw>): ValidRuntime | undefined {
  let profile: Raw = {};
  let vnicsPath = `${path}.vnics`;
  if (rt.profile !== undefined) {
    const known = [...profiles.keys()];
    const chosen = typeof rt.profile === 'string' ? profiles.get(rt.profile) : undefined;
    if (chosen === undefined) {
      problems.add(
        problem(
          `${path}.profile`,
          'names no profile',
          rt.profile,
          known.length ? `one of ${known.join(', ')}` : 'a profile defined under profiles (none are)',
        ),
      );
    } else {
      profile = chosen;
      if (rt.vnics === undefined && profile.vnics !== undefined) vnicsPath = `$.profiles.${rt.profile as string}.vnics`;
    }
  }
  const merged: Raw = { ...profile, ...rt };
  const settings = salvage(SETTINGS_SHAPE, merged, SETTINGS_FIELDS);
  const name = salvage(RUNTIME_SHAPE, rt, ['name']).name;
  if (merged.image === undefined) {
    problems.add(
      problem(`${path}.image`, 'is required (here or in the profile)', undefined, 'an image reference, e.g. local/busybox:latest'),
    );
  }
  const isolated = settings.isolated === true;
  const rawVnics = Array.isArray(merged.vnics) ? (merged.vnics as unknown[]) : [];
  if (isolated && rawVnics.length > 0) {
    problems.add(
      problem(
        vnicsPath,
        'gives LAN vNICs to an isolated runtime',
        `${rawVnics.length} vNIC(s)`,
        'no vnics when isolated is true (it has its internal network only)',
      ),
    );
  }
  const defaults: Raw = {
    ...(isMapping(profile.vnic_defaults) ? profile.vnic_defaults : {}),
    ...(isMapping(rt.vnic_defaults) ? rt.vnic_defaults : {}),
  };
  const vnics: ValidVnic[] = [];
  const seen = new Set<string>();
  rawVnics.forEach((v, j) => {
    if (!isMapping(v)) return;
    const vnic = mergeVnic(problems, defaults, v, `${vnicsPath}[${j}]`);
    if (!vnic) return;
    if (seen.has(vnic.name)) {
      problems.add(
        problem(
          `${vnicsPath}[${j}].name`,
          `duplicates another vNIC of runtime ${String(rt.name)}`,
          vnic.name,
          'vNIC names unique within a runtime',
        ),
      );
    }
    seen.add(vnic.name);
    vnics.push(vnic);
  });
  if (name === undefined) return undefined;
  return {
    name,
    path,
    // A missing or invalid image is already a problem; the runtime still takes part in the checks across runtimes.
    image: settings.image ?? '',
    ...(settings.command ? { command: settings.command } : {}),
    env: settings.env ?? {},
    isolated,
    ports: (settings.ports ?? []).map((p) => ({ internal: p.internal, external: p.external ?? p.internal, protocol: p.protocol ?? 'tcp' })),
    restart: settings.restart ?? DEFAULT_RESTART,
    vnics,
  };
}

/** The rules between a vNIC's fields, after its defaults are merged in. */
function mergeVnic(problems: ProblemList, defaults: Raw, raw: Raw, path: string): ValidVnic | undefined {
  const merged: Raw = { ...defaults, ...raw };
  const f = salvage(VNIC_SHAPE, merged);
  const mode = f.network_mode ?? DEFAULT_NETWORK_MODE;
  if (mode === 'static' && merged.ip === undefined) {
    problems.add(problem(`${path}.ip`, 'is required when network_mode is static', merged.ip, 'an IPv4 address in the parent subnet'));
  }
  if (mode !== 'static' && merged.ip !== undefined) {
    problems.add(
      problem(`${path}.ip`, `is only allowed with network_mode static (this vNIC is ${mode})`, merged.ip, 'no ip, or network_mode: static'),
    );
  }
  if (f.parent_subnet) problems.add(lanSubnetProblem(f.parent_subnet, `${path}.parent_subnet`));
  if (f.parent_subnet && f.parent_gateway) problems.add(lanGatewayProblem(f.parent_gateway, f.parent_subnet, `${path}.parent_gateway`));
  if (f.parent_subnet && f.ip) problems.add(hostAddressProblem(f.ip, f.parent_subnet, f.parent_gateway, `${path}.ip`));
  for (const field of ['subnet', 'gateway'] as const) {
    if (mode !== 'static' && merged[field] !== undefined) {
      problems.add(
        problem(
          `${path}.${field}`,
          `is only allowed with network_mode static (this vNIC is ${mode})`,
          merged[field],
          `no ${field}, or network_mode: static`,
        ),
      );
    }
  }
  // A vNIC without a name was refused by the schema already (runtimes and profiles require it).
  if (f.name === undefined) return undefined;
  return {
    name: f.name,
    path,
    ...(f.parent_interface !== undefined ? { parentInterface: f.parent_interface } : {}),
    ...(f.parent_subnet ? { parentSubnet: f.parent_subnet } : {}),
    ...(f.parent_gateway ? { parentGateway: f.parent_gateway } : {}),
    mode,
    ...(f.ip ? { ip: f.ip } : {}),
    ...(f.mac_address ? { mac: f.mac_address } : {}),
    dns: f.dns ?? [],
    ...(f.subnet ? { subnet: f.subnet } : {}),
    ...(f.gateway ? { gateway: f.gateway } : {}),
  };
}

/** A host's runtime list names runtimes the config has. */
function checkHostRuntimes(problems: ProblemList, root: Raw, runtimes: readonly ValidRuntime[]): void {
  if (!isMapping(root.hosts)) return;
  const known = runtimes.map((r) => r.name);
  for (const [host, entry] of Object.entries(root.hosts)) {
    if (!isMapping(entry) || !Array.isArray(entry.runtimes)) continue;
    entry.runtimes.forEach((name, i) => {
      if (typeof name === 'string' && !known.includes(name)) {
        problems.add(
          problem(`$.hosts.${host}.runtimes[${i}]`, 'names no runtime', name, `one of ${known.join(', ') || '(no runtimes are defined)'}`),
        );
      }
    });
  }
}

/** Static addresses, MACs and host ports are each used once in the stack (names: container-names.ts). */
function checkAcrossRuntimes(problems: ProblemList, runtimes: readonly ValidRuntime[]): void {
  const ips = new Map<number, string>();
  const macs = new Map<string, string>();
  const hostPorts = new Map<string, string>();
  for (const rt of runtimes) {
    rt.ports.forEach((p, i) => {
      const key = `${p.external}/${p.protocol}`;
      const other = hostPorts.get(key);
      if (other)
        problems.add(
          problem(
            `${rt.path}.ports[${i}].external`,
            `is already published by ${other}`,
            p.external,
            'each host port/protocol published once',
          ),
        );
      else hostPorts.set(key, `${rt.path}.ports`);
    });
    for (const v of rt.vnics) {
      if (v.mode === 'static' && v.ip !== undefined) {
        const other = ips.get(v.ip.value);
        if (other) problems.add(problem(`${v.path}.ip`, `is also the static ip of ${other}`, v.ip.toString(), 'each static ip used once'));
        else ips.set(v.ip.value, v.path);
      }
      if (v.mac !== undefined) {
        const other = macs.get(v.mac.toString());
        if (other) problems.add(problem(`${v.path}.mac_address`, `is also the MAC of ${other}`, v.mac.toString(), 'each MAC used once'));
        else macs.set(v.mac.toString(), v.path);
      }
    }
  }
}
