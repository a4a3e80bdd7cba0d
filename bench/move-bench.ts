import execa from 'execa';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { NamespacedLan } from '../scripts/testbed/lan';
import { CLI, docker, dockerCli, ENGINE, env } from '../scripts/testbed/env';
import { destroyStack, removeOrRestart } from './cleanup';
import { NetmonConnection } from '../watcher/watch/netmon-connection';
import { ImperativeAgent } from './imperative-agent';
import { until } from '../__tests__/poll';
import { median, progress, ratio, seconds, sleep, table } from './stats';
import { runtimesConfig } from './workload';

/**
 * Subnet-move reaction on the namespaced LAN: from the parent's address change to every
 * runtime on the new subnet getting an answer from maindb. By default both contenders hear
 * of the move from the same netmon with the reference's fixed 3 s wait (`--settle 3`):
 * edgenet's watcher (synth + plan + apply) and the imperative agent (Docker API calls).
 * `MoveBenchOptions` gives each its own monitor instead (react-bench.ts).
 */

const PREFIXES = ['10.91.0', '10.92.0'];
const MOVE_TIMEOUT_MS = Number(process.env.BENCH_MOVE_TIMEOUT_MS ?? 300_000);

export interface MoveBenchOptions {
  /**
   * Each contender's netmon flags; contenders with the same flags share one netmon.
   *
   * @default - both `--settle 3`: one netmon with the reference's fixed 3 s debounce
   */
  readonly netmonArgs?: { readonly edgenet: readonly string[]; readonly imperative: readonly string[] };
  /** The first table's title: what the contenders hear the move from. */
  readonly monitors?: string;
  /**
   * The least time from one move's start to the next. netmon holds back a change on an
   * interface that reported within its debounce (a flapping link); moves closer than that
   * would measure the flap rule, not the reaction.
   *
   * @default 0
   */
  readonly minMoveGapMs?: number;
}

const REFERENCE_NETMON = ['--settle', '3'];

/**
 * Counts the network connects the engine makes from now until `stop`, whoever asks for them:
 * one per runtime and move when a contender moves once per LAN change.
 */
function countConnects(label: string): { readonly stop: () => Promise<number> } {
  const since = (Date.now() / 1000).toFixed(3);
  const events = execa(
    'docker',
    ['events', '--since', since, '--filter', 'type=network', '--filter', 'event=connect', '--format', '{{.Actor.Attributes.name}}'],
    { env: { DOCKER_HOST: env.DOCKER_HOST }, reject: false },
  );
  const byNetwork = new Map<string, number>();
  readline
    .createInterface({ input: events.stdout! })
    .on('line', (line) => byNetwork.set(line.trim(), (byNetwork.get(line.trim()) ?? 0) + 1));
  return {
    stop: async () => {
      await sleep(1000); // the last events on their way
      events.kill('SIGTERM');
      await events;
      progress(`move: ${label}: engine connects by network: ${JSON.stringify(Object.fromEntries(byNetwork))}`);
      return [...byNetwork.values()].reduce((a, b) => a + b, 0);
    },
  };
}

/**
 * Every container in `names` has an address on `prefix` and gets an answer from maindb
 * there (busybox ping inside the container; the host may have no ping).
 */
async function allReachable(lan: NamespacedLan, names: readonly string[], prefix: string): Promise<boolean> {
  const answers = await Promise.all(
    names.map(async (name) => {
      const info = await docker.get(`/containers/${name}/json`).catch(() => undefined);
      const onSubnet = Object.values<any>(info?.NetworkSettings?.Networks ?? {}).some((n) => String(n.IPAddress).startsWith(`${prefix}.`));
      if (!onSubnet || !info.State?.Running) return false;
      const ping = await dockerCli(['exec', name, 'ping', '-c', '1', '-W', '1', lan.maindb]);
      return ping.exitCode === 0;
    }),
  );
  return answers.every(Boolean);
}

/**
 * Each runtime's unreachable window in a move: from the move to its first answer from the
 * new LAN's maindb, probed every 100 ms from inside the runtime (a ping that cannot send yet
 * is started again). The last window is the move's whole reaction.
 */
