import { KeyedDebounce } from '../common/keyed-debounce';
import { ChangeState, ClientView, Decision } from './client-view';
import { InterfaceState, sameState } from './ip-snapshot';

/**
 * When netmon tells its clients about an interface, and whether: the timing half of netmon,
 * free of I/O (the snapshot and the sending are given), so that its rules run under fake timers.
 *
 * After an interface's netlink events it looks twice: once the events have been quiet for the
 * settle, and at the latest once they have been quiet for the debounce (the reference's fixed
 * wait). Each rule of what a look reports lives in one place:
 * - equal to what clients were last told (A -> B -> A, a lease renewal re-adding the same
 *   address): nothing, in `ClientView.decide` (the state compared has no lifetimes);
 * - the settle look reports only a complete state: `isComplete`;
 * - an interface that reported within the last debounce (or since it began changing) waits
 *   the full debounce: `heldBack`;
 * - a link going down or away is reported at once: `reports`, on the look `checkNow` makes.
 */

/** Why an interface is looked at: its link went down or away, its events were quiet for the settle, or for the whole debounce. */
export type Look = 'urgent' | 'settled' | 'debounced';

/**
 * Complete: what a watcher needs to act on a change: an IPv4 address and, where clients were
 * last told of a default route, a default route again. A DHCP move deletes the old address
 * (the kernel drops the default route with it), adds the new one, then the route: the state in
 * between has an address and no route, and is not the move's end.
 */
export function isComplete(state: InterfaceState, before: InterfaceState | undefined): boolean {
  if (state.ipv4_addresses.length === 0) return false;
  return before === undefined || before.gateway === null || state.gateway !== null;
}

export interface ChangeReporterOptions {
  readonly view: ClientView;
  /** Quiet time after which a change is reported whatever it is (the reference's debounce). */
  readonly debounceMs: number;
  /** Quiet time after which a complete change is reported; `>= debounceMs` keeps the reference's fixed wait. */
  readonly settleMs: number;
  /** Every interface as the kernel has it now. */
  readonly snapshot: () => Promise<readonly InterfaceState[]>;
  /** Tells the clients; the view already records it. */
  readonly send: (change: ChangeState) => void;
  readonly onError: (err: Error) => void;
}

export class ChangeReporter {
  private readonly view: ClientView;
  private readonly debounced: KeyedDebounce<string>;
  /** Absent when the settle is not shorter than the debounce: then every change waits the debounce. */
  private readonly settled?: KeyedDebounce<string>;
  /** Events seen per interface: a look that reports cancels the debounce only if no event came since it was due. */
  private readonly events = new Map<string, number>();
  /** When each interface was last reported (ms since the epoch). */
  private readonly reportedAt = new Map<string, number>();
  /** What the last look saw of each interface (absent: not looked at yet). */
  private readonly seen = new Map<string, InterfaceState | undefined>();
  /**
   * Per interface, the last look that saw it changed and the first of that run of changes
   * (looks that saw a change, less than a debounce apart). Events alone do not count: the
   * engine attaching macvlan links to a parent sends the parent's link events, and nothing changed.
   */
  private readonly changing = new Map<string, { readonly first: number; readonly last: number }>();
  /** Interfaces to look at right away (link down, deleted, renamed), in one snapshot. */
  private readonly urgent = new Set<string>();
  private urgentQueued = false;
  /** Snapshots and reports run one at a time, in order. */
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly options: ChangeReporterOptions) {
    this.view = options.view;
    this.debounced = new KeyedDebounce(options.debounceMs, (name) => this.lookAfter(name, 'debounced'));
    if (options.settleMs < options.debounceMs)
      this.settled = new KeyedDebounce(options.settleMs, (name) => this.lookAfter(name, 'settled'));
  }

  /** A netlink event on `name`: look once it has been quiet for the settle, and for the debounce. */
  touch(name: string): void {
    this.events.set(name, (this.events.get(name) ?? 0) + 1);
    this.settled?.touch(name);
    this.debounced.touch(name);
  }

  /** Looks at `name` without waiting; several at once share one snapshot. Reports only down or removed. */
  checkNow(name: string): void {
    this.urgent.add(name);
    if (this.urgentQueued) return;
    this.urgentQueued = true;
    this.enqueue(async () => {
      this.urgentQueued = false;
      const names = [...this.urgent];
      this.urgent.clear();
      const snapshot = await this.options.snapshot();
      for (const each of names) this.look(each, snapshot, 'urgent');
    });
  }

  /** Runs `task` after the snapshots and reports before it. */
  enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((err) => this.options.onError(err as Error));
  }

  /** Interfaces with events waiting out the debounce, in the order first touched. */
  pendingKeys(): string[] {
    return this.debounced.pendingKeys();
  }

  /** Resolves once the work queued so far is done. */
  idle(): Promise<void> {
    return this.work;
  }

  cancelAll(): void {
    this.settled?.cancelAll();
    this.debounced.cancelAll();
  }

  /** Records what a look saw of `name`, and when it found it changed since the look before. */
  private noteSeen(name: string, current: InterfaceState | undefined): void {
    const before = this.seen.has(name) ? this.seen.get(name) : this.view.publishedState(name);
    this.seen.set(name, current);
    if (sameState(before, current)) return;
    const now = Date.now();
    const run = this.changing.get(name);
    const first = run !== undefined && now - run.last < this.options.debounceMs ? run.first : now;
    this.changing.set(name, { first, last: now });
  }

  private lookAfter(name: string, why: 'settled' | 'debounced'): void {
    const events = this.events.get(name);
    this.enqueue(async () => {
      const reported = this.look(name, await this.options.snapshot(), why);
      // Told already, and nothing new since the look was due: the debounce has nothing left to do.
      if (reported && why === 'settled' && this.events.get(name) === events) this.debounced.cancel(name);
    });
  }

  /** Tells clients about `name` if `why` allows what the kernel now says; true when it did. */
  private look(name: string, snapshot: readonly InterfaceState[], why: Look): boolean {
    this.noteSeen(
      name,
      snapshot.find((s) => s.interface === name),
    );
    const decision = this.view.decide(name, snapshot);
    if (!this.reports(name, decision, why)) {
      // A link found up but changed by a look that did not wait: it waits like any change.
      if (why === 'urgent' && decision.kind !== 'none') this.touch(name);
      return false;
    }
    this.view.apply(decision);
    this.reportedAt.set(name, Date.now());
    if (decision.kind !== 'none') this.options.send(decision.change);
    return true;
  }

  /** Whether a look of kind `why` tells clients `decision`. */
  private reports(name: string, decision: Decision, why: Look): boolean {
    switch (decision.kind) {
      case 'none':
        return false;
      case 'down':
      case 'removed':
        return true;
      case 'no-address':
        return why === 'debounced';
      case 'up':
        if (why === 'debounced') return true;
        return why === 'settled' && isComplete(decision.change, this.view.publishedState(name)) && !this.heldBack(name);
    }
  }

  /**
   * Reported within the last debounce, or since it began changing (a link that keeps flapping
   * keeps changing): it waits the full debounce, so a flapping link costs at most one report
   * per debounce.
   */
  private heldBack(name: string): boolean {
    const at = this.reportedAt.get(name);
    if (at === undefined) return false;
    const since = Math.min(Date.now(), this.changing.get(name)?.first ?? Date.now());
    return at > since - this.options.debounceMs;
  }
}
