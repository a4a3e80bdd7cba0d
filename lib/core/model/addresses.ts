import { hostAddressProblem } from '../address-rules';
import { ValidVnic } from '../config/validate';
import { problem, ProblemList } from '../errors';
import { Ipv4Address } from '../values';
import { AddressPoolExhausted, allocateAuto } from './allocate';
import { HostView } from './host-view';
import { Member } from './lans';
import { LanPlan } from './types';

/**
 * Addresses per network: a static ip must be a host address of its LAN and not the host's
 * own; auto takes a free one, never the network, broadcast, gateway, a host or a static
 * address; dhcp gets none in the plan.
 */
export function assignAddresses(
  problems: ProblemList,
  networks: readonly LanPlan[],
  members: readonly Member[],
  host: HostView,
): Map<ValidVnic, Ipv4Address> {
  const addresses = new Map<ValidVnic, Ipv4Address>();
  for (const network of networks) {
    const onNetwork = members.filter((m) => m.network === network);
    const reserved = new Set<number>([
      network.gateway.value,
      ...[...host.ownAddresses].filter((h) => network.subnet.contains(Ipv4Address.fromNumber(h))),
    ]);
    if (network.subnet.prefix < 31) [network.subnet.network, network.subnet.broadcast].forEach((a) => reserved.add(a.value));
    for (const { vnic } of onNetwork.filter((m) => m.vnic.mode === 'static')) {
      const ip = vnic.ip as Ipv4Address;
      const wrong = hostAddressProblem(ip, network.subnet, network.gateway, `${vnic.path}.ip`);
      if (wrong) {
        problems.add(wrong);
        continue;
      }
      if (host.ownAddresses.has(ip.value)) {
        problems.add(problem(`${vnic.path}.ip`, 'is an address of the host itself', ip.toString(), `a free address in ${network.subnet}`));
        continue;
      }
      reserved.add(ip.value);
      addresses.set(vnic, ip);
    }
    const autos = onNetwork.filter((m) => m.vnic.mode === 'auto');
    const key = (m: Member) => `${m.runtime.name}/${m.vnic.name}`;
    try {
      const assigned = allocateAuto(
        network.subnet,
        reserved,
        autos.map((m) => ({ key: key(m) })),
      );
      for (const m of autos) addresses.set(m.vnic, assigned.get(key(m)) as Ipv4Address);
    } catch (err) {
      if (!(err instanceof AddressPoolExhausted)) throw err;
      problems.add(
        problem(
          `${autos[0].vnic.path}.network_mode`,
          `cannot be satisfied: ${network.subnet} has ${err.free} free addresses for ${err.requested} auto vNICs`,
          'auto',
          'a larger subnet, fewer auto vNICs or static addresses',
        ),
      );
    }
  }
  return addresses;
}
