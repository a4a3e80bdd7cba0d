import { LanSettings } from '../config/validate';
import { LanDriver } from '../naming';
import { HostView } from './host-view';

/** A LAN network's driver and why it is that one, in words for the plan. */
export interface DriverChoice {
  readonly driver: LanDriver;
  readonly reason: string;
}

/**
 * The driver of the LAN on `iface`: `lans.<iface>.driver` when the config says, else on a
 * Wi-Fi parent (an access point drops frames from MACs that never associated) ipvlan, whose
 * vNICs share the station's MAC, or routed where the facts say the kernel has no ipvlan,
 * else macvlan (a MAC of its own per vNIC).
 */
export function chooseDriver(iface: string, lan: LanSettings | undefined, host: HostView): DriverChoice {
  const type = host.interfaceType(iface);
  const seen = type === undefined ? `${iface} is not in the host facts` : `the host facts type ${iface} ${type}`;
  if (lan?.driver !== undefined) return { driver: lan.driver, reason: `lans.${iface}.driver says ${lan.driver} (${seen})` };
  if (type === 'wifi' && host.kernelHasIpvlan === false) {
    return {
      driver: 'routed',
      reason: `${seen} and the kernel has no ipvlan: the host routes each vNIC's address and answers for it with ${iface}'s MAC`,
    };
  }
  if (type === 'wifi') {
    return {
      driver: 'ipvlan',
      reason: `${seen}: an access point drops frames from MACs that never associated, so the vNICs share ${iface}'s MAC`,
    };
  }
  return { driver: 'macvlan', reason: `${seen}: each vNIC gets a MAC of its own` };
}

/** The plan's line for a LAN network: its name, its driver, and why that driver. */
export function describeLan(network: { readonly name: string; readonly driver: LanDriver; readonly driverReason: string }): string {
  return `lan ${network.name}: ${network.driver}, because ${network.driverReason}`;
}
