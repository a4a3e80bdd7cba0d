import { DataDockerNetwork } from '@cdktf/provider-docker/lib/data-docker-network';
import { Network } from '@cdktf/provider-docker/lib/network';
import { Construct } from 'constructs';
import { LanDriver, lanNetworkName, MANAGED_LABEL, parentInterfaceProblem } from '../lib/core/naming';
import { Ipv4Address, Subnet } from '../lib/core/values';
import { throwConstructError } from './construct-error';

export type MacvlanMode = 'bridge' | 'private' | 'vepa' | 'passthru';

export interface LanNetworkProps {
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

/**
 * One LAN network per (parent interface, subnet), macvlan or ipvlan L2: runtimes attached
 * to it appear on the LAN as hosts of their own.
 */
export class LanNetwork extends Construct {
  public static readonly DEFAULT_DRIVER: LanDriver = 'macvlan';
  public static readonly DEFAULT_MODE: MacvlanMode = 'bridge';
  /** ipvlan's mode: L2, so vNICs answer ARP on the LAN like the hosts beside them. */
  public static readonly IPVLAN_MODE = 'l2';

  public readonly parentInterface: string;
  public readonly subnet: Subnet;
  public readonly gateway: Ipv4Address;
  public readonly driver: LanDriver;
  /** The macvlan mode; undefined on ipvlan. */
  public readonly mode?: MacvlanMode;
  public readonly networkName: string;
  /** The Docker network id (an unresolved token until apply); reference it so replacements cascade. */
  public readonly networkId: string;
  /** True when an existing network is reused rather than created. */
  public readonly reused: boolean;

  constructor(scope: Construct, id: string, props: LanNetworkProps) {
    super(scope, id);
    const subnet = props.subnet;
    const unfit = parentInterfaceProblem(props.parentInterface);
    if (unfit) throwConstructError(this, 'parentInterface', unfit.what, props.parentInterface, unfit.expected);
    const gateway = props.gateway ?? subnet.firstHost;
    if (!subnet.contains(gateway)) {
      throwConstructError(this, 'gateway', 'is not an address in the subnet', gateway.toString(), `an IPv4 address in ${subnet}`);
    }
    const driver = props.driver ?? LanNetwork.DEFAULT_DRIVER;
    if (driver !== 'macvlan' && props.mode !== undefined) {
      throwConstructError(this, 'mode', `is a macvlan mode, but the driver is ${driver}`, props.mode, 'no mode, or driver macvlan');
    }
    this.parentInterface = props.parentInterface;
    this.subnet = subnet;
    this.gateway = gateway;
    this.driver = driver;
    this.mode = driver === 'macvlan' ? (props.mode ?? LanNetwork.DEFAULT_MODE) : undefined;
    this.networkName = props.existingNetworkName ?? props.networkName ?? lanNetworkName(driver, props.parentInterface, subnet);
    this.reused = props.existingNetworkName !== undefined;

    if (this.reused) {
      this.networkId = new DataDockerNetwork(this, 'Existing', { name: this.networkName }).id;
      return;
    }
    // Docker echoes only the options it was given: omit macvlan_mode for the default so reads match.
    const options: Record<string, string> = { parent: this.parentInterface };
    if (driver === 'ipvlan') options.ipvlan_mode = LanNetwork.IPVLAN_MODE;
    else if (this.mode !== undefined && this.mode !== LanNetwork.DEFAULT_MODE) options.macvlan_mode = this.mode;
    const network = new Network(this, 'Resource', {
      name: this.networkName,
      driver,
      options,
      ipamConfig: [{ subnet: subnet.toString(), gateway: gateway.toString() }],
      labels: props.managedBy ? [{ label: MANAGED_LABEL, value: props.managedBy }] : undefined,
    });
    this.networkId = network.id;
  }
}

/**
 * The name this construct had before LANs could be ipvlan: apps written against it keep
 * working, and a LanNetwork without a `driver` is still a macvlan network.
 */
export const MacvlanNetwork = LanNetwork;
export type MacvlanNetwork = LanNetwork;
