import { hostAddressProblem } from '../address-rules';
import { DEFAULT_LAN_SETTINGS, LanSettings, ValidVnic } from '../config/validate';
import { Problem, problem, ProblemList } from '../errors';
import { Ipv4Address, Subnet } from '../values';
import { AddressPoolExhausted, allocateAuto } from './allocate';
import { HostView } from './host-view';
import { Member } from './lans';
import { AllocationRecord, LanPlan, StrandedVnic } from './types';

/**
 * Addresses per network. A static ip must be a host address of its LAN, not the host's own
 * and not excluded; the reference agent's `subnet` and `gateway`, when given, must be the
 * LAN's. auto keeps the address recorded for it and otherwise takes a free one from the
 * LAN's auto range, never the network, broadcast, gateway, a host, static or excluded
 * address, nor one recorded for another vNIC. dhcp gets none in the plan.
 */
export function assignAddresses(
  problems: ProblemList,
  networks: readonly LanPlan[],
  members: readonly Member[],
  host: HostView,
  lans: ReadonlyMap<string, LanSettings>,
  recorded: AllocationRecord,
): { addresses: Map<ValidVnic, Ipv4Address>; stranded: Map<ValidVnic, StrandedVnic>; allocations: AllocationRecord } {
  const addresses = new Map<ValidVnic, Ipv4Address>();
  const stranded = new Map<ValidVnic, StrandedVnic>();
  const allocations: Record<string, { lan: string; host: number }> = {};
  const key = (m: Member) => `${m.runtime.name}/${m.vnic.name}`;

  // A static vNIC that cannot follow the LAN the host moved to strands alone; on a LAN the
  // config pins, or clashing inside the LAN (gateway, the host's own), it is a config error.
  const refuse = (member: Member, wrong: Problem, canFollow: boolean) => {
    if (!member.network.followsHost || canFollow) {
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
    const lan = lans.get(network.parentInterface) ?? DEFAULT_LAN_SETTINGS;
    const excluded = (a: Ipv4Address) => lan.exclude.find((range) => range.contains(a, network.subnet));
    const reserved = new Set<number>([network.gateway.value]);
    for (const own of host.ownAddresses) if (network.subnet.contains(Ipv4Address.fromNumber(own))) reserved.add(own);
    if (network.subnet.prefix < 31) [network.subnet.network, network.subnet.broadcast].forEach((a) => reserved.add(a.value));

    for (const member of onNetwork.filter((m) => m.vnic.mode === 'static')) {
      const { vnic } = member;
      const ip = vnic.ip as Ipv4Address;
      const at = `${vnic.path}.ip`;
      const inside = network.subnet.contains(ip);
      const wrong = hostAddressProblem(ip, network.subnet, network.gateway, at);
      if (wrong) {
        refuse(member, wrong, inside);
        continue;
      }
      if (host.ownAddresses.has(ip.value)) {
        refuse(member, problem(at, 'is an address of the host itself', ip.toString(), `a free address in ${network.subnet}`), true);
        continue;
      }
      const range = excluded(ip);
      if (range) {
        problems.add(
          problem(
            at,
            `is in the range ${range} that lans.${network.parentInterface}.exclude keeps clear`,
            ip.toString(),
            `an address of ${network.subnet} outside ${range}`,
          ),
        );
        continue;
      }
      const disagreement = referenceFieldProblem(vnic, network);
      if (disagreement) {
        refuse(member, disagreement, false);
        continue;
      }
      reserved.add(ip.value);
      addresses.set(vnic, ip);
    }

    const autos = onNetwork.filter((m) => m.vnic.mode === 'auto');
    // Addresses recorded for vNICs of this LAN are nobody else's, here or in another subnet size.
    const requests = autos.map((m) => {
      const was = recorded[key(m)];
      return { key: key(m), ...(was && was.lan === network.parentInterface ? { recorded: was.host } : {}) };
    });
    try {
      const assigned = allocateAuto(
        {
          subnet: network.subnet,
          reserved,
          excluded: (value) => excluded(Ipv4Address.fromNumber(value)) !== undefined,
          ...(lan.autoRange ? { range: rangeIn(lan.autoRange, network.subnet) } : {}),
        },
        requests,
      );
      for (const m of autos) {
        const address = assigned.get(key(m)) as Ipv4Address;
        addresses.set(m.vnic, address);
        allocations[key(m)] = { lan: network.parentInterface, host: network.subnet.offsetOf(address) };
      }
    } catch (err) {
      if (!(err instanceof AddressPoolExhausted)) throw err;
      const where = lan.autoRange
        ? `lans.${network.parentInterface}.auto_range ${lan.autoRange} of ${network.subnet}`
        : network.subnet.toString();
      problems.add(
        problem(
          `${autos[0].vnic.path}.network_mode`,
          `cannot be satisfied: ${where} has ${err.free} free addresses for ${err.requested} auto vNICs`,
          'auto',
          'a larger subnet or auto_range, fewer auto vNICs or static addresses',
        ),
      );
    }
  }
  return { addresses, stranded, allocations };
}

/** The auto range inside this subnet; an empty span when they do not meet. */
function rangeIn(range: NonNullable<LanSettings['autoRange']>, subnet: Subnet): { first: number; last: number } {
  return range.within(subnet) ?? { first: 1, last: 0 };
}

/** The reference agent's `subnet` and `gateway` on a static vNIC: when given, they must be the LAN's. */
function referenceFieldProblem(vnic: ValidVnic, network: LanPlan): Problem | undefined {
  if (
    vnic.subnet &&
    (vnic.subnet.prefix !== network.subnet.prefix || (vnic.subnet.network && !vnic.subnet.network.equals(network.subnet)))
  ) {
    return problem(
      `${vnic.path}.subnet`,
      `is not the subnet of ${network.name}`,
      vnic.subnet.network?.toString() ?? `/${vnic.subnet.prefix}`,
      `${network.subnet} (or its netmask, or /${network.subnet.prefix})`,
    );
  }
  if (vnic.gateway && !vnic.gateway.equals(network.gateway)) {
    return problem(`${vnic.path}.gateway`, `is not the gateway of ${network.name}`, vnic.gateway.toString(), network.gateway.toString());
  }
  return undefined;
}
