import * as http from 'http';
import { DEFAULT_DOCKER_HOST } from '../../core/config/defaults';
import { EngineError } from '../../core/errors';

/**
 * A minimal client for the Docker Engine API, used at the edges only: facts detection,
 * drift and healing.
 */
const REQUEST_TIMEOUT_MS = 10_000;

interface Endpoint {
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
}

export function parseDockerHost(dockerHost: string): Endpoint {
  if (dockerHost.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length) };
  const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
  return { host: url.hostname, port: Number(url.port || 2375) };
}

export class DockerApi {
  private readonly endpoint: Endpoint;

  constructor(private readonly dockerHost: string = DEFAULT_DOCKER_HOST) {
    this.endpoint = parseDockerHost(dockerHost);
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

  private request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) };
    return new Promise((resolve, reject) => {
      const req = http.request({ ...this.endpoint, path, method, headers, timeout: REQUEST_TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 400) {
            reject(new EngineError(`docker ${this.dockerHost} ${method} ${path}: HTTP ${res.statusCode}`, text, res.statusCode));
            return;
          }
          if (text.trim() === '') {
            resolve(undefined as T);
            return;
          }
          try {
            resolve(JSON.parse(text) as T);
          } catch {
            reject(new EngineError(`docker ${this.dockerHost} ${method} ${path}: response is not JSON`, text));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`timed out after ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', (err) => reject(new EngineError(`docker ${this.dockerHost} ${method} ${path}: ${err.message}`)));
      req.end(payload);
    });
  }

  /** Every network with its full inspect data (the list endpoint omits containers). */
  async networks(): Promise<any[]> {
    const list = await this.get<any[]>('/networks');
    return Promise.all(list.map((n) => this.get(`/networks/${encodeURIComponent(n.Id)}`)));
  }

  async containers(labelFilter?: string): Promise<any[]> {
    const filters = labelFilter ? `&filters=${encodeURIComponent(JSON.stringify({ label: [labelFilter] }))}` : '';
    const list = await this.get<any[]>(`/containers/json?all=1${filters}`);
    return Promise.all(list.map((c) => this.get(`/containers/${encodeURIComponent(c.Id)}/json`)));
  }

  /** Negotiated API version of the engine, e.g. `1.41`. */
  async apiVersion(): Promise<string> {
    const version = await this.get<{ ApiVersion: string }>('/version');
    return version.ApiVersion;
  }
}
