import { ValidVnic } from '../config/validate';
import { problem, ProblemList } from '../errors';
import { MacAddress } from '../values';
import { Member } from './lans';

/** Each LAN vNIC's MAC: the configured one, else derived from (runtime, vNIC); each used once. */
export function assignMacs(problems: ProblemList, members: readonly Member[]): Map<ValidVnic, MacAddress> {
  const macs = new Map<ValidVnic, MacAddress>();
  const owners = new Map<string, string>();
  for (const { runtime, vnic } of members) {
    const mac = vnic.mac ?? MacAddress.derive(runtime.name, vnic.name);
    const other = owners.get(mac.toString());
    if (other) problems.add(problem(`${vnic.path}.mac_address`, `is also the MAC of ${other}`, mac.toString(), 'each MAC used once'));
    owners.set(mac.toString(), vnic.path);
    macs.set(vnic, mac);
  }
  return macs;
}
