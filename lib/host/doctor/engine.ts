import { EngineAddressedBy, EngineObservation } from '../../core/doctor/observations';
import { DockerConnection } from '../../core/config/targets';
import { oneLine } from '../../core/errors';
import { DockerApi } from '../docker/docker-api';
import { dockerHostOf } from '../docker/connect';

/** How long doctor waits for the engine's /version before it calls the engine unreachable. */
export const ENGINE_TIMEOUT_MS = 5000;

/** Which part of the engine rule named the engine (docker_host, else DOCKER_HOST, else the local socket). */
export function engineAddressedBy(connection: Partial<DockerConnection>, env: NodeJS.ProcessEnv): EngineAddressedBy {
  if (connection.dockerHost !== undefined) return 'docker_host in the config';
  return env.DOCKER_HOST ? 'DOCKER_HOST' : 'the default';
}

/** The engine's version and API version, or why it did not answer; never throws. */
export async function observeEngine(
  connection: Partial<DockerConnection>,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = ENGINE_TIMEOUT_MS,
): Promise<EngineObservation> {
  const url = dockerHostOf(connection, env);
  const addressedBy = engineAddressedBy(connection, env);
  let timer: NodeJS.Timeout | undefined;
  try {
    const api = new DockerApi(connection, env);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const version = await Promise.race([api.get<{ Version?: unknown; ApiVersion?: unknown }>('/version'), timeout]);
    const text = (value: unknown) => (typeof value === 'string' ? value : '?');
    return { url, addressedBy, reachable: true, version: text(version.Version), apiVersion: text(version.ApiVersion) };
  } catch (err) {
    // DockerApi's messages start with the URL and the request, which the finding already names.
    const error = oneLine((err as Error).message).replace(`docker ${url} GET /version: `, '');
    return { url, addressedBy, reachable: false, error };
  } finally {
    clearTimeout(timer);
  }
}
