import { DockerNetworkFact } from '../../core/facts/types';
import { EngineLanNetwork } from '../../core/lan-move';
import { DOCKER_LAN_DRIVERS, MANAGED_LABEL } from '../../core/naming';
import { containerNames } from './container-names';
import { DockerApi } from './docker-api';

/** The engine's macvlan and ipvlan networks, as it lists them. */
function lanNetworkList(docker: DockerApi): Promise<any[]> {
  return docker.get<any[]>(`/networks?filters=${encodeURIComponent(JSON.stringify({ driver: [...DOCKER_LAN_DRIVERS] }))}`);
}

/** The engine's network list as host facts: existing LAN networks for reuse (edgenet's own carry the stack label). */
export function lanNetworkFacts(networks: readonly any[]): DockerNetworkFact[] {
  return networks
    .map((n) => ({
      name: String(n.Name),
      driver: String(n.Driver),
      parent: n.Options?.parent ?? null,
      subnet: n.IPAM?.Config?.[0]?.Subnet ?? null,
      gateway: n.IPAM?.Config?.[0]?.Gateway ?? null,
      managed_by: n.Labels?.[MANAGED_LABEL] ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The engine's LAN networks with the names of the containers on each, running or not, from
 * its network list and its list of every container: a stopped container is on its networks
 * too (its config keeps the endpoint), where the network's own view lists only running ones.
 */
export function engineLanNetworksOf(networks: readonly any[], containers: readonly any[]): EngineLanNetwork[] {
  return networks.map((n) => ({
    id: String(n.Id),
    name: String(n.Name),
    driver: String(n.Driver),
    options: { ...(n.Options ?? {}) },
    labels: { ...(n.Labels ?? {}) },
    containers: containerNames(
      containers.filter((c) => Object.values<any>(c.NetworkSettings?.Networks ?? {}).some((e) => e?.NetworkID === n.Id)),
    ),
  }));
}

/** The engine's existing macvlan and ipvlan networks, for reuse. */
export async function listLanNetworks(docker: DockerApi): Promise<DockerNetworkFact[]> {
  return lanNetworkFacts(await lanNetworkList(docker));
}

/** What a reconcile needs of the engine's LANs, read once before it synthesizes. */
export interface LanNetworkSnapshot {
  /** The LAN networks as host facts, for reuse. */
  readonly facts: readonly DockerNetworkFact[];
  /** The LAN networks with the containers on each, for a move. */
  readonly networks: readonly EngineLanNetwork[];
  /** The names of the containers running now. */
  readonly running: ReadonlySet<string>;
  /** The engine's API version, which says what it allows (engineRules). */
  readonly apiVersion: string;
}

/** Three reads at once (the network list, the list of every container, the version), rather than one per network. */
export async function readLanNetworks(docker: DockerApi): Promise<LanNetworkSnapshot> {
  const [networks, containers, version] = await Promise.all([
    lanNetworkList(docker),
    docker.get<any[]>('/containers/json?all=1'),
    docker.get<{ ApiVersion: string }>('/version'),
  ]);
  return {
    apiVersion: String(version.ApiVersion),
    facts: lanNetworkFacts(networks),
    networks: engineLanNetworksOf(networks, containers),
    running: new Set(containerNames(containers.filter((c) => c.State === 'running'))),
  };
}
