import execa from 'execa';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { NamespacedLan } from '../scripts/testbed/lan';
import { CLI, env, ROOT } from '../scripts/testbed/env';
import { daemonNodeOptions } from '../lib/core/daemon-flags';
import { NetmonConnection } from '../watcher/watch/netmon-connection';
import { until } from '../__tests__/poll';
import { destroyStack } from './cleanup';
import { progress, ratio, sleep, table } from './stats';
import { runtimesConfig } from './workload';

/**
 * Resident memory of the daemons an edge host keeps running, side by side in one run:
 * `edgenet netmon` against the reference sidecar (BENCH_REFERENCE_NETMON, a command line
 * whose `{socket}` is replaced by the socket path; else a sidecar of the same job in
 * Python and pyroute2, as the reference's is written), after discovery and after 10 subnet
 * moves of the namespaced LAN; and `edgenet watch` idle after its first apply.
 */

const PREFIXES = ['10.93.0', '10.94.0'];
const MOVES = 10;
const WATCH_IDLE_GOAL_MIB = 80;
const NETMON_RATIO_GOAL = 1.3;
const REFERENCE_SIDECAR = `/usr/bin/python3 ${path.join(ROOT, 'bench', 'reference-netmon.py')} --socket {socket}`;

/** VmRSS of `pid` and every process below it, in KiB: a sidecar's footprint includes its helpers (netmon's `ip monitor`). */
function treeRssKiB(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const rss = (p: number): number => {
    let own = 0;
    try {
      own = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
    return own + (children.get(p) ?? []).reduce((sum, c) => sum + rss(c), 0);
  };
  return rss(pid);
}

/** The test bed's environment with the NODE_OPTIONS the daemon's systemd unit and image give it. */
const asUnitsRunIt = (daemon: string) => ({ ...env, NODE_OPTIONS: daemonNodeOptions(daemon) });

const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

interface Monitor {
  readonly label: string;
  readonly process: execa.ExecaChildProcess;
  /** The subnets this monitor reported for the LAN's parent, in order. */
  readonly reported: string[];
  connection?: NetmonConnection;
}

/** Starts one monitor under `command` (with `{socket}`) and connects a client that records the parent's subnets. */
async function startMonitor(label: string, command: string, socketPath: string, parent: string): Promise<Monitor> {
  const [file, ...args] = command.replace('{socket}', socketPath).split(' ').filter(Boolean);
  const monitor: Monitor = { label, process: execa(file, args, { reject: false, env: asUnitsRunIt('netmon') }), reported: [] };
  let output = '';
  monitor.process.stderr?.on('data', (d) => (output = (output + d.toString()).slice(-2000)));
  await until(
    () => existsSync(socketPath),
    () => `the ${label} socket (output: ${output})`,
    15_000,
  );
  let discovered = false;
  monitor.connection = await NetmonConnection.connect(socketPath, {
    onMessage: (message) => {
      if (message.type === 'network_discovery') discovered = true;
      const reports = message.type === 'network_discovery' ? message.data.interfaces : [message.data];
      for (const report of reports) if (report.interface === parent) monitor.reported.push(report.ipv4_addresses[0]?.subnet ?? '');
    },
  });
  await until(
    () => discovered,
    () => `the ${label} discovery (output: ${output})`,
    15_000,
  );
  return monitor;
}

async function stopMonitor(monitor: Monitor): Promise<void> {
  monitor.connection?.close();
  monitor.process.kill('SIGTERM');
  await monitor.process;
}

/** `edgenet watch` idle: the resident set 2 s after its first apply of one runtime on the LAN. */
async function watchIdleKiB(lan: NamespacedLan, socketPath: string, work: string): Promise<number> {
  const out = path.join(work, 'watch', 'cdktf.out');
  const configFile = path.join(work, 'watch-config.json');
  writeFileSync(configFile, JSON.stringify(runtimesConfig(1, [lan.parent], { stack: 'memory', docker_host: env.DOCKER_HOST })));
  const watcher = execa('node', [CLI, 'watch', '--socket', socketPath, '--config', configFile, '--out', out], {
    reject: false,
    env: asUnitsRunIt('watch'),
  });
  let log = '';
  watcher.stderr!.on('data', (d) => (log = (log + d.toString()).slice(-3000)));
  try {
    const statusFile = path.join(out, 'watch-status.json');
    const idleAfterApply = () => {
      try {
        const status = JSON.parse(readFileSync(statusFile, 'utf8'));
        return status.state === 'idle' && status.last_applied !== null;
      } catch {
        return false; // not written yet, or being replaced
      }
    };
    await until(idleAfterApply, () => `the watcher idle after its first apply (log: ${log})`, 300_000, 200);
    await sleep(2000);
    return treeRssKiB(watcher.pid!);
  } finally {
    watcher.kill('SIGTERM');
    await watcher;
    await destroyStack(['--config', configFile, '--facts', path.join(out, 'watch-facts.json'), '--out', out], path.dirname(out));
  }
}

export async function benchMemory(lan: NamespacedLan): Promise<string> {
  const work = mkdtempSync(path.join(tmpdir(), 'edgenet-bench-memory-'));
  const given = process.env.BENCH_REFERENCE_NETMON;
  const referenceCommand = given || REFERENCE_SIDECAR;
  const edgenetSocket = path.join(work, 'edgenet.sock');
  try {
    progress('memory: both monitors, discovery');
    const monitors: Monitor[] = [];
    try {
      monitors.push(await startMonitor('edgenet netmon', `${CLI} netmon --socket {socket}`, edgenetSocket, lan.parent));
      monitors.push(await startMonitor('reference sidecar', referenceCommand, path.join(work, 'reference.sock'), lan.parent));
      await sleep(2000);
      const afterDiscovery = monitors.map((m) => treeRssKiB(m.process.pid!));
      for (let move = 1; move <= MOVES; move += 1) {
        const prefix = PREFIXES[move % PREFIXES.length];
        progress(`memory: move ${move}/${MOVES} to ${prefix}.0/24`);
        await lan.move(prefix);
        await lan.defaultRoute();
        for (const m of monitors) {
          await until(
            () => m.reported.at(-1) === `${prefix}.0/24`,
            () => `${m.label} reporting ${prefix}.0/24 (got ${m.reported.join(', ')})`,
            15_000,
          );
        }
      }
      await sleep(2000);
      const afterMoves = monitors.map((m) => treeRssKiB(m.process.pid!));
      progress('memory: edgenet watch, first apply then idle');
      const watchIdle = await watchIdleKiB(lan, edgenetSocket, work);
      const row = (label: string, [ours, theirs]: number[]) => [label, mib(ours), mib(theirs), ratio(ours, theirs)];
      return [
        `Memory: resident set (VmRSS of the process and its children, e.g. netmon's \`ip monitor\`), both monitors running side by side in this run. Reference: ${given ? `the given sidecar (\`${given}\`)` : 'a sidecar of the same job in Python and pyroute2 (bench/reference-netmon.py), as the reference writes it'}. Goal: netmon at most ${NETMON_RATIO_GOAL}x.`,
        table(
          ['', 'edgenet netmon', 'reference sidecar', 'edgenet / reference'],
          [row('after discovery', afterDiscovery), row(`after ${MOVES} subnet moves`, afterMoves)],
        ),
        '',
        table(
          ['', 'edgenet watch', 'goal'],
          [['idle, 2 s after its first apply of 1 runtime', mib(watchIdle), `at most ${WATCH_IDLE_GOAL_MIB} MiB`]],
        ),
      ].join('\n');
    } finally {
      await Promise.all(monitors.map(stopMonitor));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
