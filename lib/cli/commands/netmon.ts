import { writeSync } from 'fs';
import * as path from 'path';
import { DEFAULT_IGNORED_PREFIXES } from '../../core/facts/interface-filter';
import { ensureDirectory } from '../../host/files/output-path';
import { resolveGroupId } from '../../../watcher/netmon/group';
import { checkNetmon } from '../../../watcher/netmon/health-check';
import { netmonDaemonArgv, runNetmonDaemon } from '../../../watcher/netmon/daemon';
import { DEFAULT_SOCKET_PATH } from '../../../watcher/common/protocol';
import { secondsOption } from '../seconds';

export interface NetmonArgs {
  readonly socket?: string;
  readonly check?: boolean;
  readonly debounce?: string;
  readonly settle?: string;
  readonly group?: string;
  readonly ignore?: string;
}

/** The longest wait after an interface's last netlink event before its change is reported. */
export const DEFAULT_DEBOUNCE_MS = 3000;
/** The quiet time after which a complete change is reported (docs/performance.md says why). */
export const DEFAULT_SETTLE_MS = 250;

/**
 * Set by bin/edgenet.js: the file descriptor to write the daemon's command line to, one
 * argument a line, for the shim to run it in place of Node.
 */
export const ARGV_FD_VARIABLE = 'EDGENET_NETMON_ARGV_FD';

/** `edgenet netmon`: serve until SIGTERM/SIGINT, or with --check probe a running one. */
export async function netmonCommand(args: NetmonArgs, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const socketPath = args.socket ?? DEFAULT_SOCKET_PATH;
  if (args.check) {
    const interfaces = await checkNetmon(socketPath);
    process.stdout.write(`netmon at ${socketPath}: healthy, ${interfaces} interface(s) reported\n`);
    return 0;
  }
  const debounceMs = secondsOption('debounce', args.debounce, DEFAULT_DEBOUNCE_MS);
  const argv = netmonDaemonArgv({
    socketPath: path.resolve(socketPath),
    debounceMs,
    settleMs: secondsOption('settle', args.settle, DEFAULT_SETTLE_MS),
    gid: args.group === undefined ? undefined : await resolveGroupId(args.group),
    ignoredPrefixes:
      args.ignore === undefined
        ? DEFAULT_IGNORED_PREFIXES
        : args.ignore
            .split(',')
            .map((p) => p.trim())
            .filter((p) => p !== ''),
  });
  ensureDirectory(path.dirname(socketPath), '--socket');
  const fd = env[ARGV_FD_VARIABLE];
  if (fd !== undefined && /^\d+$/.test(fd)) {
    writeSync(Number(fd), argv.join('\n'));
    return 0;
  }
  return runNetmonDaemon(argv);
}
