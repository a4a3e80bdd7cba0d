import { DockerNetworkFact } from '../../core/facts/types';
import { MANAGED_LABEL } from '../../core/naming';
import { DockerApi } from './docker-api';

/** The engine's existing macvlan and ipvlan networks, for reuse (edgenet's own carry the stack label). */
export async function listLanNetworks(docker: DockerApi): Promise<DockerNetworkFact[]> {
  const networks = await docker.get<any[]>(`/networks?filters=${encodeURIComponent(JSON.stringify({ driver: ['macvlan', 'ipvlan'] }))}`);
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
