import { hostAddressProblem } from '../address-rules';
import { DEFAULT_LAN_SETTINGS, LanSettings, ValidVnic } from '../config/validate';
import { Problem, problem, ProblemList } from '../errors';
import { AddressRange, Ipv4Address, Subnet } from '../values';
import { AddressPoolExhausted, allocateAuto } from './allocate';
import { hostAccessKey, hostAccessPath } from './host-access';
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
  hostAccess: ReadonlyMap<LanPlan, Ipv4Address | 'auto'> = new Map(),
): {
  addresses: Map<ValidVnic, Ipv4Address>;
  stranded: Map<ValidVnic, StrandedVnic>;
  allocations: AllocationRecord;
  hostAccess: Map<LanPlan, Ipv4Address>;
} {
  const addresses = new Map<ValidVnic, Ipv4Address>();
  const hostAddresses = new Map<LanPlan, Ipv4Address>();
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

    const asked = hostAccess.get(network);
    if (asked instanceof Ipv4Address) {
      const wrong = givenHostAccessProblem(asked, network, excluded(asked), onNetwork, addresses);
      if (wrong) problems.add(wrong);
      else {
        reserved.add(asked.value);
        hostAddresses.set(network, asked);
      }
    }

    const autos = onNetwork.filter((m) => m.vnic.mode === 'auto');
    // Addresses recorded for vNICs of this LAN are nobody else's, here or in another subnet size.
    const was = (k: string) => {
      const entry = recorded[k];
      return entry && entry.lan === network.parentInterface ? { recorded: entry.host } : {};
    };
    const requests = [
      ...autos.map((m) => ({ key: key(m), ...was(key(m)) })),
      // The host's access address is allocated like an auto vNIC's: sticky, in the auto range, clear of exclusions.
      ...(asked === 'auto' ? [{ key: hostAccessKey(network.parentInterface), ...was(hostAccessKey(network.parentInterface)) }] : []),
    ];
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
      const hostAddress = assigned.get(hostAccessKey(network.parentInterface));
      if (hostAddress) {
        hostAddresses.set(network, hostAddress);
        allocations[hostAccessKey(network.parentInterface)] = { lan: network.parentInterface, host: network.subnet.offsetOf(hostAddress) };
      }
    } catch (err) {
      if (!(err instanceof AddressPoolExhausted)) throw err;
      const where = lan.autoRange
        ? `lans.${network.parentInterface}.auto_range ${lan.autoRange} of ${network.subnet}`
        : network.subnet.toString();
      const withHost = asked === 'auto' ? ' (one of them the host access of lans.' + network.parentInterface + '.host_access)' : '';
      problems.add(
        problem(
          autos.length > 0 ? `${autos[0].vnic.path}.network_mode` : hostAccessPath(network.parentInterface),
          `cannot be satisfied: ${where} has ${err.free} free addresses for ${err.requested} ${withHost ? 'auto addresses' : 'auto vNICs'}${withHost}`,
          autos.length > 0 ? 'auto' : true,
          'a larger subnet or auto_range, fewer auto vNICs or static addresses',
        ),
      );
    }
  }
  return { addresses, stranded, allocations, hostAccess: hostAddresses };
}

/** A host access address the config gives: a host address of the LAN that no one else has or keeps clear. */
function givenHostAccessProblem(
  address: Ipv4Address,
  network: LanPlan,
  inExcluded: AddressRange | undefined,
  onNetwork: readonly Member[],
  addresses: ReadonlyMap<ValidVnic, Ipv4Address>,
): Problem | undefined {
  const at = hostAccessPath(network.parentInterface);
  const wrong = hostAddressProblem(address, network.subnet, network.gateway, at);
  if (wrong) return wrong;
  const expected = `a free address of ${network.subnet}, or true to have one allocated`;
  if (inExcluded)
    return problem(
      at,
      `is in the range ${inExcluded} that lans.${network.parentInterface}.exclude keeps clear`,
      address.toString(),
      expected,
    );
  const owner = onNetwork.find((m) => addresses.get(m.vnic)?.equals(address));
  if (owner)
    return problem(at, `is the static address of runtime ${owner.runtime.name} vNIC ${owner.vnic.name}`, address.toString(), expected);
  return undefined;
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
