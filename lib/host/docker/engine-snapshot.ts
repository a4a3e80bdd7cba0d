import { EngineContainer, EngineNetwork, EngineSnapshot, Intent } from '../../core/drift/intent';
import { DockerApi } from './docker-api';

/** What the engine holds of the intent's networks and containers, for the drift comparison. */
export async function readEngineSnapshot(docker: DockerApi, intent: Intent): Promise<EngineSnapshot> {
  const apiVersion = (await docker.get<{ ApiVersion: string }>('/version')).ApiVersion;
  const networks = new Map((await docker.get<any[]>('/networks')).map((n) => [String(n.Name), n as EngineNetwork]));
  const containers = new Map<string, EngineContainer | undefined>();
  for (const { name } of intent.containers.values()) {
    containers.set(name, await docker.getOrUndefined<EngineContainer>(`/containers/${encodeURIComponent(name)}/json`));
  }
  return { apiVersion, networks, containers };
}
