import { EdgeConfigFile, RuntimeFile, VnicFile } from './config/schema';
import { validateConfig } from './config/validate';
import { Problem, problem, ProblemList, ValidationError } from './errors';
import { ReadVnic, readRuntimeVnics } from './vnic-records';

/**
 * The reference agent's runtime_vnics.json -> an edgenet config with the same runtimes,
 * vNICs, static addresses, MACs and DNS, checked by the config's own validation. Every
 * problem names its place in the agent's file. Pure: the caller reads and writes files.
 */

/** The image the reference agent runs its runtimes from (its file does not record one). */
export const AGENT_RUNTIME_IMAGE = 'ghcr.io/autonomy-logic/openplc-runtime:latest';

/** The profile the migrated runtimes share, so their image is set once. */
export const AGENT_PROFILE = 'agent';

/** The reference agent's modes; an absent one is dhcp, as the agent reads it. */
const AGENT_MODES = ['static', 'dhcp'] as const;

export interface FromAgentOptions {
  /**
   * Image of every migrated runtime.
   *
   * @default AGENT_RUNTIME_IMAGE
   */
  readonly image?: string;
}

/** Throws a ValidationError listing every problem, located in the agent's file. */
export function configFromAgent(raw: unknown, options: FromAgentOptions = {}): EdgeConfigFile {
  const image = options.image ?? AGENT_RUNTIME_IMAGE;
  const problems = new ProblemList();
  const read = readRuntimeVnics(raw, problems);
  const places = new Map<string, string>([[`$.profiles.${AGENT_PROFILE}.image`, '--image']]);
  // A Map, not an object: a parent named `__proto__` must become a LAN, not a prototype.
  const lans = new Map<string, { driver: 'ipvlan' }>();
  const runtimes: RuntimeFile[] = read.map((runtime, i) => {
    places.set(`$.runtimes[${i}]`, runtime.path);
    places.set(`$.runtimes[${i}].name`, runtime.path);
    return {
      name: runtime.name,
      profile: AGENT_PROFILE,
      vnics: runtime.vnics.map((vnic, j) => {
        const { file, fields } = vnicFromAgent(vnic, problems);
        places.set(`$.runtimes[${i}].vnics[${j}]`, vnic.path);
        for (const [ours, theirs] of Object.entries(fields)) places.set(`$.runtimes[${i}].vnics[${j}].${ours}`, `${vnic.path}.${theirs}`);
        if (vnic.wifi && vnic.parent_interface !== undefined) {
          lans.set(vnic.parent_interface, { driver: 'ipvlan' });
          if (!places.has(`$.lans.${vnic.parent_interface}`))
            places.set(`$.lans.${vnic.parent_interface}`, `${vnic.path}.parent_interface`);
        }
        return file;
      }),
    };
  });
  problems.throwIfAny();
  const config: EdgeConfigFile = {
    ...(lans.size > 0 ? { lans: Object.fromEntries(lans) } : {}),
    profiles: { [AGENT_PROFILE]: { image } },
    runtimes,
  };
  try {
    validateConfig(config);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    // A Wi-Fi parent's problem comes back at the vNIC and at its LAN, both the same place here.
    const located = err.problems.map((p) => locate(p, places));
    throw new ValidationError(located.filter((p, i) => located.findIndex((q) => q.path === p.path && q.message === p.message) === i));
  }
  return config;
}

/** One vNIC in edgenet's terms, and which of the agent's fields each config field came from. */
function vnicFromAgent(vnic: ReadVnic, problems: ProblemList): { file: VnicFile; fields: Record<string, string> } {
  const fields: Record<string, string> = { name: 'name', parent_interface: 'parent_interface', dns: 'dns' };
  // edgenet's own records say how the address came about; a fixed one (auto too) stays where it is.
  const mode = vnic.addressing === 'dhcp' ? 'dhcp' : vnic.addressing !== undefined ? 'static' : (vnic.network_mode ?? 'dhcp');
  if (!(AGENT_MODES as readonly string[]).includes(mode)) {
    problems.add(problem(`${vnic.path}.network_mode`, 'is not a mode of the reference agent', mode, AGENT_MODES.join(' or ')));
  }
  fields.network_mode = vnic.addressing !== undefined ? 'addressing' : 'network_mode';
  const file: Record<string, unknown> = {
    ...(vnic.name !== undefined ? { name: vnic.name } : {}),
    ...(vnic.parent_interface !== undefined ? { parent_interface: vnic.parent_interface } : {}),
    network_mode: mode,
  };
  if (mode === 'static') {
    // The agent takes `ip` with or without a prefix length and connects with the address alone.
    if (vnic.ip !== undefined) file.ip = vnic.ip.split('/')[0];
    if (vnic.subnet !== undefined) file.subnet = vnic.subnet;
    if (vnic.gateway !== undefined) file.gateway = vnic.gateway;
    Object.assign(fields, { ip: 'ip', subnet: 'subnet', gateway: 'gateway' });
  }
  if (vnic.dns !== undefined && vnic.dns.length > 0) file.dns = [...vnic.dns];
  // The MAC the LAN knows the vNIC by: the one it was given, else the one configured. Wi-Fi
  // vNICs have the parent's.
  const mac = vnic.wifi ? undefined : (vnic.mac_address ?? vnic.mac);
  if (mac !== undefined) {
    file.mac_address = mac;
    fields.mac_address = vnic.mac_address !== undefined ? 'mac_address' : 'mac';
  }
  return { file: file as VnicFile, fields };
}

/** A config path at the place in the agent's file its value came from. */
function locatePath(path: string, places: ReadonlyMap<string, string>): string {
  const prefix = [...places.keys()]
    .filter((k) => path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? path : `${places.get(prefix)}${path.slice(prefix.length)}`;
}

/** Config paths in a message too: "is also the static ip of $.runtimes[0].vnics[0]". */
const CONFIG_PATH_IN_TEXT = /\$\.runtimes(?:\[\d+\]|\.[A-Za-z_][\w-]*)*/g;

/** A config problem, at the place in the agent's file the value came from. */
function locate(p: Problem, places: ReadonlyMap<string, string>): Problem {
  return {
    ...p,
    path: locatePath(p.path, places),
    message: p.message.replace(CONFIG_PATH_IN_TEXT, (path) => locatePath(path, places)),
  };
}
