import { DEFAULT_IGNORED_PREFIXES } from '../../core/facts/interface-filter';
import { jsonLog } from '../../../watcher/common/log';
import { resolveGroupId } from '../../../watcher/netmon/group';
import { checkNetmon } from '../../../watcher/netmon/health-check';
import { Netmon } from '../../../watcher/netmon/netmon';
import { DEFAULT_SOCKET_PATH } from '../../../watcher/common/protocol';
import { untilStopSignal } from '../../../watcher/common/signals';
import { notifyReady } from '../../../watcher/common/systemd-notify';
import { secondsOption } from '../seconds';

export interface NetmonArgs {
  readonly socket?: string;
  readonly check?: boolean;
  readonly debounce?: string;
  readonly settle?: string;
  readonly group?: string;
  readonly ignore?: string;
}

/** `edgenet netmon`: serve until SIGTERM/SIGINT, or with --check probe a running one. */
export async function netmonCommand(args: NetmonArgs): Promise<number> {
  const socketPath = args.socket ?? DEFAULT_SOCKET_PATH;
  if (args.check) {
    const interfaces = await checkNetmon(socketPath);
    process.stdout.write(`netmon at ${socketPath}: healthy, ${interfaces} interface(s) reported\n`);
    return 0;
  }
  const log = jsonLog('netmon');
  const netmon = await Netmon.start({
    socketPath,
    debounceMs: secondsOption('debounce', args.debounce, Netmon.DEFAULT_DEBOUNCE_MS),
    // Above the debounce it changes nothing: the debounce is the upper bound.
    settleMs: secondsOption('settle', args.settle, Netmon.DEFAULT_SETTLE_MS),
    gid: args.group === undefined ? undefined : await resolveGroupId(args.group),
    ignoredPrefixes:
      args.ignore === undefined
        ? DEFAULT_IGNORED_PREFIXES
        : args.ignore
            .split(',')
            .map((p) => p.trim())
            .filter((p) => p !== ''),
    log,
  });
  await notifyReady(log);
  const signal = await untilStopSignal((again) => log('warn', 'already stopping', { signal: again }));
  log('info', 'stopping', { signal });
  await netmon.stop();
  return 0;
}
