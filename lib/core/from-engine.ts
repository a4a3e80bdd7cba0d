import { EdgeConfigFile, RestartPolicy, RESTART_POLICIES, RuntimeFile, VnicFile } from './config/schema';
import { validateConfig } from './config/validate';
import { internalNetworkName, DOCKER_LAN_DRIVERS } from './naming';

/**
 * `edgenet init --from-agent FILE --docker-host URL`: the config made from the agent's file,
 * corrected by what the engine runs, so that `edgenet adopt` finds no difference to settle.
 * Pure: the engine's view comes in as data (lib/host/docker/agent-runtimes.ts reads it).
 */

/** One endpoint of a running runtime, as the engine (and, for the MAC, the wire) has it. */
export interface RunningEndpoint {
  readonly network: string;
  readonly driver: string;
  /** The network's parent interface (macvlan, ipvlan). */
  readonly parent?: string;
  /** The endpoint's static address (IPAM config), where it was given one. */
  readonly ipv4?: string;
  /** The MAC on the wire; unset where it cannot be told, or on ipvlan (the parent's). */
  readonly mac?: string;
}

/** What the engine says of a runtime the agent's file names. */
export interface RunningRuntime {
  readonly image: string;
  readonly command: readonly string[];
  /** The environment the container sets over its image's. */
  readonly env: Readonly<Record<string, string>>;
  readonly restart: string;
  readonly ports: readonly { readonly internal: number; readonly external: number; readonly protocol: 'tcp' | 'udp' }[];
  readonly dns: readonly string[];
  /** Mounts, as `source:target` each: a config cannot declare them yet. */
  readonly mounts: readonly string[];
  readonly endpoints: readonly RunningEndpoint[];
}

/** What the engine runs of the agent's runtimes, and who else is on the agent's LAN networks. */
export interface AgentEngineView {
  /** By runtime name; a runtime the file names and the engine lacks has no entry. */
  readonly runtimes: ReadonlyMap<string, RunningRuntime>;
  /** Containers on the agent's LAN networks that the file does not name: `<container> on <network>`. */
  readonly others: readonly string[];
}

/** The config and, one line each, what the operator should know: runtimes left out, containers not taken, what adopting will still meet. */
export interface ConfigFromEngine {
  readonly config: EdgeConfigFile;
  readonly reports: readonly string[];
}

/**
 * `fromAgent` (the agent's file as a config) with each runtime as the engine runs it: its image,
 * command, environment over its image's, restart policy, published ports and DNS, and each vNIC's
 * static address and the MAC on the wire, read from its endpoint on a LAN network of its parent.
 * Runtimes the engine lacks are left out and reported; so are containers on the agent's networks
 * that the file does not name (never taken), and what adopting would still meet.
 */
export function configFromEngine(fromAgent: EdgeConfigFile, view: AgentEngineView): ConfigFromEngine {
  const reports: string[] = [];
  const runtimes: RuntimeFile[] = [];
  for (const runtime of fromAgent.runtimes) {
    const running = view.runtimes.get(runtime.name);
    if (running === undefined) {
      reports.push(`runtime ${runtime.name}: in the agent's file, but the engine has no container of that name; left out`);
      continue;
    }
    runtimes.push(runtimeAsRunning(runtime, running, reports));
  }
  for (const other of view.others) reports.push(`container ${other}: not in the agent's file; not taken (edgenet leaves it as it is)`);
  const config: EdgeConfigFile = { ...fromAgent, runtimes };
  validateConfig(config);
  return { config, reports };
}

function runtimeAsRunning(runtime: RuntimeFile, running: RunningRuntime, reports: string[]): RuntimeFile {
  const restart = (RESTART_POLICIES as readonly string[]).includes(running.restart) ? (running.restart as RestartPolicy) : undefined;
  if (restart === undefined)
    reports.push(
      `runtime ${runtime.name}: restart policy ${JSON.stringify(running.restart)} has no edgenet equivalent; the default applies`,
    );
  for (const mount of running.mounts) {
    reports.push(
      `runtime ${runtime.name}: mount ${mount} cannot be declared in an edgenet config yet; adopt will refuse it unless --allow-restart ${runtime.name}`,
    );
  }
  const bridges = running.endpoints.filter((e) => e.driver === 'bridge' && e.network !== internalNetworkName(runtime.name));
  for (const b of bridges)
    reports.push(`runtime ${runtime.name}: also on network ${b.network}, which edgenet does not manage; it stays attached`);
  const vnics = (runtime.vnics ?? []).map((vnic) => vnicAsRunning(runtime.name, vnic, running, reports));
  return {
    ...runtime,
    image: running.image,
    command: [...running.command],
    ...(Object.keys(running.env).length > 0 ? { env: { ...running.env } } : {}),
    ...(restart !== undefined ? { restart } : {}),
    ...(running.ports.length > 0 ? { ports: running.ports.map((p) => ({ ...p })) } : {}),
    vnics,
  };
}

function vnicAsRunning(runtime: string, vnic: VnicFile, running: RunningRuntime, reports: string[]): VnicFile {
  const onParent = running.endpoints.filter(
    (e) => (DOCKER_LAN_DRIVERS as readonly string[]).includes(e.driver) && e.parent === vnic.parent_interface,
  );
  if (onParent.length !== 1) {
    reports.push(
      `runtime ${runtime} vNIC ${vnic.name}: ${onParent.length === 0 ? 'no endpoint' : `${onParent.length} endpoints`} on a LAN network of ${vnic.parent_interface ?? 'its parent'}; taken from the agent's file as it is`,
    );
    return vnic;
  }
  const [endpoint] = onParent;
  const { mac_address: _declared, ...rest } = vnic;
  return {
    ...rest,
    ...(vnic.network_mode === 'static' && endpoint.ipv4 !== undefined ? { ip: endpoint.ipv4 } : {}),
    // The MAC the LAN knows it by: what the wire has, whatever the agent's file says.
    ...(endpoint.driver === 'macvlan' && endpoint.mac !== undefined ? { mac_address: endpoint.mac } : {}),
    ...(running.dns.length > 0 ? { dns: [...running.dns] } : {}),
  };
}
