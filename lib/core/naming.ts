import { createHash } from 'crypto';
import { Subnet } from './values';

/** Docker object names: part of the contract with the reference agent and with operators. */

/**
 * How a LAN's vNICs reach it: macvlan gives each vNIC a MAC of its own; ipvlan (L2) lets vNICs
 * share the parent's MAC, for parents that carry one MAC only (a Wi-Fi station); routed gives
 * each vNIC a veth to the host, which routes its address and answers ARP for it with the
 * parent's MAC (proxy ARP), for such parents on kernels without ipvlan. macvlan and ipvlan are
 * Docker networks; routed is edgenet's own.
 */
export const LAN_DRIVERS = ['macvlan', 'ipvlan', 'routed'] as const;
export type LanDriver = (typeof LAN_DRIVERS)[number];

/** The LAN drivers that are Docker networks. */
export const DOCKER_LAN_DRIVERS: readonly LanDriver[] = ['macvlan', 'ipvlan'];

/** `macvlan_<iface>_<a.b.c.d>_<prefix>`, e.g. `macvlan_eth0_192.168.1.0_24`. */
export function macvlanNetworkName(parentInterface: string, subnet: Subnet): string {
  return lanNetworkName('macvlan', parentInterface, subnet);
}

/** `<driver>_<iface>_<a.b.c.d>_<prefix>`, e.g. `ipvlan_wlan0_192.168.1.0_24`. */
export function lanNetworkName(driver: LanDriver, parentInterface: string, subnet: Subnet): string {
  return `${driver}_${parentInterface}_${subnet.network}_${subnet.prefix}`;
}

/** `<runtime>_internal`: the runtime's private bridge for the agent side. */
export function internalNetworkName(runtime: string): string {
  return `${runtime}_internal`;
}

/** `<runtime>_publish`: the bridge through which a runtime's ports are published. */
export function publishNetworkName(runtime: string): string {
  return `${runtime}_publish`;
}

/** `<runtime>_dhcp_<vnic>`: the container holding a dhcp vNIC's lease, in the runtime's network namespace. */
export function dhcpClientName(runtime: string, vnic: string): string {
  return `${runtime}_dhcp_${vnic}`;
}

/**
 * A runtime's containers, by name: its own, then the DHCP client beside each of its dhcp vNICs
 * (`dhcpOf`). The stack declares these and no others for the runtime.
 */
export function runtimeContainers<V extends { readonly name: string; readonly mode: string }>(runtime: {
  readonly name: string;
  readonly vnics: readonly V[];
}): Array<{ readonly name: string; readonly dhcpOf?: V }> {
  const clients = runtime.vnics.filter((v) => v.mode === 'dhcp').map((v) => ({ name: dhcpClientName(runtime.name, v.name), dhcpOf: v }));
  return [{ name: runtime.name }, ...clients];
}

/**
 * The host's own interface on a LAN (host access) starts with this. Facts and netmon leave
 * it out: it is edgenet's plumbing, not a parent, and its address is not the host's on the LAN.
 */
export const HOST_ACCESS_PREFIX = 'eh-';

/**
 * `eh-<iface>`, or `eh-` and a hash of the parent's name where that would pass Linux's 15
 * characters: the same name for a LAN whatever its subnet, so a move renames nothing.
 */
export function hostAccessInterfaceName(parentInterface: string): string {
  return linkName(HOST_ACCESS_PREFIX, parentInterface);
}

/** `edgenet_host_access_<iface>`: the container that keeps the host's interface on that LAN. */
export function hostAccessContainerName(parentInterface: string): string {
  return `edgenet_host_access_${parentInterface}`;
}

/** A Linux link name: `<prefix><name>`, or the prefix and a hash of `key` where that would pass 15 characters. */
function linkName(prefix: string, name: string, key: string = name): string {
  const whole = `${prefix}${name}`;
  return whole.length <= 15
    ? whole
    : `${prefix}${createHash('sha256')
        .update(key)
        .digest('hex')
        .slice(0, 15 - prefix.length)}`;
}

