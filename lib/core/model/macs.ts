import { ValidVnic } from '../config/validate';
import { problem, ProblemList } from '../errors';
import { MacAddress } from '../values';
import { HostView } from './host-view';
import { Member } from './lans';

/**
 * Each LAN vNIC's MAC: the configured one, else derived from (runtime, vNIC); each used once,
 * and none a host interface has (the LAN's switches would send the host's frames to the vNIC).
 */
export function assignMacs(problems: ProblemList, members: readonly Member[], host: HostView): Map<ValidVnic, MacAddress> {
  const macs = new Map<ValidVnic, MacAddress>();
  const owners = new Map<string, string>();
  for (const { runtime, vnic } of members) {
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
  return macs;
}
