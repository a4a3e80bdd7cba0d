import { LanSettings } from './config/validate';
import { Problem, problem } from './errors';
import { AllocationRecord, EdgeModel } from './model/types';
import { Ipv4Address, MacAddress } from './values';

/** An auto address about to be given for the first time, on a LAN that asks the wire first. */
export interface ProbeRequest {
  readonly runtime: string;
  readonly vnic: string;
  /** The LAN's parent interface, where the host asks. */
  readonly parent: string;
  readonly address: Ipv4Address;
  /** The vNIC's own MAC: an answer from it is the runtime itself (a lock lost, the runtime kept). */
  readonly mac?: MacAddress;
}

/**
 * The auto addresses of LANs with `arp_probe` that the allocation lock does not hold yet (or
 * holds elsewhere): an address once given and recorded is the runtime's, and asking again
 * would only find the runtime itself.
 */
export function addressesToProbe(model: EdgeModel, lans: ReadonlyMap<string, LanSettings>, recorded: AllocationRecord): ProbeRequest[] {
  return model.runtimes.flatMap((runtime) =>
    runtime.vnics.flatMap((vnic) => {
      if (vnic.mode !== 'auto' || vnic.ipv4 === undefined || lans.get(vnic.network.parentInterface)?.arpProbe !== true) return [];
      const key = `${runtime.name}/${vnic.name}`;
      const was = recorded[key];
      const now = model.allocations[key];
      if (was !== undefined && now !== undefined && was.lan === now.lan && was.host === now.host) return [];
      return [
        {
          runtime: runtime.name,
          vnic: vnic.name,
          parent: vnic.network.parentInterface,
          address: vnic.ipv4,
          ...(vnic.mac ? { mac: vnic.mac } : {}),
        },
      ];
    }),
  );
}

/** Someone other than the vNIC itself answered for its address: the operator keeps it clear. */
export function addressInUseProblem(request: ProbeRequest, answeredBy: MacAddress | undefined): Problem | undefined {
  if (answeredBy === undefined || answeredBy.equals(request.mac)) return undefined;
  return problem(
    `$.lans.${request.parent}.arp_probe`,
    `found the auto address of runtime ${request.runtime} vNIC ${request.vnic} in use on the LAN (${answeredBy} answers ARP for it)`,
    request.address.toString(),
    `a free address: add ${request.address} to lans.${request.parent}.exclude`,
  );
}
