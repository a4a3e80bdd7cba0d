import { HostTarget } from '../config/targets';
import { ValidConfig } from '../config/validate';
import { HostFacts } from '../facts/types';
import { viewHost } from '../model/host-view';
import { chooseDriver } from '../model/lan-driver';
import { LanDriver } from '../naming';

/** A LAN parent the host would carry, with the driver its LAN gets and why. */
export interface ParentUse {
  readonly iface: string;
  readonly driver: LanDriver;
  readonly driverReason: string;
  /** Whether the config gives the host its own link on this LAN (lans.<if>.host_access). */
  readonly hostAccess: boolean;
}

/** The parents to check, and whether some vNIC has none (no parent_interface and no default interface). */
export interface ParentsInUse {
  readonly parents: readonly ParentUse[];
  /** A vNIC's path, when it names no parent_interface and the facts name no default interface. */
  readonly unplaced?: string;
}

/**
 * The parents a config's LANs use on `host`, by the model's own rules (a vNIC's
 * parent_interface, else the facts' default interface; the driver by chooseDriver), without
 * the model's refusals: resolveModel refuses a parent the facts lack, which is exactly what
 * doctor must report rather than stop at. Without a config: the facts' default interface.
 */
export function parentsInUse(facts: HostFacts, config?: ValidConfig, host?: HostTarget): ParentsInUse {
  const view = viewHost(facts);
  const use = (iface: string): ParentUse => {
    const lan = config?.lans.get(iface);
    const { driver, reason } = chooseDriver(iface, lan, view);
    return { iface, driver, driverReason: reason, hostAccess: lan?.hostAccess !== undefined };
  };
  if (config === undefined) {
    return facts.default_interface === null ? { parents: [], unplaced: 'the facts' } : { parents: [use(facts.default_interface)] };
  }
  const onHost = host?.runtimes ? config.runtimes.filter((r) => host.runtimes?.includes(r.name)) : config.runtimes;
  const names: string[] = [];
  let unplaced: string | undefined;
  for (const vnic of onHost.flatMap((r) => r.vnics)) {
    const iface = vnic.parentInterface ?? view.defaultInterface;
    if (iface === undefined) unplaced ??= vnic.path;
    else if (!names.includes(iface)) names.push(iface);
  }
  return { parents: names.map(use), ...(unplaced !== undefined ? { unplaced } : {}) };
}
