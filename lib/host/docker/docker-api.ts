import type Docker from 'dockerode';
import { DockerConnection } from '../../core/config/targets';
import { EngineError } from '../../core/errors';
import { connectDocker, dockerHostOf } from './connect';

/**
 * Raw Docker Engine API calls by path, over dockerode's connection (unix socket, TLS or
 * ssh by the engine rule): for the few places that want the engine's JSON as it is.
 */
export class DockerApi {
  public readonly docker: Docker;
  public readonly url: string;

  constructor(connection: Partial<DockerConnection> | string = {}, env: NodeJS.ProcessEnv = process.env) {
    const resolved = typeof connection === 'string' ? { dockerHost: connection } : connection;
    this.url = dockerHostOf(resolved, env);
    this.docker = connectDocker(resolved, env);
  }

  get<T = any>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** GET that answers undefined when the engine says 404 (no such object). */
  async getOrUndefined<T = any>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path);
    } catch (err) {
      if (err instanceof EngineError && err.status === 404) return undefined;
      throw err;
    }
  }

  /** POST with a JSON body; resolves with the parsed answer (undefined when empty, e.g. 204). */
  post<T = any>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  private request<T>(method: string, target: string, body?: unknown): Promise<T> {
    const [pathname, query] = target.split('?');
    const options: Record<string, unknown> = Object.fromEntries(new URLSearchParams(query ?? ''));
    if (body !== undefined) options._body = body;
    return new Promise((resolve, reject) => {
      this.docker.modem.dial(
        {
          path: `${pathname}?`,
          method,
          options,
          statusCodes: {
            200: true,
            201: true,
            204: true,
            304: true,
            400: 'bad request',
            403: 'forbidden',
            404: 'no such object',
            409: 'conflict',
            500: 'server error',
          },
        },
        (err: any, data: unknown) => {
          if (err) {
            const status = typeof err.statusCode === 'number' ? err.statusCode : undefined;
            const detail = err.json?.message ?? err.reason ?? err.message;
            reject(new EngineError(`docker ${this.url} ${method} ${pathname}: ${status ? `HTTP ${status}: ` : ''}${detail}`, '', status));
            return;
          }
          resolve(data as T);
        },
      );
    });
  }
}
