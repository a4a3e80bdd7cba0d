import { spawn } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import { EdgenetError } from '../../lib/core/errors';
import { packageRoot } from '../../lib/host/provider-lock-file';

/**
 * netmon's daemon is a Go program (the *.go files beside this one): an edge host keeps it
 * running for its lifetime, and a JavaScript runtime alone holds more memory than the whole
 * monitor's budget. `edgenet netmon` checks the user's options and resolves every default in
 * TypeScript, then runs the daemon with the resolved values as its internal flags.
 */

/** Everything the daemon is told; the CLI resolves each value. */
export interface NetmonDaemonOptions {
  readonly socketPath: string;
  readonly debounceMs: number;
  /** Above the debounce it changes nothing: the daemon waits at most the debounce. */
  readonly settleMs: number;
  readonly ignoredPrefixes: readonly string[];
  /** @default - the daemon's own group */
  readonly gid?: number;
  /** @default - 1 MiB */
  readonly maxClientBacklogBytes?: number;
  /** @default 'ip' */
  readonly ip?: string;
  /** @default '/sys/class/net' */
  readonly sysClassNet?: string;
}

/** The Go platform names of the builds the package carries, by Node's `process.arch`. */
const GO_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' };

/** Where the package keeps the daemon built for `arch` (scripts/build-netmon.sh puts it there). */
export function netmonDaemonPath(root = packageRoot(), arch = process.arch): string {
  const goArch = GO_ARCH[arch];
  if (process.platform !== 'linux' || goArch === undefined) {
    throw new EdgenetError(
      `edgenet netmon runs on Linux on x64 or arm64, the platforms its daemon is built for; this is ${process.platform} on ${arch}`,
    );
  }
  const daemon = path.join(root, 'dist', 'netmon', `linux_${goArch}`, 'edgenet-netmon');
  if (!existsSync(daemon)) {
    throw new EdgenetError(
      `${daemon}: netmon's daemon is missing; build it with scripts/build-netmon.sh (needs Go), or install the npm package, which carries it`,
    );
  }
  return daemon;
}

/** The daemon's command line: its path, then its flags. No value may hold a newline (bin/edgenet.js splits on them). */
export function netmonDaemonArgv(options: NetmonDaemonOptions, daemon = netmonDaemonPath()): string[] {
  const argv = [
    daemon,
    '--socket',
    options.socketPath,
    '--debounce-ms',
    String(options.debounceMs),
    '--settle-ms',
    String(options.settleMs),
    `--ignore=${options.ignoredPrefixes.join(',')}`,
    ...(options.gid === undefined ? [] : ['--gid', String(options.gid)]),
    ...(options.maxClientBacklogBytes === undefined ? [] : ['--max-client-backlog', String(options.maxClientBacklogBytes)]),
    ...(options.ip === undefined ? [] : ['--ip', options.ip]),
    ...(options.sysClassNet === undefined ? [] : ['--sys-class-net', options.sysClassNet]),
  ];
  const withNewline = argv.find((arg) => arg.includes('\n'));
  if (withNewline !== undefined)
    throw new EdgenetError(`${JSON.stringify(withNewline)}: holds a newline; allowed: paths and names without one`);
  return argv;
}

/**
 * Runs the daemon as a child until it ends, passing SIGTERM and SIGINT on; resolves with its
 * exit code. bin/edgenet.js runs it in place of Node instead, which is how the host and the
 * image run it; this path serves `node bin/edgenet.js netmon` and programs that embed edgenet.
 */
export function runNetmonDaemon(argv: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit' });
    const pass = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGTERM', pass);
    process.on('SIGINT', pass);
    child.once('error', (err) => reject(new EdgenetError(`${argv[0]}: cannot start netmon's daemon: ${err.message}`)));
    child.once('exit', (code, signal) => {
      process.off('SIGTERM', pass);
      process.off('SIGINT', pass);
      resolve(code ?? (signal === null ? 1 : 128));
    });
  });
}
