import { EdgenetError, EngineError } from '../../core/errors';
import { DockerApi } from './docker-api';

/** A short-lived container of the engine's, for a job only the engine's host can do. */
export interface HelperRun {
  readonly image: string;
  readonly cmd: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** Its HostConfig: the namespaces it shares and the capabilities it holds. */
  readonly hostConfig: Readonly<Record<string, unknown>>;
  /** What the refusal of a missing image starts with, e.g. `arp_probe: `. @default - nothing */
  readonly prefix?: string;
}

/**
 * Runs the helper to its end through the engine (local, tcp:// or ssh:// alike): created, started,
 * waited for, its output read (a terminal: stdout and stderr as one text), removed whatever
 * happens. A missing image is refused with how to get it.
 */
export async function runHelperContainer(api: DockerApi, run: HelperRun): Promise<{ exitCode: number; output: string }> {
  let created: { Id: string };
  try {
    created = await api.post<{ Id: string }>('/containers/create', {
      Image: run.image,
      Cmd: [...run.cmd],
      Tty: true,
      Labels: run.labels,
      HostConfig: run.hostConfig,
    });
  } catch (err) {
    if (err instanceof EngineError && err.status === 404) {
      throw new EdgenetError(
        `${run.prefix ?? ''}image ${run.image} is not on the host; pull it there (docker pull ${run.image}) or set dhcp_client_image`,
      );
    }
    throw err;
  }
  try {
    await api.post(`/containers/${created.Id}/start`);
    const { StatusCode } = await api.post<{ StatusCode: number }>(`/containers/${created.Id}/wait`);
    const output = (await api.docker.getContainer(created.Id).logs({ stdout: true, stderr: true })).toString('utf8');
    return { exitCode: StatusCode, output };
  } finally {
    await api.delete(`/containers/${created.Id}?force=true`).catch(() => undefined);
  }
}
