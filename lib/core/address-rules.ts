import { problem, Problem } from './errors';
import { Ipv4Address, Subnet } from './values';

/**
 * The host-address rule: an address a container may hold is inside its subnet and is not
 * the network, broadcast or gateway address. Returns the problem, or undefined when allowed.
 */
export function hostAddressProblem(ip: Ipv4Address, subnet: Subnet, gateway: Ipv4Address | undefined, path: string): Problem | undefined {
  const reserved = [subnet.network, subnet.broadcast, ...(gateway ? [gateway] : [])];
  const allowed = `a host address in ${subnet} other than ${reserved.join(', ')}`;
  if (!subnet.contains(ip)) return problem(path, `is outside the subnet ${subnet}`, ip.toString(), allowed);
  if (subnet.prefix < 31 && (ip.equals(subnet.network) || ip.equals(subnet.broadcast))) {
    return problem(path, `is the ${ip.equals(subnet.network) ? 'network' : 'broadcast'} address of ${subnet}`, ip.toString(), allowed);
  }
  if (ip.equals(gateway)) return problem(path, 'is the gateway address', ip.toString(), allowed);
  return undefined;
}

/** The narrowest and the widest subnet a LAN may have: room for a gateway and a host, and no wider than a /8. */
export const LAN_PREFIXES = { widest: 8, narrowest: 30 } as const;

/** The LAN-subnet rule: a subnet a macvlan network can serve. The problem, or undefined when allowed. */
export function lanSubnetProblem(subnet: Subnet, path: string): Problem | undefined {
  const allowed = `a subnet from /${LAN_PREFIXES.widest} to /${LAN_PREFIXES.narrowest}`;
  if (subnet.prefix > LAN_PREFIXES.narrowest)
    return problem(path, `is a /${subnet.prefix}, with no room for a gateway and a host`, subnet.toString(), allowed);
  if (subnet.prefix < LAN_PREFIXES.widest) return problem(path, `is a /${subnet.prefix}, wider than any LAN`, subnet.toString(), allowed);
  return undefined;
}

/** The gateway rule: inside the LAN's subnet, and not its network or broadcast address. */
export function lanGatewayProblem(gateway: Ipv4Address, subnet: Subnet, path: string): Problem | undefined {
  const allowed = `a host address of ${subnet} (not ${subnet.network} or ${subnet.broadcast})`;
  if (!subnet.contains(gateway)) return problem(path, `is outside the subnet ${subnet}`, gateway.toString(), allowed);
  if (gateway.equals(subnet.network)) return problem(path, `is the network address of ${subnet}`, gateway.toString(), allowed);
  if (gateway.equals(subnet.broadcast)) return problem(path, `is the broadcast address of ${subnet}`, gateway.toString(), allowed);
  return undefined;
}
