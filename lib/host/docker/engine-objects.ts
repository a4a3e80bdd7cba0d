import { EngineObjects } from '../../core/adoption';
import { containerNames } from './container-names';
import { DockerApi } from './docker-api';

/**
 * The engine's containers and networks by name, with every endpoint (`<container>:<network>`),
 * as adoption needs them: two list reads (the container list names each container's networks,
 * stopped ones' too).
 */
export async function readEngineObjects(docker: DockerApi): Promise<EngineObjects> {
  const [list, networks] = await Promise.all([
    docker.get<any[]>('/containers/json?all=1'),
    docker.get<{ Id: string; Name: string }[]>('/networks'),
  ]);
  const containers = new Map<string, string>();
  const endpoints = new Set<string>();
  for (const c of list) {
    const [name] = containerNames([c]);
    containers.set(name, String(c.Id));
    for (const network of Object.keys(c.NetworkSettings?.Networks ?? {})) endpoints.add(`${name}:${network}`);
  }
  return { containers, networks: new Map(networks.map((n) => [n.Name, n.Id])), endpoints };
}
