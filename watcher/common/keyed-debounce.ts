/**
 * Calls `fire(key)` once `delayMs` after the last `touch(key)`: a burst of touches on one
 * key yields one call; keys do not delay each other.
 */
export class KeyedDebounce<K> {
  private readonly timers = new Map<K, NodeJS.Timeout>();

  constructor(
    private readonly delayMs: number,
    private readonly fire: (key: K) => void,
  ) {
    if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError(`KeyedDebounce: delayMs must be a number >= 0, got ${delayMs}`);
  }

  touch(key: K): void {
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.fire(key);
      }, this.delayMs),
    );
  }

  /** Forgets `key`'s pending call, if any. */
  cancel(key: K): void {
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    this.timers.delete(key);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** The keys waiting to fire, in the order they were first touched. */
  pendingKeys(): K[] {
    return [...this.timers.keys()];
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
