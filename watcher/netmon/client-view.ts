import { InterfaceType } from '../../lib/core/facts/interface-type';
import { LinkStatus } from '../common/protocol';
import { InterfaceState, isReportable, sameState } from './ip-snapshot';

/**
 * Pure: what netmon's clients were last told about each interface, and what they must be told
 * next given what the kernel says now. An interface is either *published* (reportable: it is
 * in every discovery) or *withdrawn* (clients were told it went down or lost its addresses; the
 * link still exists, so it may come back, go down, or disappear).
 */

/** A change as it goes on the wire, minus the timestamp. */
export type ChangeState = InterfaceState & { readonly status?: LinkStatus };

export type Decision =
  | { readonly kind: 'none' }
  /** Reportable and new, or different from what was published: an ordinary (settled or debounced) change. */
  | { readonly kind: 'up'; readonly change: ChangeState }
  /** Still up but without an IPv4 address: reported with its empty address list, no status. */
  | { readonly kind: 'no-address'; readonly change: ChangeState }
  /** The link went down: reported at once with `status: "down"` and no addresses. */
  | { readonly kind: 'down'; readonly change: ChangeState }
  /** The link no longer exists under this name (deleted, or renamed away): `status: "removed"`. */
  | { readonly kind: 'removed'; readonly change: ChangeState };

interface Withdrawn {
  readonly index: number;
  readonly type?: InterfaceType;
  /** `down` when clients were told the link is down; absent when told it has no address. */
  readonly status?: 'down';
}

export class ClientView {
  private readonly published = new Map<string, InterfaceState>();
  private readonly withdrawn = new Map<string, Withdrawn>();

  constructor(private readonly ignoredPrefixes: readonly string[]) {}

  /** Starts from a snapshot: its reportable interfaces are what the first discovery lists. */
  seed(snapshot: readonly InterfaceState[]): void {
    for (const state of snapshot) if (isReportable(state, this.ignoredPrefixes)) this.published.set(state.interface, state);
  }

  /** What a discovery lists: the published interfaces, in index order. */
  discovery(): InterfaceState[] {
    return [...this.published.values()].sort((a, b) => a.index - b.index);
  }

  /** Every name clients know about, published or withdrawn. */
  names(): string[] {
    return [...this.published.keys(), ...this.withdrawn.keys()];
  }

  /** The state clients were last told `name` has, while it is published. */
  publishedState(name: string): InterfaceState | undefined {
    return this.published.get(name);
  }

  /** The name clients know the link `index` by, if any. */
  nameOfIndex(index: number): string | undefined {
    for (const [name, state] of this.published) if (state.index === index) return name;
    for (const [name, state] of this.withdrawn) if (state.index === index) return name;
    return undefined;
  }

  /** What clients must be told about `name`, given the kernel's `snapshot`; changes nothing. */
  decide(name: string, snapshot: readonly InterfaceState[]): Decision {
    const current = snapshot.find((s) => s.interface === name);
    const published = this.published.get(name);
    if (current && isReportable(current, this.ignoredPrefixes)) {
      return published && sameState(published, current) ? { kind: 'none' } : { kind: 'up', change: current };
    }
    const withdrawn = this.withdrawn.get(name);
    const known = published ?? withdrawn;
    if (known === undefined) return { kind: 'none' };
    if (current === undefined) {
      const change: ChangeState = {
        interface: name,
        index: known.index,
        operstate: 'DOWN',
        ...(known.type === undefined ? {} : { type: known.type }),
        ipv4_addresses: [],
        gateway: null,
        status: 'removed',
      };
      return { kind: 'removed', change };
    }
    if (current.operstate !== 'UP') {
      if (withdrawn?.status === 'down') return { kind: 'none' };
      return { kind: 'down', change: { ...current, ipv4_addresses: [], gateway: null, status: 'down' } };
    }
    // Up, but nothing reportable on it (its last IPv4 address went).
    return withdrawn ? { kind: 'none' } : { kind: 'no-address', change: current };
  }

  /** Records that clients were told `decision`. */
  apply(decision: Decision): void {
    if (decision.kind === 'none') return;
    const { change } = decision;
    const name = change.interface;
    this.published.delete(name);
    this.withdrawn.delete(name);
    if (decision.kind === 'up') this.published.set(name, change);
    else if (decision.kind !== 'removed') {
      this.withdrawn.set(name, { index: change.index, type: change.type, status: decision.kind === 'down' ? 'down' : undefined });
    }
  }
}
