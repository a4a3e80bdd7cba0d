import { DEFAULT_INTERFACE_TYPE } from '../facts/interface-type';
import { DockerNetworkFact, HostFacts, InterfaceType } from '../facts/types';
import { LanDriver } from '../naming';
import { Ipv4Address, MacAddress, Subnet } from '../values';

/** The facts, parsed once into value types: what the model steps ask of the host. */
export interface HostView {
  /** The interface the facts name as default, if any. */
  readonly defaultInterface?: string;
  /** Interface names with at least one IPv4 address, in facts order (for messages). */
  readonly addressedInterfaces: readonly string[];
  /** Every IPv4 address the host itself holds. */
  readonly ownAddresses: ReadonlySet<number>;
  /** The host interface that has this MAC, if any. */
  interfaceWithMac(mac: MacAddress): string | undefined;
  /** Whether the facts list the interface at all. */
  hasInterface(name: string): boolean;
  /** The interface's LAN: the subnet holding its gateway, else its first subnet. */
  detectedLan(name: string): { readonly subnet: Subnet; readonly gateway?: Ipv4Address } | undefined;
  /** What kind of link the interface is; undefined when the facts do not list it. */
  interfaceType(name: string): InterfaceType | undefined;
  /** Whether the kernel has ipvlan; undefined when the facts do not say. */
  readonly kernelHasIpvlan?: boolean;
  /** An existing network of this driver on this parent and subnet that another stack (or no stack) made. */
  foreignNetwork(parent: string, subnet: Subnet, stack: string, driver: LanDriver): DockerNetworkFact | undefined;
}

export function viewHost(facts: HostFacts): HostView {
  const lans = new Map<string, { subnet: Subnet; gateway?: Ipv4Address }>();
  const own = new Set<number>();
  for (const iface of facts.interfaces) {
    const gateway = iface.gateway === null ? undefined : Ipv4Address.parse(iface.gateway);
    const subnets = iface.ipv4.map((a) => Subnet.parse(a.subnet));
    const chosen = subnets.find((s) => s !== undefined && gateway !== undefined && s.contains(gateway)) ?? subnets[0];
    if (chosen) lans.set(iface.name, { subnet: chosen, ...(gateway && chosen.contains(gateway) ? { gateway } : {}) });
    for (const a of iface.ipv4) {
      const address = a.address === null ? undefined : Ipv4Address.parse(a.address);
      if (address) own.add(address.value);
    }
  }
  const types = new Map(facts.interfaces.map((i) => [i.name, i.type ?? DEFAULT_INTERFACE_TYPE]));
  const macs = new Map<string, string>();
  for (const i of facts.interfaces) {
    const mac = MacAddress.parse(i.mac);
    if (mac && !macs.has(mac.toString())) macs.set(mac.toString(), i.name);
  }
  return {
    ...(facts.default_interface !== null ? { defaultInterface: facts.default_interface } : {}),
    ...(facts.kernel ? { kernelHasIpvlan: facts.kernel.ipvlan } : {}),
    addressedInterfaces: facts.interfaces.filter((i) => i.ipv4.length > 0).map((i) => i.name),
    ownAddresses: own,
    interfaceWithMac: (mac) => macs.get(mac.toString()),
    hasInterface: (name) => types.has(name),
    detectedLan: (name) => lans.get(name),
    interfaceType: (name) => types.get(name),
    foreignNetwork: (parent, subnet, stack, driver) =>
      facts.docker_networks?.find(
        (n) => n.driver === driver && n.parent === parent && n.subnet === subnet.toString() && n.managed_by !== stack,
      ),
  };
}
