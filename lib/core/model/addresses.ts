import { hostAddressProblem } from '../address-rules';
import { ValidVnic } from '../config/validate';
import { Problem, problem, ProblemList } from '../errors';
import { Ipv4Address } from '../values';
import { AddressPoolExhausted, allocateAuto } from './allocate';
import { HostView } from './host-view';
import { Member } from './lans';
import { LanPlan, StrandedVnic } from './types';

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
): { addresses: Map<ValidVnic, Ipv4Address>; stranded: Map<ValidVnic, StrandedVnic> } {
  const addresses = new Map<ValidVnic, Ipv4Address>();
  const stranded = new Map<ValidVnic, StrandedVnic>();
  // A static address outside a LAN the host moved to strands that vNIC alone; on a LAN the
  // config pins, or clashing inside the LAN (gateway, the host's own), it is a config error.
  const refuse = (member: Member, wrong: Problem) => {
    if (!member.network.followsHost || member.network.subnet.contains(member.vnic.ip as Ipv4Address)) {
      problems.add(wrong);
      return;
    }
    const { runtime, vnic, network } = member;
    const reason = wrong.message.slice(0, wrong.message.indexOf(', got '));
    stranded.set(vnic, {
      runtime: runtime.name,
      vnic: vnic.name,
      ip: vnic.ip as Ipv4Address,
      network: network.name,
      subnet: network.subnet,
      reason,
    });
  };
  for (const network of networks) {
    const onNetwork = members.filter((m) => m.network === network);
    const reserved = new Set<number>([
      network.gateway.value,
      ...[...host.ownAddresses].filter((h) => network.subnet.contains(Ipv4Address.fromNumber(h))),
    ]);
    if (network.subnet.prefix < 31) [network.subnet.network, network.subnet.broadcast].forEach((a) => reserved.add(a.value));
    for (const member of onNetwork.filter((m) => m.vnic.mode === 'static')) {
      const { vnic } = member;
      const ip = vnic.ip as Ipv4Address;
      const wrong = hostAddressProblem(ip, network.subnet, network.gateway, `${vnic.path}.ip`);
      if (wrong) {
        refuse(member, wrong);
        continue;
      }
      if (host.ownAddresses.has(ip.value)) {
        refuse(
          member,
          problem(`${vnic.path}.ip`, 'is an address of the host itself', ip.toString(), `a free address in ${network.subnet}`),
        );
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
  return { addresses, stranded };
}
