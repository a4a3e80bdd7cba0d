import { ChildProcess, execFile, spawn } from 'child_process';
import * as readline from 'readline';
import { promisify } from 'util';
import { EdgenetError } from '../../lib/core/errors';
import { SYS_CLASS_NET, wirelessInterfaces } from '../../lib/host/facts/sysfs-wireless';
import { InterfaceState, interfacesFromIp } from './ip-snapshot';
import { MonitorEvent, parseMonitorLine } from './monitor-line';

/** The I/O half of netmon's view of the kernel: `ip -j` snapshots and `ip monitor`. */

/**
 * Node's own execFile, not execa: netmon's footprint budget on an edge host has no room for a
 * process library it needs for two fixed commands.
 */
const run = promisify(execFile);

/** Every interface as the kernel has it now; `sysClassNet` says which are wireless. */
export async function readInterfaces(ip = 'ip', sysClassNet = SYS_CLASS_NET): Promise<InterfaceState[]> {
  try {
    const [addr, route, wireless] = await Promise.all([
      run(ip, ['-j', 'addr', 'show']),
      run(ip, ['-j', '-4', 'route', 'show', 'default']),
      wirelessInterfaces(sysClassNet),
    ]);
    return interfacesFromIp(addr.stdout, route.stdout, wireless);
  } catch (err) {
    throw new EdgenetError(`reading interfaces with ${ip} -j failed (iproute2 is needed): ${(err as Error).message}`);
  }
}

export interface LinkMonitorOptions {
  /** Called for every netlink notification line, and with `lost` when the monitor restarts. */
  readonly onEvent: (event: MonitorEvent) => void;
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
  /** @default 'ip' */
  readonly ip?: string;
}

const RESTART_MIN_MS = 500;
const RESTART_MAX_MS = 30_000;
/** A monitor that ran this long before dying counts as healthy: restart quickly again. */
const HEALTHY_RUN_MS = 60_000;

/** How the monitor process is doing, for netmon's status. */
export interface LinkMonitorState {
  readonly state: 'running' | 'restarting' | 'stopped';
  readonly restarts: number;
  readonly lastRestartAt?: Date;
}

/**
 * `ip -o monitor address route link`, kept running: netlink tells us *when* to look.
 * When it dies it is restarted with backoff, and `lost` tells the owner to resynchronise.
 */
export class LinkMonitor {
  private child?: ChildProcess;
  private running = false;
  private stopped = false;
  private restarts = 0;
  private lastRestartAt?: Date;
  private restartDelay = RESTART_MIN_MS;
  private restartTimer?: NodeJS.Timeout;
  private readonly log: NonNullable<LinkMonitorOptions['log']>;
  private readyResolve?: () => void;

  constructor(private readonly options: LinkMonitorOptions) {
    this.log = options.log ?? (() => undefined);
  }

  /** Resolves once the monitor process is running (events from then on are seen). */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.readyResolve = resolve;
      this.spawn();
    });
  }

  private spawn(restart = false): void {
    const startedAt = Date.now();
    const child = spawn(this.options.ip ?? 'ip', ['-o', 'monitor', 'address', 'route', 'link'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.once('spawn', () => {
      this.running = true;
      if (restart) {
        this.restarts += 1;
        this.lastRestartAt = new Date();
      }
      this.readyResolve?.();
      this.readyResolve = undefined;
      // Whatever changed while no monitor ran is only visible in a full snapshot.
      if (restart) this.options.onEvent({ kind: 'lost' });
    });
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        const event = parseMonitorLine(line);
        if (event) this.options.onEvent(event);
      });
    }
    child.once('error', (err) => this.log('ip monitor failed to start', { error: err.message }));
    child.once('close', (code, signal) => {
      this.child = undefined;
      this.running = false;
      if (this.stopped) return;
      if (Date.now() - startedAt > HEALTHY_RUN_MS) this.restartDelay = RESTART_MIN_MS;
      this.log('ip monitor exited; restarting and resynchronising', { code, signal, restart_in_ms: this.restartDelay });
      this.restartTimer = setTimeout(() => this.spawn(true), this.restartDelay);
      this.restartDelay = Math.min(this.restartDelay * 2, RESTART_MAX_MS);
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get status(): LinkMonitorState {
    const state = this.stopped ? 'stopped' : this.running ? 'running' : 'restarting';
    return { state, restarts: this.restarts, lastRestartAt: this.lastRestartAt };
  }

  stop(): void {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.child?.kill('SIGTERM');
    this.readyResolve?.();
  }
}
