import { selectHost } from '../../lib/core/config/targets';
import { ValidConfig } from '../../lib/core/config/validate';
import { EngineError, ValidationError } from '../../lib/core/errors';
import { DockerNetworkFact, HostFacts } from '../../lib/core/facts/types';
import { NameSets } from '../../lib/core/name-conflicts';
import { Backoff } from '../common/backoff';
import { describeAbsence, InterfaceCache } from './interface-cache';
import { Log, silentLog } from '../common/log';
import { NetmonClient } from './netmon-client';
import { NetmonConnection } from './netmon-connection';
import { DiscoveryMessage } from '../common/protocol';
import { Reconciler, ReconcilerEvent } from '../common/reconciler';
import { defaultSettleMs, relevantInterfaces } from './relevance';
import { MetricsFile } from '../common/metrics';
import { runtimeStatus, strandedStatus } from './runtime-status';
import { describeStranded } from '../../lib/core/model/stranded';
import { AppliedOutcome, isPermanent, PreparedStack, RefusedError, StackReconcile } from './stack-reconcile';
import { readStatus, StatusFile, WatchStatus } from '../common/status';

export interface WatcherOptions {
  readonly config: ValidConfig;
  /** The host of the config this watcher runs on. @default - the config's only host */
  readonly host?: string;
  /** netmon's socket. */
  readonly socketPath: string;
  /** cdktf out directory for the stack. */
  readonly outdir: string;
  readonly statusFile: string;
  readonly vnicsFile: string;
  readonly factsFile: string;
  /**
   * Quiet time after the last relevant change before a reconcile (netmon has already
   * debounced each interface; this joins changes on several interfaces).
   *
   * @default - 0 when every vNIC hangs off one named parent, else 250 (defaultSettleMs)
   */
  readonly settleMs?: number;
  /**
   * An engine step (init, plan, apply) running longer is interrupted with SIGINT.
   *
   * @default 600000 (10 minutes)
   */
  readonly stepTimeoutMs?: number;
  /**
   * CPU niceness of the engine's runs (0 to 19): a plan or apply, and the drift check every
   * `resyncMs`, then yield the CPU to the runtimes the host is there for.
   *
   * @default 10
   */
  readonly engineNiceness?: number;
  /**
   * Delays between failed reconciles.
   *
   * @default 2 s doubling to 5 min, ±20 % jitter
   */
  readonly retryBackoff?: Backoff;
  /** Delays between reconnects to netmon. @default 0.5 s doubling to 30 s */
  readonly reconnectBackoff?: Backoff;
  readonly engineEnv?: NodeJS.ProcessEnv;
  /**
   * Refresh on every plan (see StackReconcileOptions.fullRefresh).
   *
   * @default false
   */
  readonly fullRefresh?: boolean;
  /** The config's allocation lock (auto addresses kept and recorded). @default - none */
  readonly lockFile?: string;
  /** @default - asked of the config's Docker engine */
  readonly dockerNetworks?: () => Promise<readonly DockerNetworkFact[]>;
  /** Every container and network name the engine has, for the conflict check. @default - asked of the config's Docker engine */
  readonly engineNames?: () => Promise<NameSets>;
  /** Make a subnet move's engine calls before the plan (StackReconcileOptions.moveFirst). @default true */
  readonly moveFirst?: boolean;
  /**
   * Between netmon's changes, check the engine for drift this often and heal it (0: never).
   *
   * @default 300000 (5 minutes)
   */
  readonly resyncMs?: number;
  /** Prometheus text-format metrics for node_exporter's textfile collector. @default - none */
  readonly metricsFile?: string;
  /** @default - silent */
  readonly log?: Log;
}

/**
 * `edgenet watch`: netmon's view of the interfaces -> facts -> synth -> apply, one run at a
 * time, coalesced, retried with backoff, never acting on empty facts.
 */
export class Watcher {
  public static readonly DEFAULT_STEP_TIMEOUT_MS = 10 * 60 * 1000;
  public static readonly DISCOVERY_TIMEOUT_MS = 10_000;
  public static readonly DEFAULT_RESYNC_MS = 5 * 60 * 1000;
  public static readonly DEFAULT_ENGINE_NICENESS = 10;

