import * as http from 'http';
import { EngineError } from './errors';

/**
 * A minimal read-only client for the Docker Engine API (no SDK dependency: we need
 * three GET endpoints). Used at the edges only: facts detection and drift.
 */

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';
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
    return new Promise((resolve, reject) => {
      const req = http.request({ ...this.endpoint, path, method: 'GET', timeout: REQUEST_TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 400) {
            reject(new EngineError(`docker ${this.dockerHost} GET ${path}: HTTP ${res.statusCode}`, body));
            return;
          }
          try {
            resolve(JSON.parse(body) as T);
          } catch {
            reject(new EngineError(`docker ${this.dockerHost} GET ${path}: response is not JSON`, body));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`timed out after ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', (err) => reject(new EngineError(`docker ${this.dockerHost} GET ${path}: ${err.message}`)));
      req.end();
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
