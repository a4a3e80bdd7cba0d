import { LanPlan } from './model/types';
import { LanDriver, lanNetworkName, MANAGED_LABEL } from './naming';
import { Ipv4Address, Subnet } from './values';

/**
 * A LAN network as edgenet asks the engine for it: the one place its name, driver options,
 * IPAM and label are decided. The LanNetwork construct declares it from these, and a move
 * made first creates it from the same, so the plan that follows finds it as declared.
 */

export type MacvlanMode = 'bridge' | 'private' | 'vepa' | 'passthru';

export const DEFAULT_LAN_DRIVER: LanDriver = 'macvlan';
export const DEFAULT_MACVLAN_MODE: MacvlanMode = 'bridge';
/** ipvlan's mode: L2, so vNICs answer ARP on the LAN like the hosts beside them. */
export const IPVLAN_MODE = 'l2';

/** What a LAN network is made from: the LanNetwork construct's props. */
export interface LanNetworkSettings {
  /**
   * Host interface the containers' sub-interfaces hang off, e.g. `eth0`.
   */
  readonly parentInterface: string;

  /**
   * The LAN subnet, e.g. `Subnet.parse('192.168.1.0/24')`.
   */
  readonly subnet: Subnet;

  /**
   * The LAN gateway. Always written to the IPAM config: left unset, the provider
   * reads Docker's choice back and plans a replacement on every run.
   *
   * @default - the subnet's first host address (`.1`)
   */
  readonly gateway?: Ipv4Address;

  /**
   * Docker network driver: macvlan gives each vNIC a MAC of its own; ipvlan (L2 mode) gives
   * them the parent's MAC, for a parent that carries one MAC only, such as a Wi-Fi station.
   *
   * @default 'macvlan'
   */
  readonly driver?: LanDriver;

  /**
   * MACVLAN mode (macvlan only).
   *
   * @default 'bridge'
   */
  readonly mode?: MacvlanMode;

  /**
   * Docker network name.
   *
   * @default - `<driver>_<iface>_<a.b.c.d>_<prefix>`
   */
  readonly networkName?: string;

  /**
   * Name of an existing network on the same parent and subnet, created outside this
   * stack, to reuse instead of creating a second one (Docker refuses overlapping pools).
   *
   * @default - a network is created
   */
  readonly existingNetworkName?: string;

  /**
   * Stack name recorded in the `io.edgenet.stack` label, so detection can tell our networks from others.
   *
   * @default - no label
   */
  readonly managedBy?: string;
}

/** The settings with every default filled in. */
export interface ResolvedLanNetwork {
  readonly parentInterface: string;
  readonly subnet: Subnet;
  readonly gateway: Ipv4Address;
  readonly driver: LanDriver;
  /** The macvlan mode; undefined on ipvlan. */
  readonly mode?: MacvlanMode;
  readonly name: string;
  /** True when an existing network is reused rather than created. */
  readonly reused: boolean;
  /** The driver options the engine is given, and echoes back. */
  readonly options: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

/** The network the stack declares, as the engine's network create takes it. */
export interface LanNetworkSpec {
  readonly name: string;
  readonly driver: string;
  readonly options: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly ipam: ReadonlyArray<{ readonly subnet: string; readonly gateway?: string }>;
}

export function resolveLanNetwork(settings: LanNetworkSettings): ResolvedLanNetwork {
  const driver = settings.driver ?? DEFAULT_LAN_DRIVER;
  const mode = driver === 'macvlan' ? (settings.mode ?? DEFAULT_MACVLAN_MODE) : undefined;
  // The engine echoes only the options it was given: the default mode is left out so reads match.
  const options: Record<string, string> = { parent: settings.parentInterface };
  if (driver === 'ipvlan') options.ipvlan_mode = IPVLAN_MODE;
  else if (mode !== DEFAULT_MACVLAN_MODE) options.macvlan_mode = mode as MacvlanMode;
  return {
    parentInterface: settings.parentInterface,
    subnet: settings.subnet,
    // Always written to the IPAM config: left unset, the provider reads the engine's choice
    // back and plans a replacement on every run.
    gateway: settings.gateway ?? settings.subnet.firstHost,
    driver,
    mode,
    name: settings.existingNetworkName ?? settings.networkName ?? lanNetworkName(driver, settings.parentInterface, settings.subnet),
    reused: settings.existingNetworkName !== undefined,
    options,
    labels: settings.managedBy ? { [MANAGED_LABEL]: settings.managedBy } : {},
  };
}

/** A resolved network in the engine's create form. */
export function lanNetworkSpec(network: ResolvedLanNetwork): LanNetworkSpec {
  return {
    name: network.name,
    driver: network.driver,
    options: { ...network.options },
    labels: { ...network.labels },
    ipam: [{ subnet: network.subnet.toString(), gateway: network.gateway.toString() }],
  };
}

/** A planned LAN of stack `stack` as LanNetwork settings: how EdgeStack declares it. */
export function lanNetworkSettingsOf(plan: LanPlan, stack: string): LanNetworkSettings {
  return {
    parentInterface: plan.parentInterface,
    subnet: plan.subnet,
    gateway: plan.gateway,
    driver: plan.driver,
    networkName: plan.name,
    existingNetworkName: plan.existingName,
    managedBy: stack,
  };
}
