import { engineRules } from '../../core/engine-rules';
import { AgentEngineView, RunningEndpoint, RunningRuntime } from '../../core/from-engine';
import { macOnWire } from '../../core/wire-mac';
import { containerNames } from './container-names';
import { DockerApi } from './docker-api';
import { linkMacsWhereRecordFails, NamespaceRunner } from './link-macs';

/** `KEY=VALUE` lines as a record; a line without `=` is a key with an empty value. */
function envRecord(lines: readonly string[]): Record<string, string> {
  return Object.fromEntries(lines.map((l) => (l.includes('=') ? [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] : [l, ''])));
}

/** The engine's port bindings as config ports: the first host port of each container port. */
function portsOf(bindings: Record<string, { HostPort?: string }[] | null> | undefined): RunningRuntime['ports'] {
  return Object.entries(bindings ?? {})
    .flatMap(([key, hosts]) => {
      const [port, protocol] = key.split('/');
      const external = Number(hosts?.[0]?.HostPort);
      return Number.isInteger(external) && external > 0
        ? [{ internal: Number(port), external, protocol: protocol === 'udp' ? ('udp' as const) : ('tcp' as const) }]
        : [];
    })
    .sort((a, b) => a.internal - b.internal);
}

/**
 * What the engine runs of the runtimes the reference agent's file names (`names`), for `edgenet
 * init --from-agent --docker-host`: each container's settings, its environment over its image's,
 * and each endpoint with its static address and the MAC on the wire (the runtime's links are read
 * where the engine's record cannot tell it); and the containers on the same LAN networks the file
 * does not name.
 */
export async function readAgentRuntimes(api: DockerApi, names: readonly string[], namespaces: NamespaceRunner): Promise<AgentEngineView> {
  const rules = engineRules((await api.get<{ ApiVersion: string }>('/version')).ApiVersion);
  const networks = new Map((await api.get<any[]>('/networks')).map((n) => [String(n.Name), n]));
  const runtimes = new Map<string, RunningRuntime>();
  const lanNetworks = new Set<string>();
  for (const name of names) {
    const c = await api.getOrUndefined(`/containers/${encodeURIComponent(name)}/json`);
    if (c === undefined) continue;
    const image = await api.getOrUndefined(`/images/${encodeURIComponent(c.Image)}/json`);
    const imageEnv = new Set<string>(image?.Config?.Env ?? []);
    const links = await linkMacsWhereRecordFails(namespaces, rules, c);
    const endpoints: RunningEndpoint[] = Object.entries<any>(c.NetworkSettings?.Networks ?? {}).map(([network, ep]) => {
      const n = networks.get(network);
      const driver = String(n?.Driver ?? 'unknown');
      if (driver === 'macvlan' || driver === 'ipvlan') lanNetworks.add(network);
      const mac = driver === 'macvlan' ? macOnWire(rules, ep?.MacAddress, undefined, links) : undefined;
      return {
        network,
        driver,
        ...(n?.Options?.parent ? { parent: String(n.Options.parent) } : {}),
        ...(ep?.IPAMConfig?.IPv4Address ? { ipv4: String(ep.IPAMConfig.IPv4Address) } : {}),
        ...(mac ? { mac: mac.toString() } : {}),
      };
    });
    runtimes.set(name, {
      image: String(c.Config?.Image ?? ''),
      command: [...(c.Config?.Cmd ?? [])],
      env: envRecord((c.Config?.Env ?? []).filter((line: string) => !imageEnv.has(line))),
      restart: String(c.HostConfig?.RestartPolicy?.Name || 'no'),
      ports: portsOf(c.HostConfig?.PortBindings),
      dns: [...(c.HostConfig?.Dns ?? [])],
      mounts: (c.Mounts ?? []).map((m: any) => `${m.Source ?? m.Name}:${m.Destination}`),
      endpoints,
    });
  }
  const others: string[] = [];
  for (const c of await api.get<any[]>('/containers/json?all=1')) {
    const [name] = containerNames([c]);
    if (names.includes(name)) continue;
    for (const network of Object.keys(c.NetworkSettings?.Networks ?? {}))
      if (lanNetworks.has(network)) others.push(`${name} on ${network}`);
  }
  return { runtimes, others: others.sort() };
}
