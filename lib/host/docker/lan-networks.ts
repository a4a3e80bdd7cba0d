import { DockerNetworkFact } from '../../core/facts/types';
import { EngineLanNetwork } from '../../core/lan-move';
import { LAN_DRIVERS, MANAGED_LABEL } from '../../core/naming';
import { containerNames } from './container-names';
import { DockerApi } from './docker-api';

/** The engine's macvlan and ipvlan networks, as it lists them. */
function lanNetworkList(docker: DockerApi): Promise<any[]> {
  return docker.get<any[]>(`/networks?filters=${encodeURIComponent(JSON.stringify({ driver: [...LAN_DRIVERS] }))}`);
}

/** The engine's existing macvlan and ipvlan networks, for reuse (edgenet's own carry the stack label). */
export async function listLanNetworks(docker: DockerApi): Promise<DockerNetworkFact[]> {
  const networks = await lanNetworkList(docker);
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

/** The engine's LAN networks with the names of the containers on each, running or not. */
export async function engineLanNetworks(docker: DockerApi): Promise<EngineLanNetwork[]> {
  return Promise.all(
    (await lanNetworkList(docker)).map(async (n) => {
      // A stopped container is on its networks too (its config keeps the endpoint), and the
      // network's own view lists only running ones.
      const on = encodeURIComponent(JSON.stringify({ network: [String(n.Id)] }));
      return {
        id: String(n.Id),
        name: String(n.Name),
        driver: String(n.Driver),
        options: { ...(n.Options ?? {}) },
        labels: { ...(n.Labels ?? {}) },
        containers: containerNames(await docker.get<any[]>(`/containers/json?all=1&filters=${on}`)),
      };
    }),
  );
}
