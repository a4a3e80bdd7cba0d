import { hasPrivateIPv4 } from '../../lib/core/facts/proc';
import { HostFacts, InterfaceFact } from '../../lib/core/facts/types';
import { InterfaceReport } from '../common/protocol';

/**
 * What netmon has told us about the host's interfaces (the reference agent's interface cache):
 * discovery replaces it, a change updates one interface.
 */
export class InterfaceCache {
  private readonly interfaces = new Map<string, InterfaceReport>();

  replaceAll(reports: readonly InterfaceReport[]): void {
    this.interfaces.clear();
    for (const report of reports) this.interfaces.set(report.interface, report);
  }

  update(report: InterfaceReport): void {
    this.interfaces.set(report.interface, report);
  }

  get size(): number {
    return this.interfaces.size;
  }

  /** Host facts as detection would give them, from the cache (source `netmon`). */
  toFacts(detectedAt: string): HostFacts {
    const interfaces: InterfaceFact[] = [...this.interfaces.values()]
      .sort((a, b) => a.index - b.index)
      .map((r) => ({
        name: r.interface,
        operstate: r.operstate,
        mac: null,
        // A link that is down carries no usable subnet, whatever addresses it keeps.
        ipv4: r.operstate === 'UP' ? r.ipv4_addresses.map((a) => ({ address: a.address, prefixlen: a.prefixlen, subnet: a.subnet })) : [],
        gateway: r.operstate === 'UP' ? (r.gateway ?? null) : null,
      }));
    // The host detection rule, as lib/core/facts/proc.ts applies it to /proc (here without route metrics).
    const preferred = interfaces.find((i) => i.gateway !== null && hasPrivateIPv4(i)) ?? interfaces.find(hasPrivateIPv4);
    return { interfaces, default_interface: preferred?.name ?? null, source: 'netmon', detected_at: detectedAt };
  }
}
