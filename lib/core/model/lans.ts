import { createHash } from 'crypto';
import { lanGatewayProblem, lanSubnetProblem } from '../address-rules';
import { LanSettings, ValidRuntime, ValidVnic } from '../config/validate';
import { problem, ProblemList } from '../errors';
import { lanNetworkName } from '../naming';
import { Ipv4Address, Subnet } from '../values';
import { HostView } from './host-view';
import { chooseDriver } from './lan-driver';
import { Placement, placeVnic } from './placement';
import { LanPlan } from './types';

/** A vNIC on the LAN network it joins. */
export interface Member {
  readonly runtime: ValidRuntime;
  readonly vnic: ValidVnic;
  readonly network: LanPlan;
}

/** Construct ids allow letters, digits, `_` and `-`. */
const idSafe = (text: string): string => text.replace(/[^a-zA-Z0-9_-]/g, '-');

interface Placed {
  readonly runtime: ValidRuntime;
  readonly vnic: ValidVnic;
  readonly at: Placement;
}

/** A LAN is one (parent interface, subnet), whatever its driver. */
const lanKey = (iface: string, subnet: Subnet): string => `${iface} ${subnet}`;

/**
 * One network per (parent interface, subnet), shared by the vNICs that land there, macvlan or
 * (on a Wi-Fi parent, or when lans says so) ipvlan; an existing foreign network there is
 * reused. Docker carries one such network per parent and no overlapping subnets, a LAN has
 * one gateway whatever order the runtimes come in, and a runtime joins each network once.
 */
export function planLans(
  problems: ProblemList,
  runtimes: readonly ValidRuntime[],
  host: HostView,
  stack: string,
  lans: ReadonlyMap<string, LanSettings> = new Map(),
): { networks: LanPlan[]; members: Member[] } {
  const byKey = new Map<string, Placed[]>();
  for (const runtime of runtimes) {
    for (const vnic of runtime.vnics) {
      const at = placeVnic(problems, vnic, host);
      if (!at) continue;
      const key = lanKey(at.iface, at.subnet);
      byKey.set(key, [...(byKey.get(key) ?? []), { runtime, vnic, at }]);
    }
  }

  const networks = new Map<string, LanPlan>();
  for (const [key, placed] of byKey) {
    const { at } = placed[0];
    const subnetProblem = lanSubnetProblem(at.subnet, `${placed[0].vnic.path}.${at.detected ? 'parent_interface' : 'parent_subnet'}`);
    if (subnetProblem) {
      problems.add(subnetProblem);
      continue;
    }
    const { driver, reason } = chooseDriver(at.iface, lans.get(at.iface), host);
    const name = lanNetworkName(driver, at.iface, at.subnet);
    const existing = host.foreignNetwork(at.iface, at.subnet, stack, driver);
    const gateway = (existing?.gateway ? Ipv4Address.parse(existing.gateway) : undefined) ?? lanGateway(problems, placed);
    if (!gateway) continue;
    networks.set(key, {
      // A detected LAN is keyed by its interface alone, whatever its subnet or driver: a move
      // or a driver change replaces the network in place.
      id: at.detected ? idSafe(at.iface) : idSafe(name),
      name: existing?.name ?? name,
      parentInterface: at.iface,
      subnet: at.subnet,
      gateway,
      driver,
      driverReason: reason,
      ...(existing ? { existingName: existing.name } : {}),
      followsHost: at.detected,
    });
  }

  onePerParent(problems, byKey, networks);
  distinctIds(networks);

  const members: Member[] = [];
  for (const runtime of runtimes) {
    const onNetwork = new Map<string, string>();
    for (const { vnic, at } of [...byKey.values()].flat().filter((p) => p.runtime === runtime)) {
      const key = lanKey(at.iface, at.subnet);
      const network = networks.get(key);
      if (!network) continue;
      const twin = onNetwork.get(key);
      if (twin) {
        problems.add(
          problem(
            vnic.path,
            `puts runtime ${runtime.name} on ${network.name} a second time (also ${twin})`,
            vnic.name,
            'one vNIC per runtime per LAN network',
          ),
        );
        continue;
      }
      onNetwork.set(key, vnic.path);
      members.push({ runtime, vnic, network });
    }
  }
  return { networks: [...networks.values()].sort((a, b) => (a.name < b.name ? -1 : 1)), members };
}

/**
 * The LAN's gateway: the one its vNICs declare (all that declare one must agree, whatever
 * their order), else the one the host detected, else the subnet's first host.
 */
function lanGateway(problems: ProblemList, placed: readonly Placed[]): Ipv4Address | undefined {
  const declared = placed.filter((p) => p.vnic.parentGateway !== undefined);
  const first = declared[0];
  for (const other of declared.slice(1)) {
    if (!other.at.gateway.equals(first.at.gateway)) {
      problems.add(
        problem(
          `${other.vnic.path}.parent_gateway`,
          `disagrees with the gateway ${first.at.gateway} that ${first.vnic.path} gives the same LAN`,
          other.at.gateway.toString(),
          first.at.gateway.toString(),
        ),
      );
    }
  }
  const gateway = (first ?? placed[0]).at.gateway;
  const source = first ?? placed[0];
  const wrong = lanGatewayProblem(gateway, source.at.subnet, `${source.vnic.path}.${first ? 'parent_gateway' : 'parent_interface'}`);
  if (wrong) {
    const reason = wrong.message.slice(0, wrong.message.indexOf(', got '));
    problems.add(
      first
        ? wrong
        : problem(
            wrong.path,
            `has the gateway ${gateway} in the host facts, which ${reason}`,
            source.at.iface,
            'facts with a usable gateway, or parent_gateway',
          ),
    );
    return undefined;
  }
  return gateway;
}

/** Docker carries one macvlan (or ipvlan) network per parent interface, and a subnet on one parent only. */
function onePerParent(problems: ProblemList, byKey: ReadonlyMap<string, readonly Placed[]>, networks: ReadonlyMap<string, LanPlan>): void {
  const all = [...networks.values()];
  const where = (n: LanPlan) => byKey.get(lanKey(n.parentInterface, n.subnet))?.[0]?.vnic.path ?? `networks.${n.name}`;
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, b] = [all[i], all[j]];
      if (a.parentInterface === b.parentInterface) {
        problems.add(
          problem(
            where(b),
            `puts a second subnet on ${b.parentInterface}, which ${where(a)} already puts on ${a.subnet}${a.subnet.overlaps(b.subnet) ? ' (they overlap)' : ''}`,
            b.subnet.toString(),
            `one subnet per parent interface (Docker carries one macvlan network per parent): ${a.subnet}`,
          ),
        );
      } else if (a.subnet.overlaps(b.subnet)) {
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
}

/**
 * Construct ids are Terraform addresses, and two interface names can make one id (`eth0.1`
 * and `eth0-1`): the first in name order keeps it, the others get their name's hash added.
 */
function distinctIds(networks: Map<string, LanPlan>): void {
  const byId = new Map<string, LanPlan[]>();
  for (const n of networks.values()) byId.set(n.id, [...(byId.get(n.id) ?? []), n]);
  for (const [id, sharing] of byId) {
    const [, ...others] = [...sharing].sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const n of others) {
      const key = [...networks.entries()].find(([, v]) => v === n)?.[0] as string;
      networks.set(key, { ...n, id: `${id}_${createHash('sha256').update(n.name).digest('hex').slice(0, 8)}` });
    }
  }
}
