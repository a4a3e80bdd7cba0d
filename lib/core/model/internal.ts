import { ValidConfig } from '../config/validate';
import { problem, ProblemList } from '../errors';
import { Subnet } from '../values';
import { preference } from './allocate';
import { HostView } from './host-view';
import { AllocationRecord, InternalPlan, LanPlan } from './types';

/** Each runtime's internal network is one /24 of the pool. */
const SLOT_PREFIX = 24;
/** On its /24: the bridge's gateway .1, the runtime .2, the manager .3. */
const GATEWAY_HOST = 1;
const RUNTIME_HOST = 2;
const MANAGER_HOST = 3;

/** The lock's record of a runtime's /24: keyed by the runtime's name alone (vNICs' keys have a slash). */
const poolLan = (pool: Subnet) => `internal ${pool}`;

/**
 * Internal subnets from the manager's `internal_pool`: each runtime's internal network gets a
 * /24 of the pool, the runtime .2 and the manager .3 on it, so the control plane and the
 * runtimes know each other's addresses before anything runs. A /24 once given is recorded
 * and kept while the runtime and the pool exist (giving another would replace the network and
 * the runtime); a new runtime hashes its name to a preferred /24 and takes the first free one
 * from there. The pool must not overlap a LAN or a subnet of the host: the bridge would hide it.
 */
export function assignInternalSubnets(
  problems: ProblemList,
  runtimes: readonly { readonly name: string }[],
  manager: ValidConfig['manager'],
  networks: readonly LanPlan[],
  host: HostView,
  recorded: AllocationRecord,
): { internal: Map<string, InternalPlan>; allocations: AllocationRecord } {
  const internal = new Map<string, InternalPlan>();
  const allocations: Record<string, { lan: string; host: number }> = {};
  const pool = manager?.internalPool;
  if (pool === undefined) return { internal, allocations };

  const path = '$.manager.internal_pool';
  const lanSubnets = [
    ...networks.map((n) => ({ what: `the LAN ${n.name}`, subnet: n.subnet })),
    ...host.addressedInterfaces.flatMap((name) => {
      const lan = host.detectedLan(name);
      return lan ? [{ what: `the subnet of ${name}`, subnet: lan.subnet }] : [];
    }),
  ];
  const clash = lanSubnets.find((l) => l.subnet.overlaps(pool));
  if (clash) {
    problems.add(problem(path, `overlaps ${clash.what} (${clash.subnet})`, pool, 'a pool clear of every LAN and host subnet'));
    return { internal, allocations };
  }

  const slots = 2 ** (SLOT_PREFIX - pool.prefix);
  if (runtimes.length > slots) {
    problems.add(problem(path, `has ${slots} /24 subnets for ${runtimes.length} runtimes`, pool, 'a wider pool'));
    return { internal, allocations };
  }
  const taken = new Set<number>();
  const given = new Map<string, number>();
  const fresh: string[] = [];
  for (const { name } of runtimes) {
    const was = recorded[name];
    if (was && was.lan === poolLan(pool) && was.host < slots && !taken.has(was.host)) {
      taken.add(was.host);
      given.set(name, was.host);
    } else {
      fresh.push(name);
    }
  }
  for (const name of [...fresh].sort()) {
    let slot = preference(name, slots);
    while (taken.has(slot)) slot = (slot + 1) % slots;
    taken.add(slot);
    given.set(name, slot);
  }
  for (const { name } of runtimes) {
    const slot = given.get(name) as number;
    const subnet = Subnet.containing(pool.at(slot * 2 ** (32 - SLOT_PREFIX)), SLOT_PREFIX);
    internal.set(name, {
      subnet,
      gateway: subnet.at(GATEWAY_HOST),
      runtime: subnet.at(RUNTIME_HOST),
      manager: subnet.at(MANAGER_HOST),
    });
    allocations[name] = { lan: poolLan(pool), host: slot };
  }
  return { internal, allocations };
}
