import { hasPrivateIPv4 } from '../../lib/core/facts/proc';
import { HostFacts, InterfaceFact } from '../../lib/core/facts/types';
import { InterfaceReport } from '../common/protocol';

/** Why an interface the watcher knew has nothing usable now. */
export type LinkAbsence = 'down' | 'removed' | 'no-address';

/**
 * What netmon has told us about the host's interfaces (the reference agent's interface cache):
 * discovery replaces it, a change updates one interface.
 *
 * A link that goes down, is removed or loses its last address keeps what it was last seen
 * with: a parent that is away moves, detaches and destroys nothing, and when it comes back on
 * the same subnet the facts are what they were, so nothing is applied.
 */
export class InterfaceCache {
  private readonly interfaces = new Map<string, InterfaceReport>();
  private readonly absent = new Map<string, { readonly why: LinkAbsence; readonly since: string }>();

  replaceAll(reports: readonly InterfaceReport[]): void {
    const before = new Map(this.interfaces);
    this.interfaces.clear();
    this.absent.clear();
    for (const report of reports) {
      const why = absenceOf(report);
      const known = before.get(report.interface);
      // Down in a new discovery is away like down in a change: it keeps what it had.
      if (why !== undefined && known !== undefined) this.markAbsent(known, why);
      else this.interfaces.set(report.interface, report);
    }
    // An interface a new discovery leaves out is away, not gone: it keeps its last state.
    for (const [name, report] of before) if (!this.interfaces.has(name)) this.markAbsent(report, 'removed');
  }

  /** Records a change; returns why the interface is away now, or undefined when it is usable. */
  update(report: InterfaceReport): LinkAbsence | undefined {
    const why = absenceOf(report);
    if (why === undefined) {
      this.interfaces.set(report.interface, report);
      this.absent.delete(report.interface);
      return undefined;
    }
    const known = this.interfaces.get(report.interface);
    if (known) this.markAbsent(known, why, report.timestamp);
    else this.interfaces.set(report.interface, report);
    return why;
  }

  private markAbsent(report: InterfaceReport, why: LinkAbsence, since = new Date().toISOString()): void {
    this.interfaces.set(report.interface, report);
    if (!this.absent.has(report.interface)) this.absent.set(report.interface, { why, since });
  }

  get size(): number {
    return this.interfaces.size;
  }

  /** Interfaces that are away, by name: why, and since when. */
  get away(): Readonly<Record<string, { readonly why: LinkAbsence; readonly since: string }>> {
    return Object.fromEntries(this.absent);
  }

  /** Host facts as detection would give them, from the cache (source `netmon`). */
  toFacts(detectedAt: string): HostFacts {
    const interfaces: InterfaceFact[] = [...this.interfaces.values()]
      .sort((a, b) => a.index - b.index)
      .map((r) => {
        const usable = r.operstate === 'UP' || this.absent.has(r.interface);
        return {
          name: r.interface,
          operstate: this.absent.has(r.interface) ? 'DOWN' : r.operstate,
          mac: null,
          type: r.type ?? 'ethernet',
          // A link that is down carries no usable subnet, unless it is away with what it had.
          ipv4: usable ? r.ipv4_addresses.map((a) => ({ address: a.address, prefixlen: a.prefixlen, subnet: a.subnet })) : [],
          gateway: usable ? (r.gateway ?? null) : null,
        };
      });
    // The host detection rule, as lib/core/facts/proc.ts applies it to /proc (here without route metrics).
    const preferred = interfaces.find((i) => i.gateway !== null && hasPrivateIPv4(i)) ?? interfaces.find(hasPrivateIPv4);
    return { interfaces, default_interface: preferred?.name ?? null, source: 'netmon', detected_at: detectedAt };
  }
}

/** Whether a report takes the interface away: the reference's status, a link not up, or no address left. */
function absenceOf(report: InterfaceReport): LinkAbsence | undefined {
  if (report.status === 'removed') return 'removed';
  if (report.status === 'down' || report.operstate !== 'UP') return 'down';
  if (report.ipv4_addresses.length === 0) return 'no-address';
  return undefined;
}

/** How the log and the status say an absence. */
export function describeAbsence(why: LinkAbsence): string {
  return why === 'no-address' ? 'without an address' : why;
}