async function unreachableWindows(names: readonly string[], maindb: string, started: number): Promise<number[]> {
  const probe = `while :; do ping -i 0.1 -W 1 -w ${Math.ceil(MOVE_TIMEOUT_MS / 1000)} ${maindb} 2>/dev/null | grep -m1 'bytes from' && exit 0; sleep 0.1; done`;
  return Promise.all(
    names.map(async (name) => {
      const result = await execa('docker', ['exec', name, 'sh', '-c', probe], {
        reject: false,
        env: { DOCKER_HOST: env.DOCKER_HOST },
        timeout: MOVE_TIMEOUT_MS,
      });
      if (result.exitCode !== 0) throw new Error(`${name} never answered on the new LAN: ${result.stderr || result.stdout}`);
      return Date.now() - started;
    }),
  );
}

function memoryKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

export interface MoveResults {
  readonly table: string;
  readonly breakdown: string;
  readonly memory: string;
}

const PHASES = [
  'until reconcile starts',
  'synth + engine reads',
  'move first',
  'until all answer (< 0: before the move ends)',
  'recorded after: plan, show, apply',
] as const;
type Breakdown = Record<(typeof PHASES)[number], number>;

const SPLIT_NAMES = {
  untilFirstCall: 'heard -> first engine call',
  calls: 'engine calls (the whole move, in the order the engine allows)',
  untilAllAnswer: 'last call -> every runtime answers (< 0: before the last call, as when the old endpoints go last)',
} as const;

/** One move's lines of the watcher's JSON log; a line still being written when the move was measured is left out. */
function logLines(logText: string): any[] {
  return logText.split('\n').flatMap((l) => {
    try {
      return [JSON.parse(l)];
    } catch {
      return [];
    }
  });
}

/** When a log line was written (NaN without one). */
const loggedAt = (line: any) => Date.parse(line?.time ?? '') || NaN;

/** The move made first, from its log line: when its engine calls ended, and how long they took. */
function movedFirst(lines: readonly any[]): { readonly at: number; readonly ms: number } {
  const moved = lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('move first: ') && / in \d+ ms/.test(l.msg));
  return { at: loggedAt(moved), ms: moved ? Number(/ in (\d+) ms/.exec(moved.msg)![1]) : NaN };
}

/**
 * Where one move's time went, from the watcher's log (timestamps of its steps). The runtimes
 * answer once the move made first is done; the plan and apply that record it come after,
 * outside the reaction (their column is a share of it all the same, for scale).
 */
function breakdown(lines: readonly any[], started: number, reached: number): Breakdown {
  const reconciling = loggedAt(lines.find((l) => l.msg === 'reconciling'));
  const moved = movedFirst(lines);
  const applied = loggedAt(lines.find((l) => l.msg === 'applied'));
  return {
    'until reconcile starts': reconciling - started,
    'synth + engine reads': moved.at - moved.ms - reconciling,
    'move first': moved.ms,
    'until all answer (< 0: before the move ends)': reached - moved.at,
    'recorded after: plan, show, apply': applied - moved.at,
  };
}

/** One move of one contender, in ms: from hearing netmon's change to its first engine call, its calls, then until every runtime answers. */
interface MoveSplit {
  readonly untilFirstCall: number;
  readonly calls: number;
  readonly untilAllAnswer: number;
}

interface MoveTimes {
  /** Per move: until every runtime answered. */
  readonly times: number[];
  /** Network connects the engine made during the moves (the runtimes times the moves, when each LAN change makes one move). */
  readonly connects: number;
  /** Per runtime and move: its unreachable window. */
  readonly windows: number[];
  /** Per move: where the contender's reaction went. */
  readonly splits: MoveSplit[];
}

/** The watcher's split of one move, from its log: the change it heard and the move it made first. */
function watcherSplit(lines: readonly any[], reached: number): MoveSplit {
  const heard = loggedAt(lines.find((l) => l.msg === 'network_change' && l.relevant));
  const moved = movedFirst(lines);
  return { untilFirstCall: moved.at - moved.ms - heard, calls: moved.ms, untilAllAnswer: reached - moved.at };
}