  public readonly settleMs: number;
  public readonly stepTimeoutMs: number;
  public readonly resyncMs: number;
  public readonly engineNiceness: number;
  private readonly cache = new InterfaceCache();
  private readonly metrics?: MetricsFile;
  private resyncTimer?: NodeJS.Timeout;
  private stopping = false;
  private readonly log: Log;
  private readonly stack: StackReconcile;
  private readonly isRelevant: (name: string) => boolean;
  private status!: StatusFile;
  private reconciler?: Reconciler<HostFacts, PreparedStack>;
  private client?: NetmonClient;

  constructor(private readonly options: WatcherOptions) {
    this.settleMs = options.settleMs ?? defaultSettleMs(options.config);
    this.stepTimeoutMs = options.stepTimeoutMs ?? Watcher.DEFAULT_STEP_TIMEOUT_MS;
    this.resyncMs = options.resyncMs ?? Watcher.DEFAULT_RESYNC_MS;
    this.engineNiceness = options.engineNiceness ?? Watcher.DEFAULT_ENGINE_NICENESS;
    this.log = options.log ?? silentLog;
    const stack = selectHost(options.config.hosts, options.host).stack;
    this.metrics = options.metricsFile ? new MetricsFile(options.metricsFile, { stack }) : undefined;
    this.isRelevant = relevantInterfaces(options.config);
    this.stack = new StackReconcile({
      config: options.config,
      host: options.host,
      lockFile: options.lockFile,
      outdir: options.outdir,
      factsFile: options.factsFile,
      vnicsFile: options.vnicsFile,
      engineEnv: options.engineEnv,
      stepTimeoutMs: this.stepTimeoutMs,
      engineNiceness: this.engineNiceness,
      dockerNetworks: options.dockerNetworks,
      engineNames: options.engineNames,
      moveFirst: options.moveFirst,
      fullRefresh: options.fullRefresh,
      progress: (message) => this.log('info', message, { component: 'engine' }),
      onApplied: (outcome) => this.applied(outcome),
    });
  }

  /** Synthesizes for these facts and reports the vNICs they strand (and those they bring back). */
  private async prepare(facts: HostFacts): Promise<PreparedStack> {
    const prepared = await this.stack.prepare(facts);
    const before = this.status.value.stranded;
    const now = strandedStatus(prepared.stack.model.stranded, before, new Date().toISOString());
    for (const s of now.filter((n) => !before.some((b) => b.runtime === n.runtime && b.vnic === n.vnic))) {
      this.log('warn', describeStranded(s), { runtime: s.runtime, vnic: s.vnic, ip: s.ip, subnet: s.subnet });
    }
    for (const b of before.filter((b) => !now.some((n) => n.runtime === b.runtime && n.vnic === b.vnic))) {
      this.log('info', `runtime ${b.runtime} vNIC ${b.vnic}: its LAN is back; attaching it again`, { runtime: b.runtime, vnic: b.vnic });
    }
    // Not awaited: the status is written in order, and a move waits for no disk write.
    void this.status.update({ stranded: now });
    void this.metrics?.update(() => ({ strandedVnics: now.length }));
    return prepared;
  }

