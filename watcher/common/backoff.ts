/**
 * Capped exponential backoff with jitter (client-go's ItemExponentialFailureRateLimiter
 * plus jitter): base, 2x base, 4x base ... up to max; each delay is spread by ±jitter so
 * hosts that failed together do not retry together.
 */

export interface BackoffOptions {
  /** @default 2000 */
  readonly baseMs?: number;
  /** @default 300000 (5 minutes) */
  readonly maxMs?: number;
  /** Fraction of the delay randomly added or removed. @default 0.2 */
  readonly jitter?: number;
  /** @default Math.random */
  readonly random?: () => number;
}

export class Backoff {
  public static readonly DEFAULT_BASE_MS = 2000;
  public static readonly DEFAULT_MAX_MS = 300_000;
  public static readonly DEFAULT_JITTER = 0.2;

  public readonly baseMs: number;
  public readonly maxMs: number;
  public readonly jitter: number;
  private readonly random: () => number;
  private failures = 0;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? Backoff.DEFAULT_BASE_MS;
    this.maxMs = options.maxMs ?? Backoff.DEFAULT_MAX_MS;
    this.jitter = options.jitter ?? Backoff.DEFAULT_JITTER;
    this.random = options.random ?? Math.random;
    if (!(this.baseMs > 0) || !(this.maxMs >= this.baseMs)) {
      throw new RangeError(`Backoff: need 0 < baseMs <= maxMs, got baseMs ${this.baseMs}, maxMs ${this.maxMs}`);
    }
    if (!(this.jitter >= 0 && this.jitter < 1)) throw new RangeError(`Backoff: jitter must be in [0, 1), got ${this.jitter}`);
  }

  /** Failures since the last reset. */
  get attempts(): number {
    return this.failures;
  }

  /** Records a failure and returns how long to wait before the next try. */
  next(): number {
    const exponential = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    const spread = exponential * this.jitter * (2 * this.random() - 1);
    return Math.round(Math.min(this.maxMs, exponential + spread));
  }

  reset(): void {
    this.failures = 0;
  }
}
