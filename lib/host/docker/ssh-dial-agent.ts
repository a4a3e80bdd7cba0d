import { spawn } from 'child_process';
import * as http from 'http';
import { Duplex } from 'stream';

/**
 * HTTP over `ssh <host> docker system dial-stdio`, the way the docker CLI and the docker
 * provider reach an `ssh://` engine: the system's ssh, so ~/.ssh/config, agents, known
 * hosts and the config's ssh_opts all apply the same to edgenet and to the provider.
 */

export interface SshTarget {
  readonly user?: string;
  readonly host: string;
  readonly port?: number;
  /** Extra ssh arguments (the config's ssh_opts). */
  readonly sshOpts: readonly string[];
}

/** `ssh://[user@]host[:port]` as an ssh target; undefined for anything else. */
export function parseSshUrl(url: string, sshOpts: readonly string[] = []): SshTarget | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'ssh:' || parsed.hostname === '') return undefined;
  return {
    ...(parsed.username ? { user: decodeURIComponent(parsed.username) } : {}),
    host: parsed.hostname,
    ...(parsed.port ? { port: Number(parsed.port) } : {}),
    sshOpts,
  };
}

/** The ssh command line that runs `remote` on the target (BatchMode: never prompt). */
export function sshArgs(target: SshTarget, remote: readonly string[]): string[] {
  return [
    '-o',
    'BatchMode=yes',
    ...target.sshOpts,
    ...(target.port !== undefined ? ['-p', String(target.port)] : []),
    '--',
    target.user !== undefined ? `${target.user}@${target.host}` : target.host,
    ...remote,
  ];
}

/** The child's stdio as the socket http expects (the socket calls it makes are no-ops here). */
class ChildStream extends Duplex {
  constructor(private readonly child: ReturnType<typeof spawn>) {
    super();
    child.stdout?.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) child.stdout?.pause();
    });
    child.stdout?.on('end', () => this.push(null));
    child.on('error', (err) => this.destroy(err));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) this.destroy(new Error(`ssh exited with ${code}: ${stderr.trim()}`));
    });
  }

  override _read(): void {
    this.child.stdout?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.child.stdin?.write(chunk, done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.child.stdin?.end(done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.child.kill();
    done(error);
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setTimeout(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }
}

/** An http.Agent whose connections are `ssh ... docker system dial-stdio` processes. */
export class SshDialAgent extends http.Agent {
  constructor(private readonly target: SshTarget) {
    // One connection, kept: each new one is an ssh handshake.
    super({ keepAlive: true, maxSockets: 1 });
  }

  override createConnection(): Duplex {
    const child = spawn('ssh', sshArgs(this.target, ['docker', 'system', 'dial-stdio']), { stdio: ['pipe', 'pipe', 'pipe'] });
    return new ChildStream(child);
  }
}
