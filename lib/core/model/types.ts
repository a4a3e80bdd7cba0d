import { NetworkMode } from '../config/schema';
import { HostTarget } from '../config/targets';
import { ValidConfig, ValidRuntime } from '../config/validate';
import { LanDriver } from '../naming';
import { Ipv4Address, MacAddress, Subnet } from '../values';

/** The resolved model: everything the constructs render, every choice made and checked. */

export interface LanPlan {
  /** Construct id: `<iface>` for the interface's detected subnet, so a host move replaces in place. */
  readonly id: string;
  readonly name: string;
  readonly parentInterface: string;
  readonly subnet: Subnet;
  readonly gateway: Ipv4Address;
  /** macvlan, or ipvlan (L2) where the parent carries one MAC only. */
  readonly driver: LanDriver;
  /** Why this driver, for the plan: the config's lans.<if>.driver, or the parent's type in the facts. */
  readonly driverReason: string;
  /** Name of an existing network (not ours) on the same parent and subnet, reused as is. */
  readonly existingName?: string;
  /** The subnet is the one detected on the interface: it moves when the host does. */
  readonly followsHost: boolean;
}

export interface VnicPlan {
  readonly name: string;
  readonly network: LanPlan;
  readonly mode: NetworkMode;
  /** Unset for dhcp: no fixed address in the plan. */
  readonly ipv4?: Ipv4Address;
  /** Unset on ipvlan, where vNICs share the parent's MAC. */
  readonly mac?: MacAddress;
  readonly macGenerated: boolean;
  /** DHCP client identifier (option 61, hex), where the MAC cannot tell the vNIC apart (ipvlan dhcp). */
  readonly dhcpClientId?: string;
  readonly dns: readonly Ipv4Address[];
}

/** A runtime's internal network with a subnet of the manager's pool, and who holds which address on it. */
export interface InternalPlan {
  readonly subnet: Subnet;
  readonly gateway: Ipv4Address;
  readonly runtime: Ipv4Address;
  readonly manager: Ipv4Address;
}

/** A validated runtime with its vNICs placed on networks and addressed. */
export interface RuntimePlan extends Omit<ValidRuntime, 'path' | 'vnics'> {
  /** Its vNICs on the LANs' Docker networks (macvlan, ipvlan). */
  readonly vnics: readonly VnicPlan[];
  /** Its vNICs on routed LANs: a veth to the host each, no Docker network. */
  readonly routedVnics: readonly VnicPlan[];
  /** Its internal network's addressing, from the manager's internal_pool. @default - the engine's choice */
  readonly internal?: InternalPlan;
  /** Union of the vNICs' DNS servers, in order of first mention. */
  readonly dns: readonly Ipv4Address[];
}

/**
 * A static vNIC whose address cannot live on its LAN as the host sees it now (the host moved):
 * it is left detached, the runtime keeps its other networks, and it comes back when the LAN does.
 */
export interface StrandedVnic {
  readonly runtime: string;
  readonly vnic: string;
  readonly ip: Ipv4Address;
  readonly network: string;
  readonly subnet: Subnet;
  /** Why the address cannot live there, e.g. `is outside the subnet 10.0.5.0/24`. */
  readonly reason: string;
}

/** The host's own interface on a LAN, so it reaches its runtimes there (lans.<if>.host_access). */
export interface HostAccessPlan {
  readonly network: LanPlan;
  /** The link's name on the host: the same for the LAN whatever its subnet. */
  readonly interfaceName: string;
  /** The container that keeps the link (the engine API is the only way onto a remote host). */
  readonly containerName: string;
  readonly address: Ipv4Address;
  readonly mac: MacAddress;
  /** Every runtime address planned on the LAN, each routed through the link. */
  readonly routes: readonly { readonly runtime: string; readonly vnic: string; readonly address: Ipv4Address }[];
}

/**
 * What was given, for the allocation lock: auto addresses by `<runtime>/<vnic>` (the LAN's parent
 * interface and the host number), and internal /24s by `<runtime>` (`internal <pool>` and the /24's number in it).
 */
export type AllocationRecord = Readonly<Record<string, { readonly lan: string; readonly host: number }>>;

export interface EdgeModel {
  readonly stack: string;
  /** The host this model is for: its Docker engine and its state. */
  readonly host: HostTarget;
  /** The LANs' Docker networks (macvlan, ipvlan). */
  readonly networks: readonly LanPlan[];
  /** The routed LANs: no Docker network, the host routes each vNIC. */
  readonly routedLans: readonly LanPlan[];
  readonly runtimes: readonly RuntimePlan[];
  /** Static vNICs left detached until their LAN comes back. */
  readonly stranded: readonly StrandedVnic[];
  /** The host's own interfaces on LANs that ask for host access. */
  readonly hostAccess: readonly HostAccessPlan[];
  /** Every auto address of the stack, to be recorded so it never moves. */
  readonly allocations: AllocationRecord;
  /** The control plane's container, joined to every runtime's internal network (at `internal.manager` when planned). */
  readonly manager?: { readonly container: string };
  /** Image of the helpers: the DHCP client beside each dhcp vNIC, the ARP probe, the MAC put on a link. */
  readonly dhcpClientImage: string;
  readonly netmon?: ValidConfig['netmon'];
}
