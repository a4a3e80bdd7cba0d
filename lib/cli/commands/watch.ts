import * as path from 'path';
import { loadConfig } from '../../app/inputs';
import { lockFileFor } from '../../host/allocation-lock-file';
import { checkOutput } from '../../host/files/output-path';
import { DEFAULT_OUTDIR } from '../../app/synth';
import { Backoff } from '../../../watcher/common/backoff';
import { jsonLog } from '../../../watcher/common/log';
import { DEFAULT_SOCKET_PATH } from '../../../watcher/common/protocol';
import { untilStopSignal } from '../../../watcher/common/signals';
import { notifyReady } from '../../../watcher/common/systemd-notify';
import { Watcher } from '../../../watcher/watch/watcher';
import { nicenessOption } from '../niceness';
import { secondsOption } from '../seconds';

export interface WatchArgs {
  readonly socket?: string;
  readonly config: string;
  readonly out?: string;
  readonly once?: boolean;
  readonly settle?: string;
  readonly 'step-timeout'?: string;
  readonly 'retry-max'?: string;
  readonly status?: string;
  readonly vnics?: string;
  readonly 'full-refresh'?: boolean;
  readonly host?: string;
  readonly resync?: string;
  readonly 'metrics-file'?: string;
  readonly 'engine-nice'?: string;
}

/** `edgenet watch`: reconcile on netmon's changes until SIGTERM/SIGINT, or once with --once. */
export async function watchCommand(args: WatchArgs): Promise<number> {
  const config = await loadConfig(args.config);
  const outdir = args.out ?? DEFAULT_OUTDIR;
  const statusFile = args.status ?? path.join(outdir, 'watch-status.json');
  const vnicsFile = args.vnics ?? path.join(outdir, 'runtime_vnics.json');
  // The watcher writes these while it runs and cannot stop to say so: checked before it starts.
  checkOutput(outdir, 'directory', '--out');
  checkOutput(statusFile, 'file', '--status');
  checkOutput(vnicsFile, 'file', '--vnics');
  if (args['metrics-file'] !== undefined) checkOutput(args['metrics-file'], 'file', '--metrics-file');
  const retryMaxMs = secondsOption('retry-max', args['retry-max'], Backoff.DEFAULT_MAX_MS, 1);
  const log = jsonLog('watch');
  const watcher = new Watcher({
    config,
    host: args.host,
    lockFile: lockFileFor(args.config),
    socketPath: args.socket ?? DEFAULT_SOCKET_PATH,
    outdir,
    statusFile,
    vnicsFile,
    factsFile: path.join(outdir, 'watch-facts.json'),
    settleMs: args.settle === undefined ? undefined : secondsOption('settle', args.settle, 0),
    stepTimeoutMs: secondsOption('step-timeout', args['step-timeout'], Watcher.DEFAULT_STEP_TIMEOUT_MS, 1),
    retryBackoff: new Backoff({ maxMs: Math.max(retryMaxMs, Backoff.DEFAULT_BASE_MS) }),
    fullRefresh: args['full-refresh'] === true,
    resyncMs: secondsOption('resync', args.resync, Watcher.DEFAULT_RESYNC_MS),
    metricsFile: args['metrics-file'],
    engineNiceness: nicenessOption(args['engine-nice'], Watcher.DEFAULT_ENGINE_NICENESS),
    log,
  });
  if (args.once) return watcher.once();
  await watcher.start();
  await notifyReady(log);
  const signal = await untilStopSignal((again) => log('warn', 'already stopping', { signal: again }));
  log('info', 'stopping', { signal });
  await watcher.stop();
  return 0;
}
