import { ValidVnic } from '../config/validate';
import { problem, ProblemList } from '../errors';
import { parentInterfaceProblem } from '../naming';
import { Ipv4Address, Subnet } from '../values';
import { HostView } from './host-view';

/** Where a vNIC lands: its parent interface, the LAN's subnet and gateway. */
export interface Placement {
  readonly iface: string;
  readonly subnet: Subnet;
  readonly gateway: Ipv4Address;
  /** The subnet is the one detected on the interface (not pinned elsewhere by parent_subnet). */
  readonly detected: boolean;
}

/**
 * A vNIC's subnet is its parent_subnet, else the detected subnet of its parent interface
 * (default: the facts' default interface); its gateway is parent_gateway, else the detected
 * gateway, else the subnet's first host (.1).
 */
export function placeVnic(problems: ProblemList, vnic: ValidVnic, host: HostView): Placement | undefined {
  const iface = vnic.parentInterface ?? host.defaultInterface;
  if (iface === undefined) {
    problems.add(
      problem(
        `${vnic.path}.parent_interface`,
        'is not set and the facts name no default interface',
        undefined,
        'an interface name, e.g. eth0',
      ),
    );
    return undefined;
  }
  const unfit = vnic.parentInterface === undefined ? parentInterfaceProblem(iface) : undefined;
  if (unfit) {
    // The config's own parent_interface was checked with the schema; this one is the facts'.
    problems.add(
      problem(
        `${vnic.path}.parent_interface`,
        `is not set, and the facts' default interface ${unfit.what}`,
        iface,
        `parent_interface: ${unfit.expected}`,
      ),
    );
    return undefined;
  }
  const detected = host.detectedLan(iface);
  if (vnic.parentSubnet === undefined && detected === undefined) {
    const known = host.addressedInterfaces;
    const what = host.hasInterface(iface)
      ? 'has no IPv4 subnet in the facts and parent_subnet is not set'
      : 'is not in the host facts and parent_subnet is not set';
    problems.add(
      problem(
        `${vnic.path}.parent_interface`,
        what,
        iface,
        `${known.length ? `one of ${known.join(', ')}` : 'an interface with IPv4 in the facts'}, or set parent_subnet`,
      ),
    );
    return undefined;
  }
  const subnet = (vnic.parentSubnet ?? detected?.subnet) as Subnet;
  const isDetected = detected !== undefined && subnet.equals(detected.subnet);
  const gateway = vnic.parentGateway ?? (isDetected ? detected.gateway : undefined) ?? subnet.firstHost;
  return { iface, subnet, gateway, detected: isDetected };
}