interface WatcherRun extends MoveTimes {
  readonly breakdowns: Breakdown[];
  /** KiB: netmon idle, netmon peak, watcher idle, watcher peak. */
  readonly memory: [number, number, number, number];
}

export async function benchMove(
  lan: NamespacedLan,
  sizes: readonly number[],
  moves: number,
  options: MoveBenchOptions = {},
): Promise<MoveResults> {
  const work = mkdtempSync(path.join(tmpdir(), 'edgenet-bench-move-'));
  const netmonArgs = options.netmonArgs ?? { edgenet: REFERENCE_NETMON, imperative: REFERENCE_NETMON };
  const sockets = { edgenet: path.join(work, 'netmon.sock'), imperative: path.join(work, 'netmon.sock') };
  const netmons = [execa(CLI, ['netmon', '--socket', sockets.edgenet, ...netmonArgs.edgenet], { reject: false })];
  if (netmonArgs.imperative.join(' ') !== netmonArgs.edgenet.join(' ')) {
    sockets.imperative = path.join(work, 'netmon-imperative.sock');
    netmons.push(execa(CLI, ['netmon', '--socket', sockets.imperative, ...netmonArgs.imperative], { reject: false }));
  }
  const netmon = netmons[0];
  let netmonLog = '';
  for (const each of netmons) each.stderr!.on('data', (d) => (netmonLog = `${netmonLog}${d}`.slice(-2000)));
  let prefixIndex = 0;
  let lastMoveAt = 0;
  /** Waits out `minMoveGapMs` since the last move began; a move's time starts after it. */
  const paceMoves = async () => {
    await sleep(lastMoveAt + (options.minMoveGapMs ?? 0) - Date.now());
    lastMoveAt = Date.now();
  };
  const moveLan = async () => {
    prefixIndex = (prefixIndex + 1) % PREFIXES.length;
    await lan.move(PREFIXES[prefixIndex]);
    await lan.defaultRoute();
    return PREFIXES[prefixIndex];
  };

  /** The watcher converges on n runtimes, then the LAN moves `moves` times. */
  const watcherRun = async (n: number, label: string, extraArgs: string[]): Promise<WatcherRun> => {
    const out = path.join(work, `${label}-${n}`, 'cdktf.out');
    const configFile = path.join(work, `config-${n}.json`);
    writeFileSync(configFile, JSON.stringify(runtimesConfig(n, [lan.parent], { stack: `move${n}`, docker_host: env.DOCKER_HOST })));
    const names = Array.from({ length: n }, (_, i) => `bench${i}`);
    const watcher = execa('node', [CLI, 'watch', '--socket', sockets.edgenet, '--config', configFile, '--out', out, ...extraArgs], {
      reject: false,
      env,
    });
    let log = '';
    watcher.stderr!.on('data', (d) => (log += d.toString()));
    const statusFile = path.join(out, 'watch-status.json');
    const watcherIdle = () =>
      until(
        () => {
          try {
            return JSON.parse(readFileSync(statusFile, 'utf8')).state === 'idle';
          } catch {
            return false; // not written yet, or being replaced
          }
        },
        () => `the watcher idle (log: ${log.slice(-1500)})`,
        MOVE_TIMEOUT_MS,
        200,
      );
    try {
      progress(`move: ${label} ${n} runtimes, first apply`);
      await until(
        () => allReachable(lan, names, PREFIXES[prefixIndex]),
        () => `the first apply of ${n} runtimes (log: ${log.slice(-1500)})`,
        MOVE_TIMEOUT_MS,
        500,
      );
      await sleep(2000); // let the status settle: this is "idle"
      await watcherIdle();
      const idle = [memoryKiB(netmon.pid!, 'VmRSS'), memoryKiB(watcher.pid!, 'VmRSS')];
      const times: number[] = [];
      const windowsAll: number[] = [];
      const breakdowns: Breakdown[] = [];
      const splits: MoveSplit[] = [];
      const counting = countConnects(`${label} ${n} runtimes`);
      for (let m = 1; m <= moves; m += 1) {
        await paceMoves();
        const started = Date.now();
        const logStart = log.length;
        const prefix = await moveLan();
        progress(`move: ${label} ${n} runtimes, move ${m}/${moves} to ${prefix}`);
        const windows = await unreachableWindows(names, lan.maindb, started).catch((err: Error) => {
          throw new Error(`${err.message} (log: ${log.slice(-1500)})`);
        });
        const reached = started + Math.max(...windows);
        times.push(reached - started);
        windowsAll.push(...windows);
        // The next move starts from a quiet host, as the imperative agent's does: the plan
        // and apply that record this one are done.
        await watcherIdle();
        const lines = logLines(log.slice(logStart));
        breakdowns.push(breakdown(lines, started, reached));
        splits.push(watcherSplit(lines, reached));
      }
      return {
        times,
        connects: await counting.stop(),
        windows: windowsAll,
        splits,
        breakdowns,
        memory: [idle[0], memoryKiB(netmon.pid!, 'VmHWM'), idle[1], memoryKiB(watcher.pid!, 'VmHWM')],
      };
    } finally {
      watcher.kill('SIGTERM');
      await watcher;
      // Kept for whoever reads the breakdown: the whole log of this contender's moves.
      const kept = path.join(tmpdir(), `edgenet-bench-${label}-${n}.log`);
      writeFileSync(kept, log);
      progress(`move: ${label} ${n} runtimes, watcher log in ${kept}`);
      await destroyStack(['--config', configFile, '--facts', path.join(out, 'watch-facts.json'), '--out', out], path.dirname(out));
    }
  };

  /** The imperative agent on the same engine, LAN and netmon. */
  const imperativeRun = async (n: number): Promise<MoveTimes> => {
    const agent = new ImperativeAgent(docker, lan.parent, 'io.edgenet.bench');
    await agent.removeAll();
    const names = await agent.deploy(n, `${PREFIXES[prefixIndex]}.0/24`, `${PREFIXES[prefixIndex]}.1`);
    let queue: Promise<void> = Promise.resolve();
    let heard = NaN;
    const connection = await NetmonConnection.connect(sockets.imperative, {
      onMessage: (message) => {
        if (message.type !== 'network_change') return;
        if (Number.isNaN(heard)) heard = Date.now();
        queue = queue
          .then(() => agent.onChange(message.data))
          .catch((err) => {
            progress(`imperative agent: ${(err as Error).message}`);
          });
      },
    });
    try {
      await until(() => allReachable(lan, names, PREFIXES[prefixIndex]), 'the imperative deploy', MOVE_TIMEOUT_MS, 500);
      const times: number[] = [];
      const windows: number[] = [];
      const splits: MoveSplit[] = [];
      const counting = countConnects(`imperative ${n} runtimes`);
      for (let m = 1; m <= moves; m += 1) {
        heard = NaN;
        agent.lastMove = undefined;
        await paceMoves();
        const started = Date.now();
        const prefix = await moveLan();
        progress(`move: imperative ${n} runtimes, move ${m}/${moves} to ${prefix}`);
        const each = await unreachableWindows(names, lan.maindb, started);
        times.push(Math.max(...each));
        windows.push(...each);
        const reached = started + Math.max(...each);
        const move = agent.lastMove as ImperativeAgent['lastMove'];
        splits.push({
          untilFirstCall: (move?.firstCallAt ?? NaN) - heard,
          calls: (move?.doneAt ?? NaN) - (move?.firstCallAt ?? NaN),
          untilAllAnswer: reached - (move?.doneAt ?? NaN),
        });
      }
      return { times, connects: await counting.stop(), windows, splits };
    } finally {
      connection.close();
      await queue;
      await removeOrRestart(() => agent.removeAll());
    }
  };

  const rows: string[][] = [];
  const windows: string[][] = [];
  const shares: string[][] = [];
  const sideBySide: string[][] = [];
  const reactions: string[][] = [];
  const memory: string[][] = [];
  try {
    await until(
      () => existsSync(sockets.edgenet) && existsSync(sockets.imperative),
      () => `the netmon sockets (log: ${netmonLog})`,
      15_000,
    );
    for (const n of sizes) {
      const edgenet = await watcherRun(n, 'edgenet', []);
      const imperative = await imperativeRun(n);
      const [e, i] = [median(edgenet.times), median(imperative.times)];
      const connectsOf = (run: MoveTimes) => `${run.connects} / ${n * moves}`;
      rows.push([String(n), seconds(e), seconds(i), `${connectsOf(edgenet)}, ${connectsOf(imperative)}`, ratio(e, i)]);
      windows.push([
        String(n),
        `${seconds(median(edgenet.windows))} / ${seconds(Math.max(...edgenet.windows))}`,
        `${seconds(median(imperative.windows))} / ${seconds(Math.max(...imperative.windows))}`,
        ratio(median(edgenet.windows), median(imperative.windows)),
      ]);
      shares.push([String(n), ...PHASES.map((p) => `${((median(edgenet.breakdowns.map((x) => x[p])) / e) * 100).toFixed(0)} %`)]);
      const splitOf = (run: MoveTimes, key: keyof MoveSplit) => `${median(run.splits.map((s) => s[key])).toFixed(0)} ms`;
      for (const key of ['untilFirstCall', 'calls', 'untilAllAnswer'] as const) {
        sideBySide.push([String(n), SPLIT_NAMES[key], splitOf(edgenet, key), splitOf(imperative, key)]);
      }
      // Per move, the three phases summed: hearing the change -> every runtime answers.
      const reactionOf = (run: MoveTimes) => median(run.splits.map((x) => x.untilFirstCall + x.calls + x.untilAllAnswer));
      const [er, ir] = [reactionOf(edgenet), reactionOf(imperative)];
      reactions.push([String(n), `${er.toFixed(0)} ms`, `${ir.toFixed(0)} ms`, ratio(er, ir)]);
      memory.push([String(n), ...edgenet.memory.map((kib) => `${(kib / 1024).toFixed(0)} MiB`)]);
    }
  } finally {
    for (const each of netmons) each.kill('SIGTERM');
    await Promise.all(netmons);
    rmSync(work, { recursive: true, force: true });
  }
  const apiVersion = (await docker.get<{ ApiVersion: string }>('/version')).ApiVersion;
  return {
    table: [
      `Docker Engine ${ENGINE} (API ${apiVersion}). Subnet move -> every runtime answers maindb on the new LAN; medians of ${moves} moves each, both contenders in this run, same engine and LAN, ${options.monitors ?? "same netmon (the reference's fixed 3 s debounce included in both)"}. Engine connects: the network connects the engine made during the moves, against one per runtime and LAN change.`,
      table(
        [
          'runtimes',
          'edgenet watcher',
          'imperative agent',
          'engine connects / runtimes x LAN changes (edgenet, imperative)',
          'edgenet / imperative',
        ],
        rows,
      ),
      '',
      `Unreachable window per runtime (from the move to its first answer, probed every 100 ms inside the runtime): median / longest over all runtimes and moves.`,
      table(['runtimes', 'edgenet watcher', 'imperative agent', 'edgenet / imperative (medians)'], windows),
    ].join('\n'),
    breakdown: [
      "Where the watcher's reaction goes (median share of its median reaction, from its log):",
      table(['runtimes', ...PHASES], shares),
      '',
      "Both contenders' reactions side by side, from hearing netmon's change (medians over the moves):",
      table(['runtimes', 'phase', 'edgenet watcher', 'imperative agent'], sideBySide),
      '',
      "What each contender does itself: from hearing netmon's change to every runtime answering (the three phases above, summed per move; medians; the debounce both share left out):",
      table(['runtimes', 'edgenet watcher', 'imperative agent', 'edgenet / imperative'], reactions),
    ].join('\n'),
    memory: [
      'Memory (resident set from /proc/<pid>/status): idle = 2 s after the first apply; peak = VmHWM after the moves. Engine child processes (terraform, provider) are not included.',
      table(['runtimes', 'netmon idle', 'netmon peak', 'watcher idle', 'watcher peak'], memory),
    ].join('\n'),
  };
}
