import { ValidVnic } from '../config/validate';
import { problem, ProblemList } from '../errors';
import { MacAddress } from '../values';
import { HostView } from './host-view';
import { Member } from './lans';

/**
 * How each LAN vNIC is told apart on its LAN. On macvlan: its MAC, the configured one, else
 * derived from (runtime, vNIC); each used once, and none a host interface has (the LAN's
 * switches would send the host's frames to the vNIC). On ipvlan every vNIC has the parent's
 * MAC, so a configured one cannot be honoured, and a DHCP server tells them apart by a client
 * identifier (option 61) instead.
 */
export function assignMacs(
  problems: ProblemList,
  members: readonly Member[],
  host: HostView,
): { macs: Map<ValidVnic, MacAddress>; clientIds: Map<ValidVnic, string> } {
  const macs = new Map<ValidVnic, MacAddress>();
  const clientIds = new Map<ValidVnic, string>();
  const owners = new Map<string, string>();
  for (const { runtime, vnic, network } of members) {
    // ipvlan and routed vNICs answer the LAN with the parent's MAC.
    if (network.driver !== 'macvlan') {
      if (vnic.mac) {
        problems.add(
          problem(
            `${vnic.path}.mac_address`,
            `runtime ${runtime.name} vNIC ${vnic.name} is on the ${network.driver} network ${network.name}, whose vNICs all have the MAC of ${network.parentInterface}`,
            vnic.mac.toString(),
            `no mac_address on this LAN (or lans.${network.parentInterface}.driver: macvlan on a parent that carries foreign MACs)`,
          ),
        );
      }
      if (vnic.mode === 'dhcp') clientIds.set(vnic, dhcpClientId(runtime.name, vnic.name));
      continue;
    }
    const mac = vnic.mac ?? MacAddress.derive(runtime.name, vnic.name);
    const other = owners.get(mac.toString());
    if (other) problems.add(problem(`${vnic.path}.mac_address`, `is also the MAC of ${other}`, mac.toString(), 'each MAC used once'));
    const iface = host.interfaceWithMac(mac);
    if (iface !== undefined) {
      const what = `is the MAC of host interface ${iface}${vnic.mac ? '' : ` (derived from runtime ${runtime.name} and vNIC ${vnic.name})`}`;
      problems.add(problem(`${vnic.path}.mac_address`, what, mac.toString(), 'a unicast MAC no host interface has'));
    }
    owners.set(mac.toString(), vnic.path);
    macs.set(vnic, mac);
  }
  return { macs, clientIds };
}

/**
 * A DHCP client identifier of type 0 (RFC 2132: not a hardware address) holding
 * `<runtime>/<vnic>`, as hex: the same on every synth, different for every vNIC.
 */
export function dhcpClientId(runtime: string, vnic: string): string {
  return `00${Buffer.from(`${runtime}/${vnic}`, 'utf8').toString('hex')}`;
}
