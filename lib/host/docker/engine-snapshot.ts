import { EngineContainer, EngineNetwork, EngineSnapshot, Intent } from '../../core/drift/intent';
import { engineRules } from '../../core/engine-rules';
import { DockerApi } from './docker-api';
import { linkMacsWhereRecordFails, NamespaceRunner } from './link-macs';

/**
 * What the engine holds of the intent's networks and containers, for the drift comparison.
 * With `namespaces`, an engine that chooses its own MAC on connect also has each running
 * container's links read, so the comparison sees the MAC on the wire rather than its record.
 */
export async function readEngineSnapshot(docker: DockerApi, intent: Intent, namespaces?: NamespaceRunner): Promise<EngineSnapshot> {
  const apiVersion = (await docker.get<{ ApiVersion: string }>('/version')).ApiVersion;
  const rules = engineRules(apiVersion);
  const networks = new Map((await docker.get<any[]>('/networks')).map((n) => [String(n.Name), n as EngineNetwork]));
  const containers = new Map<string, EngineContainer | undefined>();
  for (const { name } of intent.containers.values()) {
    const inspect = await docker.getOrUndefined<EngineContainer>(`/containers/${encodeURIComponent(name)}/json`);
    const links = namespaces && (await linkMacsWhereRecordFails(namespaces, rules, inspect));
    containers.set(name, inspect && links ? { ...inspect, links: links.map(String) } : inspect);
  }
  return { apiVersion, networks, containers };
}