/** A routed vNIC's link inside its runtime: `rv-<vnic>` (Docker's own are eth0, eth1, ...). */
export function routedVnicLinkName(vnic: string): string {
  return linkName('rv-', vnic);
}

/** A routed vNIC's veth on the host starts with this; facts and netmon leave it out, like host access. */
export const ROUTED_HOST_LINK_PREFIX = 'erv';

/** A routed vNIC's veth on the host: `erv` and a hash of runtime and vNIC; its peer adds `-p` while it moves into the runtime. */
export function routedHostLinkName(runtime: string, vnic: string): string {
  return `${ROUTED_HOST_LINK_PREFIX}${createHash('sha256').update(`${runtime}/${vnic}`).digest('hex').slice(0, 10)}`;
}

/** `<runtime>_routed_<vnic>`: the container that keeps a routed vNIC's veth, address and routes. */
export function routedVnicContainerName(runtime: string, vnic: string): string {
  return `${runtime}_routed_${vnic}`;
}

/** Label put on every Docker object edgenet creates, valued with the stack name. */
export const MANAGED_LABEL = 'io.edgenet.stack';

/** vNIC, stack and host names become parts of Docker names and Terraform addresses. */
export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

/** Runtime names are container names: Docker's rule (two characters at least), and a hostname's 63. */
export const CONTAINER_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,62}$/;

/**
 * Parent interfaces: a Linux interface name (at most 15 bytes, no slash, colon or blank;
 * not `.` or `..`). A colon names an alias label (`eth0:1`), an address on eth0, not a link
 * macvlan can hang off.
 */
export const INTERFACE_PATTERN = /^(?!\.\.?$)[a-zA-Z0-9_.-]{1,15}$/;

export const INTERFACE_NAME_EXPECTED = 'a Linux interface name of 1 to 15 characters, without a colon';

/** Interfaces that can never carry macvlan: loopback. */
export const LOOPBACK_INTERFACE = 'lo';

/**
 * Why an interface cannot be a macvlan parent, as what is wrong and what is allowed; undefined
 * when it can. The one rule for parents from the config, the facts, NETWORK_INTERFACE and the
 * MacvlanNetwork construct alike.
 */
export function parentInterfaceProblem(name: string): { readonly what: string; readonly expected: string } | undefined {
  if (!INTERFACE_PATTERN.test(name)) return { what: 'is not an interface name', expected: INTERFACE_NAME_EXPECTED };
  if (name === LOOPBACK_INTERFACE) {
    return {
      what: 'is the loopback interface, which cannot carry macvlan',
      expected: 'a physical or virtual Ethernet interface, e.g. eth0',
    };
  }
  return undefined;
}

/** The netmon sidecar's container name: a runtime may not take it. */
export const NETMON_CONTAINER_NAME = 'edgenet_netmon';

/** What is wrong with a reserved name, in messages. */
export const RESERVED_NAME_PROBLEM = 'is a name JavaScript reserves on every object';

/**
 * Names JavaScript gives every object (`__proto__`, `constructor`, `toString`, ...): as
 * profile, runtime or host names they would shadow or be shadowed by what every object has.
 */
export function isReservedName(name: string): boolean {
  return name === '__proto__' || name === 'prototype' || Object.prototype.hasOwnProperty.call(Object.prototype, name);
}

/**
 * Docker's image reference grammar (distribution/reference): an optional registry (it has a
 * dot or a colon, or is localhost), lowercase path components, an optional tag and digest.
 */
export function isImageReference(text: string): boolean {
  const [name, ...digest] = text.split('@');
  if (
    digest.length > 1 ||
    (digest.length === 1 && !/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/.test(digest[0]))
  )
    return false;
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const isDomain = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  const rest = isDomain ? name.slice(slash + 1) : name;
  if (
    isDomain &&
    !/^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$/.test(
      first,
    )
  )
    return false;
  const tagAt = rest.lastIndexOf(':');
  const path = tagAt < 0 ? rest : rest.slice(0, tagAt);
  const tag = tagAt < 0 ? undefined : rest.slice(tagAt + 1);
  if (tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(tag)) return false;
  const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
  return name.length <= 255 && path.split('/').every((c) => component.test(c));
}
