import { Subnet } from './values';

/** Docker object names: part of the contract with the reference agent and with operators. */

/** `macvlan_<iface>_<a.b.c.d>_<prefix>`, e.g. `macvlan_eth0_192.168.1.0_24`. */
export function macvlanNetworkName(parentInterface: string, subnet: Subnet): string {
  return `macvlan_${parentInterface}_${subnet.network}_${subnet.prefix}`;
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

/** Label put on every Docker object edgenet creates, valued with the stack name. */
export const MANAGED_LABEL = 'io.edgenet.stack';

/** Runtime and vNIC names become Docker names and Terraform addresses. */
export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

/** Linux interface names: at most 15 bytes, no slash or whitespace. */
export const INTERFACE_PATTERN = /^[a-zA-Z0-9_.:@-]{1,15}$/;
