import { ValidRuntime, ValidVnic } from '../config/validate';
import { problem, ProblemList } from '../errors';
import { macvlanNetworkName } from '../naming';
import { Ipv4Address } from '../values';
import { HostView } from './host-view';
import { placeVnic } from './placement';
import { LanPlan } from './types';

/** A vNIC on the LAN network it joins. */
export interface Member {
  readonly runtime: ValidRuntime;
  readonly vnic: ValidVnic;
  readonly network: LanPlan;
}

/** Construct ids allow letters, digits, `_` and `-`. */
const idSafe = (text: string): string => text.replace(/[^a-zA-Z0-9_-]/g, '-');

/**
 * One macvlan network per (parent interface, subnet), shared by the vNICs that land there;
 * an existing foreign network there is reused. A runtime joins each network once, vNICs
 * sharing a network agree on its gateway, and no subnet overlaps another parent's.
 */
export function planLans(
  problems: ProblemList,
  runtimes: readonly ValidRuntime[],
  host: HostView,
  stack: string,
): { networks: LanPlan[]; members: Member[] } {
  const networks = new Map<string, LanPlan>();
  const members: Member[] = [];
  for (const runtime of runtimes) {
    const onNetwork = new Map<string, string>();
    for (const vnic of runtime.vnics) {
      const at = placeVnic(problems, vnic, host);
      if (!at) continue;
      const name = macvlanNetworkName(at.iface, at.subnet);
      let network = networks.get(name);
      if (!network) {
        const existing = host.foreignNetwork(at.iface, at.subnet, stack);
        network = {
          id: at.detected ? idSafe(at.iface) : idSafe(name),
          name: existing?.name ?? name,
          parentInterface: at.iface,
          subnet: at.subnet,
          gateway: (existing?.gateway ? Ipv4Address.parse(existing.gateway) : undefined) ?? at.gateway,
          ...(existing ? { existingName: existing.name } : {}),
          followsHost: at.detected,
        };
        networks.set(name, network);
      } else if (!at.gateway.equals(network.gateway) && vnic.parentGateway !== undefined) {
        problems.add(
          problem(
            `${vnic.path}.parent_gateway`,
            `disagrees with the gateway ${network.gateway} of ${network.name}`,
            at.gateway.toString(),
            network.gateway.toString(),
          ),
        );
      }
      const twin = onNetwork.get(name);
      if (twin) {
        problems.add(
          problem(
            vnic.path,
            `puts runtime ${runtime.name} on ${name} a second time (also ${twin})`,
            vnic.name,
            'one vNIC per runtime per macvlan network',
          ),
        );
        continue;
      }
      onNetwork.set(name, vnic.path);
      members.push({ runtime, vnic, network });
    }
  }
  const all = [...networks.values()];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, b] = [all[i], all[j]];
      if (a.parentInterface !== b.parentInterface && a.subnet.overlaps(b.subnet)) {
        problems.add(
          problem(
            `networks.${b.name}`,
            `overlaps ${a.name} on another parent (Docker refuses overlapping pools)`,
            b.subnet.toString(),
            'one parent interface per subnet',
          ),
        );
      }
    }
  }
  return { networks: all.sort((a, b) => (a.name < b.name ? -1 : 1)), members };
}
