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
