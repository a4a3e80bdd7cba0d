import { Backoff } from './backoff';

/**
 * The watcher's work queue for one stack, in the manner of client-go's workqueue: the
 * latest input wins, it is never processed twice at once, inputs arriving during a run
 * collapse into one follow-up run with the latest, and failures are retried with backoff.
 *
 * A run is `prepare` (pure-ish: synthesize, hash) then, unless the hash is the one last
 * applied, `apply`. Permanent failures (bad config for these facts, a refused plan) are
 * reported and not retried; the next different input is still processed.
 */

export interface Prepared {
  /** Identity of what would be applied (sha256 of cdk.tf.json). */
  readonly hash: string;
}

export type ReconcilerEvent =
  | { readonly type: 'settling'; readonly settleMs: number }
  | { readonly type: 'started'; readonly retry: number; readonly resync: boolean }
  | { readonly type: 'unchanged'; readonly hash: string }
  | { readonly type: 'applied'; readonly hash: string }
  | { readonly type: 'rejected'; readonly hash: string | null; readonly error: Error }
  | { readonly type: 'failed'; readonly hash: string | null; readonly error: Error; readonly retryInMs: number };

export interface ReconcilerOptions<I, P extends Prepared> {
  /** Quiet time after the last submitted input before a run starts. */
  readonly settleMs: number;
  readonly prepare: (input: I) => Promise<P>;
  /** Applies a prepared input; `resync` runs check the engine for drift even when the input was applied already. */
  readonly apply: (prepared: P, run: { readonly resync: boolean }) => Promise<void>;
  /** True for errors that retrying the same input cannot fix. */
  readonly isPermanent: (error: Error) => boolean;
  readonly backoff: Backoff;
  /** Hash applied before this process started (from the status file). @default - none */
  readonly appliedHash?: string;
  /**
   * Run `apply` on the first input even if its hash was applied before, so a restart
   * converges after an interrupted apply or drift.
   *
   * @default true
   */
  readonly convergeOnStart?: boolean;
  readonly onEvent?: (event: ReconcilerEvent) => void;
}

export class Reconciler<I, P extends Prepared> {
  private latest?: I;
  private hasInput = false;
  private running?: Promise<void>;
  /** Input arrived (or a retry fell due) while running: run again when done. */
  private dirty = false;
  private settleTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private appliedHash?: string;
  private rejectedHash?: string;
  private converged: boolean;
  /** A resync is due: the next run applies (checks for drift) even if the input was applied already. */
  private resyncDue = false;
  private readonly emit: (event: ReconcilerEvent) => void;

  constructor(private readonly options: ReconcilerOptions<I, P>) {
    this.appliedHash = options.appliedHash;
    this.converged = !(options.convergeOnStart ?? true);
    this.emit = options.onEvent ?? (() => undefined);
  }

  get lastAppliedHash(): string | undefined {
    return this.appliedHash;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Offers new input; a run follows once inputs have been quiet for settleMs. */
  submit(input: I): void {
    if (this.stopped) return;
    this.latest = input;
    this.hasInput = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.emit({ type: 'settling', settleMs: this.options.settleMs });
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      this.kick();
    }, this.options.settleMs);
  }

  /**
   * Asks for a drift check of the latest input: runs now (or after the current run), through
   * apply even when its hash was applied already. Nothing happens before a first input.
   */
  resync(): void {
    if (this.stopped || !this.hasInput) return;
    this.resyncDue = true;
    this.kick();
  }

  /** Runs `input` without waiting for the settle time; resolves when nothing runs any more. */
  async runNow(input: I): Promise<void> {
    this.latest = input;
    this.hasInput = true;
    this.kick();
    await this.idle();
  }

  /** Runs now, or once the current run ends. */
  private kick(): void {
    if (this.stopped || !this.hasInput) return;
    if (this.retryTimer) {
      // New input supersedes a scheduled retry; the backoff keeps counting until a success.
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
      if (this.dirty) {
        this.dirty = false;
        this.kick();
      }
    });
  }

  private async runOnce(): Promise<void> {
    const input = this.latest as I;
    const resync = this.resyncDue;
    this.resyncDue = false;
    this.emit({ type: 'started', retry: this.options.backoff.attempts, resync });
    let prepared: P | undefined;
    try {
      prepared = await this.options.prepare(input);
      const first = !this.converged;
      const known = prepared.hash === this.appliedHash || prepared.hash === this.rejectedHash;
      // A resync re-checks what was applied; input refused as invalid stays refused.
      if (!first && known && !(resync && prepared.hash === this.appliedHash)) {
        this.options.backoff.reset();
        this.emit({ type: 'unchanged', hash: prepared.hash });
        return;
      }
      // A drift check is a run of the input already applied; new input is a change, whoever asked.
      await this.options.apply(prepared, { resync: resync && prepared.hash === this.appliedHash });
      this.converged = true;
      this.appliedHash = prepared.hash;
      this.rejectedHash = undefined;
      this.options.backoff.reset();
      this.emit({ type: 'applied', hash: prepared.hash });
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const hash = prepared?.hash ?? null;
      if (this.stopped) {
        this.emit({ type: 'failed', hash, error, retryInMs: 0 });
        return;
      }
      if (this.options.isPermanent(error)) {
        if (hash) this.rejectedHash = hash;
        this.options.backoff.reset();
        this.emit({ type: 'rejected', hash, error });
        return;
      }
      const retryInMs = this.options.backoff.next();
      this.emit({ type: 'failed', hash, error, retryInMs });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.kick();
      }, retryInMs);
    }
  }

  /** Resolves when nothing runs and nothing is due (settle or follow-up); retries may be scheduled. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Starts nothing new; resolves once the current run (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.settleTimer, this.retryTimer]) if (timer) clearTimeout(timer);
    this.settleTimer = this.retryTimer = undefined;
    this.dirty = false;
    await this.idle();
  }
}
