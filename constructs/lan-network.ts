import { DataDockerNetwork } from '@cdktf/provider-docker/lib/data-docker-network';
import { Network } from '@cdktf/provider-docker/lib/network';
import { Construct } from 'constructs';
import {
  DEFAULT_LAN_DRIVER,
  DEFAULT_MACVLAN_MODE,
  IPVLAN_MODE,
  LanNetworkSettings,
  lanNetworkSpec,
  MacvlanMode,
  resolveLanNetwork,
} from '../lib/core/lan-network';
import { LanDriver, parentInterfaceProblem } from '../lib/core/naming';
import { Ipv4Address, Subnet } from '../lib/core/values';
import { throwConstructError } from './construct-error';

export type { MacvlanMode };

/** A LAN network's props: what it is made from, each with its default (lib/core/lan-network.ts). */
export type LanNetworkProps = LanNetworkSettings;

/**
 * One LAN network per (parent interface, subnet), macvlan or ipvlan L2: runtimes attached
 * to it appear on the LAN as hosts of their own.
 */
export class LanNetwork extends Construct {
  public static readonly DEFAULT_DRIVER: LanDriver = DEFAULT_LAN_DRIVER;
  public static readonly DEFAULT_MODE: MacvlanMode = DEFAULT_MACVLAN_MODE;
  /** ipvlan's mode: L2, so vNICs answer ARP on the LAN like the hosts beside them. */
  public static readonly IPVLAN_MODE = IPVLAN_MODE;

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
    // Defaults, name and driver options are resolved where a move made first reads them too.
    const resolved = resolveLanNetwork(props);
    const unfit = parentInterfaceProblem(props.parentInterface);
    if (unfit) throwConstructError(this, 'parentInterface', unfit.what, props.parentInterface, unfit.expected);
    if (!resolved.subnet.contains(resolved.gateway)) {
      throwConstructError(
        this,
        'gateway',
        'is not an address in the subnet',
        resolved.gateway.toString(),
        `an IPv4 address in ${resolved.subnet}`,
      );
    }
    if (resolved.driver !== 'macvlan' && props.mode !== undefined) {
      throwConstructError(
        this,
        'mode',
        `is a macvlan mode, but the driver is ${resolved.driver}`,
        props.mode,
        'no mode, or driver macvlan',
      );
    }
    this.parentInterface = resolved.parentInterface;
    this.subnet = resolved.subnet;
    this.gateway = resolved.gateway;
    this.driver = resolved.driver;
    this.mode = resolved.mode;
    this.networkName = resolved.name;
    this.reused = resolved.reused;

    if (this.reused) {
      this.networkId = new DataDockerNetwork(this, 'Existing', { name: this.networkName }).id;
      return;
    }
    const spec = lanNetworkSpec(resolved);
    const labels = Object.entries(spec.labels).map(([label, value]) => ({ label, value }));
    const network = new Network(this, 'Resource', {
      name: spec.name,
      driver: spec.driver,
      options: { ...spec.options },
      ipamConfig: spec.ipam.map((c) => ({ subnet: c.subnet, gateway: c.gateway })),
      labels: labels.length > 0 ? labels : undefined,
    });
    // The stack's label is information, never a reason to replace: a network adopted from
    // another tool has none, and the engine cannot add one to a network that exists.
    network.addOverride('lifecycle', { ignore_changes: ['labels'] });
    this.networkId = network.id;
  }
}

/**
 * The name this construct had before LANs could be ipvlan: apps written against it keep
 * working, and a LanNetwork without a `driver` is still a macvlan network.
 */
export const MacvlanNetwork = LanNetwork;
export type MacvlanNetwork = LanNetwork;
