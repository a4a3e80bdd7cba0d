import { EdgeModel, StrandedVnic } from '../../lib/core/model/types';
import { StrandedStatus, VnicStatus } from '../common/status';

/** The status file's view of a model: what each runtime holds, and which vNICs are stranded. */

export function runtimeStatus(model: EdgeModel): Record<string, Record<string, VnicStatus>> {
  return Object.fromEntries(
    model.runtimes.map((r) => [
      r.name,
      Object.fromEntries(
        r.vnics.map((v) => [
          v.name,
          { network: v.network.name, mode: v.mode, address: v.ipv4?.toString() ?? null, mac: v.mac?.toString() ?? null },
        ]),
      ),
    ]),
  );
}

/** Stranded vNICs as the status keeps them: `since` survives while the same vNIC stays stranded. */
export function strandedStatus(stranded: readonly StrandedVnic[], before: readonly StrandedStatus[], now: string): StrandedStatus[] {
  return stranded.map((s) => {
    const earlier = before.find((b) => b.runtime === s.runtime && b.vnic === s.vnic && b.ip === s.ip.toString());
    return {
      runtime: s.runtime,
      vnic: s.vnic,
      ip: s.ip.toString(),
      subnet: s.subnet.toString(),
      reason: s.reason,
      since: earlier?.since ?? now,
    };
  });
}
