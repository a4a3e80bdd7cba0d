import { LanSettings } from '../config/validate';
import { problem, ProblemList } from '../errors';
import { jsonPath } from '../json-path';
import { hostAccessContainerName, hostAccessInterfaceName } from '../naming';
import { Ipv4Address, MacAddress } from '../values';
import { HostView } from './host-view';
import { Member } from './lans';
import { HostAccessPlan, LanPlan } from './types';

/**
 * Host access: the kernel passes nothing between a parent and its macvlan children, so the
 * host reaches its own runtimes only through a macvlan link of its own on the same parent
 * (bridge mode, like the runtimes'), with an address on the LAN and a route to each runtime
 * through it. This step says which LANs get one and checks that they can; the address is
 * given with the vNICs' (assignAddresses), and planHostAccess puts the pieces together.
 */

/** Where a LAN's host access is in the config, for problems. */
export const hostAccessPath = (parentInterface: string): string => jsonPath('$', ['lans', parentInterface, 'host_access']);

/** Allocation key of a LAN's host access: `:` starts no runtime name, so it is nobody's vNIC. */
export const hostAccessKey = (parentInterface: string): string => `:host/${parentInterface}`;

/** The LANs whose host access is asked for and possible, with the address asked (or `auto`). */
export function hostAccessRequests(
  problems: ProblemList,
  lans: ReadonlyMap<string, LanSettings>,
  networks: readonly LanPlan[],
  host: HostView,
): Map<LanPlan, Ipv4Address | 'auto'> {
  const wanted = new Map<LanPlan, Ipv4Address | 'auto'>();
  for (const [iface, lan] of lans) {
    if (lan.hostAccess === undefined) continue;
    const at = hostAccessPath(iface);
    const asked = lan.hostAccess === 'auto' ? true : lan.hostAccess.toString();
    const onIt = networks.filter((n) => n.parentInterface === iface);
    if (onIt.length === 0) {
      const known = host.interfaceType(iface) !== undefined;
      problems.add(
        problem(
          at,
          known
            ? `no vNIC is on ${iface} (its runtimes are isolated or on other LANs): the host would have nothing to reach there`
            : `${iface} is not an interface of the host facts, nor any vNIC's parent`,
          asked,
          `host_access on a LAN with runtimes: ${[...new Set(networks.map((n) => n.parentInterface))].join(', ') || 'none has any'}`,
        ),
      );
      continue;
    }
    for (const network of onIt) {
      if (network.driver !== 'macvlan') {
        problems.add(
          problem(
            at,
            `the LAN ${network.name} is ${network.driver}, and host access is a macvlan link of the host's own beside the runtimes'`,
            asked,
            `host_access on a macvlan LAN (lans.${iface}.driver: macvlan where the parent carries foreign MACs)`,
          ),
        );
        continue;
      }
      wanted.set(network, lan.hostAccess);
    }
  }
  return wanted;
}

/** Each LAN's host access with its address, MAC and a route to every runtime address planned there. */
export function planHostAccess(
  given: ReadonlyMap<LanPlan, Ipv4Address>,
  members: readonly Member[],
  addresses: ReadonlyMap<Member['vnic'], Ipv4Address>,
): HostAccessPlan[] {
  return [...given].map(([network, address]) => ({
    network,
    interfaceName: hostAccessInterfaceName(network.parentInterface),
    containerName: hostAccessContainerName(network.parentInterface),
    address,
    mac: MacAddress.derive(':host', network.parentInterface),
    // A dhcp vNIC's address is the server's to give, unknown to the plan: it gets no route.
    routes: members
      .filter((m) => m.network === network && addresses.has(m.vnic))
      .map((m) => ({ runtime: m.runtime.name, vnic: m.vnic.name, address: addresses.get(m.vnic) as Ipv4Address }))
      .sort((a, b) => a.address.value - b.address.value),
  }));
}

/** The plan's line for a LAN's host access: the link, its address, and the runtimes it reaches. */
export function describeHostAccess(access: HostAccessPlan): string {
  const reached = access.routes.map((r) => `${r.runtime}/${r.vnic} ${r.address}`).join(', ') || 'no runtime with a planned address yet';
  return `host access ${access.interfaceName} on ${access.network.parentInterface}: ${access.address} (MAC ${access.mac}), reaching ${reached}`;
}