  private applied({ prepared, result, resync, durationMs }: AppliedOutcome): void {
    const at = new Date();
    void this.status.update({
      runtimes: runtimeStatus(prepared.stack.model),
      ...(resync ? { last_resync: { at: at.toISOString(), drift_found: result.changes } } : {}),
    });
    if (resync && result.changes)
      this.log('warn', 'drift found and healed', {
        plan: result.planOutput
          .split('\n')
          .filter((l) => /^\s+# /.test(l))
          .map((l) => l.trim()),
      });
    void this.metrics?.update((m) => ({
      lastApplyTimestampSeconds: Math.floor(at.getTime() / 1000),
      lastApplyDurationSeconds: durationMs / 1000,
      consecutiveFailures: 0,
      driftFoundTotal: m.driftFoundTotal + (resync && result.changes ? 1 : 0),
    }));
  }

  /** The vNIC parents that are away now (other interfaces coming and going are no one's concern). */
  private parentsAway(): WatchStatus['parents_away'] {
    return Object.fromEntries(Object.entries(this.cache.away).filter(([name]) => this.isRelevant(name)));
  }

  get statusValue() {
    return this.status.value;
  }

  /** Connects to netmon and reconciles on every relevant change until stop(). */
  async start(): Promise<void> {
    this.status = new StatusFile(this.options.statusFile, await readStatus(this.options.statusFile));
    this.reconciler = new Reconciler<HostFacts, PreparedStack>({
      settleMs: this.settleMs,
      prepare: (facts) => this.prepare(facts),
      apply: (prepared, run) => this.stack.apply(prepared, run),
      isPermanent,
      backoff: this.options.retryBackoff ?? new Backoff(),
      appliedHash: this.status.value.last_applied?.hash,
      onEvent: (event) => this.record(event),
    });
    await this.status.update({ state: 'idle' });
    this.client = new NetmonClient({
      socketPath: this.options.socketPath,
      backoff: this.options.reconnectBackoff,
      log: this.log,
      onConnection: (connected) => {
        void this.status.update({ netmon: { ...this.status.value.netmon, connected, interfaces: this.cache.size } });
        void this.metrics?.update(() => ({ netmonConnected: connected }));
      },
      onDiscovery: (interfaces) => {
        this.cache.replaceAll(interfaces);
        this.log('info', 'discovery', { interfaces: interfaces.map((i) => i.interface) });
        void this.status.update({
          netmon: { ...this.status.value.netmon, connected: true, interfaces: this.cache.size },
          parents_away: this.parentsAway(),
        });
        this.reconciler!.submit(this.cache.toFacts(new Date().toISOString()));
      },
      onChange: (report) => {
        const away = this.cache.update(report);
        const relevant = this.isRelevant(report.interface);
        this.log('info', 'network_change', {
          interface: report.interface,
          subnets: report.ipv4_addresses.map((a) => a.subnet),
          gateway: report.gateway,
          ...(report.status ? { status: report.status } : {}),
          relevant,
        });
        void this.status.update({ parents_away: this.parentsAway() });
        if (!relevant) return;
        // A parent that is away moves, detaches and destroys nothing: runtimes stay as they are.
        if (away)
          this.log('warn', `${report.interface} is ${describeAbsence(away)}; keeping runtimes as they are`, {
            interface: report.interface,
          });
        else this.reconciler!.submit(this.cache.toFacts(new Date().toISOString()));
      },
      onSkipped: (skipped) => {
        const key = skipped.kind === 'reply' ? 'reply' : skipped.type;
        const counts = { ...(this.status.value.netmon.skipped ?? {}) };
        counts[key] = (counts[key] ?? 0) + 1;
        void this.status.update({ netmon: { ...this.status.value.netmon, skipped: counts } });
      },
    });
    this.client.start();
    this.armResync();
    this.log('info', 'watching', {
      socket: this.options.socketPath,
      stack: selectHost(this.options.config.hosts, this.options.host).stack,
      settle_ms: this.settleMs,
    });
  }

  /** The next drift check, resyncMs after the last run ended: a check right after an apply finds nothing. */
  private armResync(): void {
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
    // Only a watching daemon checks between changes; --once runs once.
    if (this.resyncMs > 0 && this.client !== undefined && !this.stopping)
      this.resyncTimer = setTimeout(() => this.reconciler?.resync(), this.resyncMs);
  }

  /** One line for the status and the log: an engine's failure carries the engine's reason. */
  private static describe(error: Error): string {
    return error instanceof EngineError ? error.summary : error.message;
  }

  private record(event: ReconcilerEvent): void {
    const at = new Date().toISOString();
    if (event.type !== 'settling' && event.type !== 'started') this.armResync();
    switch (event.type) {
      case 'settling':
        if (!this.reconciler?.busy) void this.status.update({ state: 'settling' });
        return;
      case 'started':
        this.log('info', event.resync ? 'checking for drift (resync)' : 'reconciling', { retry: event.retry });
        if (event.resync) void this.metrics?.update((m) => ({ resyncsTotal: m.resyncsTotal + 1 }));
        void this.status.update({ state: 'reconciling', next_retry_at: null });
        return;
      case 'unchanged':
        this.log('info', 'nothing to do: this plan input was applied already', { hash: event.hash });
        void this.status.update({ state: 'idle', last_attempt: { at, outcome: 'unchanged', hash: event.hash } });
        return;
      case 'applied':
        this.log('info', 'applied', { hash: event.hash });
        void this.status.update({
          state: 'idle',
          last_applied: { hash: event.hash, at },
          last_attempt: { at, outcome: 'applied', hash: event.hash },
          last_error: null,
          failures: 0,
          next_retry_at: null,
        });
        return;
      case 'rejected': {
        const kind = event.error instanceof RefusedError ? 'refused' : event.error instanceof ValidationError ? 'invalid' : 'failed';
        this.log('error', `not applying (${kind}); waiting for different facts`, { error: Watcher.describe(event.error) });
        void this.status.update({
          state: 'idle',
          last_attempt: { at, outcome: kind, hash: event.hash },
          last_error: { at, kind, message: Watcher.describe(event.error) },
          next_retry_at: null,
        });
        return;
      }
      case 'failed': {
        const nextRetry = event.retryInMs > 0 ? new Date(Date.now() + event.retryInMs).toISOString() : null;
        this.log('error', 'reconcile failed', { error: Watcher.describe(event.error), retry_in_ms: event.retryInMs });
        void this.metrics?.update((m) => ({
          applyFailuresTotal: m.applyFailuresTotal + 1,
          consecutiveFailures: m.consecutiveFailures + 1,
        }));
        void this.status.update({
          state: nextRetry ? 'waiting-retry' : 'idle',
          last_attempt: { at, outcome: 'failed', hash: event.hash },
          last_error: { at, kind: 'failed', message: Watcher.describe(event.error) },
          failures: this.status.value.failures + 1,
          next_retry_at: nextRetry,
        });
      }
    }
  }

  /**
   * Starts nothing new, lets a running engine stop cleanly (SIGINT, as it expects) and
   * waits for it; the next start converges from whatever state that left.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
    this.client?.stop();
    if (this.reconciler?.busy && this.stack.interrupt()) this.log('warn', 'interrupted the running engine; waiting for it to stop');
    await this.reconciler?.stop();
    await this.status.update({ state: 'stopped' });
    await this.status.flushed();
    await this.metrics?.flushed();
  }

  /** `--once`: one reconcile of netmon's current discovery; resolves with the exit code. */
  async once(): Promise<number> {
    this.status = new StatusFile(this.options.statusFile, await readStatus(this.options.statusFile));
    const discovery = await firstDiscovery(this.options.socketPath, Watcher.DISCOVERY_TIMEOUT_MS);
    this.cache.replaceAll(discovery.data.interfaces);
    let outcome: ReconcilerEvent['type'] | undefined;
    const reconciler = new Reconciler<HostFacts, PreparedStack>({
      settleMs: 0, // unused: runNow
      prepare: (facts) => this.prepare(facts),
      apply: (prepared, run) => this.stack.apply(prepared, run),
      isPermanent: () => true, // once means once: no retry
      backoff: new Backoff(),
      onEvent: (event) => {
        outcome = event.type;
        this.record(event);
      },
    });
    this.reconciler = reconciler;
    await reconciler.runNow(this.cache.toFacts(new Date().toISOString()));
    await this.status.flushed();
    return outcome === 'applied' || outcome === 'unchanged' ? 0 : 1;
  }
}

function firstDiscovery(socketPath: string, timeoutMs: number): Promise<DiscoveryMessage> {
  return new Promise((resolve, reject) => {
    let connection: NetmonConnection | undefined;
    const timer = setTimeout(() => {
      connection?.close();
      reject(new RefusedError(`no discovery from netmon at ${socketPath} within ${timeoutMs} ms`));
    }, timeoutMs);
    NetmonConnection.connect(socketPath, {
      onMessage: (message) => {
        if (message.type !== 'network_discovery') return;
        clearTimeout(timer);
        connection?.close();
        resolve(message);
      },
    }).then(
      (c) => (connection = c),
      (err) => {
        clearTimeout(timer);
        reject(new RefusedError(`cannot reach netmon at ${socketPath}: ${(err as Error).message}`));
      },
    );
  });
}
