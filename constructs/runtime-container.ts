import { Container } from '@cdktf/provider-docker/lib/container';
import { Construct } from 'constructs';
import { NetworkMode } from '../lib/core/config/schema';
import { MANAGED_LABEL, NAME_PATTERN } from '../lib/core/naming';
import { Ipv4Address, MacAddress } from '../lib/core/values';
import { throwConstructError } from './construct-error';
import { InternalNetwork } from './internal-network';
import { LanNetwork } from './lan-network';
import { NetworkAttachment } from './network-attachment';
import { PublishNetwork } from './publish-network';
import { terraformLiteral } from './terraform-literal';

export interface RuntimeVnic {
  /**
   * vNIC name, unique within the runtime.
   */
  readonly name: string;

  /**
   * The LAN network the vNIC joins.
   */
  readonly network: LanNetwork;

  /**
   * Fixed IPv4 address in the network's subnet.
   *
   * @default - Docker's IPAM picks one when the container connects (`dhcp` mode)
   */
  readonly ipv4Address?: Ipv4Address;

  /**
   * MAC address of the endpoint (locally administered unicast recommended); none on ipvlan,
   * whose endpoints have the parent's MAC.
   *
   * @default - Docker generates one (macvlan), the parent's (ipvlan)
   */
  readonly macAddress?: MacAddress;

  /**
   * Addressing mode the address came from, recorded for the watcher and operators.
   *
   * @default 'static'
   */
  readonly mode?: NetworkMode;
}

export interface PublishedPort {
  /** Container port. */
  readonly internal: number;
  /** Host port. */
  readonly external: number;
  /** @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
}

export interface RuntimeContainerProps {
  /**
   * Container name; also the runtime's name.
   */
  readonly name: string;

  /**
   * Image reference, already present on the host.
   */
  readonly image: string;

  /**
   * The runtime's internal network.
   */
  readonly internalNetwork: InternalNetwork;

  /**
   * The runtime's address on its internal network; needs a network with a configured subnet.
   *
   * @default - the engine's IPAM picks one
   */
  readonly internalAddress?: Ipv4Address;

  /**
   * Bridge through which `ports` are published; required when ports are given.
   *
   * @default - none
   */
  readonly publishNetwork?: PublishNetwork;

  /**
   * LAN vNICs.
   *
   * @default - none (an isolated runtime)
   */
  readonly vnics?: readonly RuntimeVnic[];

  /**
   * Command and arguments.
   *
   * @default - the image's default command
   */
  readonly command?: readonly string[];

  /**
   * Environment variables.
   *
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;

  /**
   * Ports published on the host.
   *
   * @default - none
   */
  readonly ports?: readonly PublishedPort[];

  /**
   * DNS servers for the container's resolver.
   *
   * @default - Docker's default
   */
  readonly dns?: readonly Ipv4Address[];

  /**
   * Restart policy.
   *
   * @default 'unless-stopped'
   */
  readonly restart?: string;

  /**
   * Write `mac_address` on each LAN endpoint. The provider supports it from 3.8.0;
   * engines before API 1.54 ignore it on connect (moby#48192), see docs/mac-addresses.md.
   *
   * @default true
   */
  readonly emitMacAddress?: boolean;

  /**
   * Stack name recorded in the `io.edgenet.stack` label.
   *
   * @default - no label
   */
  readonly managedBy?: string;
}

/**
 * A runtime container, created on its internal network, with one network attachment per LAN
 * vNIC. A LAN that moves (its network replaced) reconnects the running container, as
 * `docker network connect` would: the container itself is never replaced for its LAN.
 */
export class RuntimeContainer extends Construct {
  public static readonly DEFAULT_RESTART = 'unless-stopped';

  public readonly containerName: string;
  public readonly restart: string;
  public readonly emitMacAddress: boolean;
  public readonly resource: Container;
  /** The LAN endpoints, in vNIC order. */
  public readonly attachments: readonly NetworkAttachment[];
  private readonly vnicList: readonly RuntimeVnic[];

  constructor(scope: Construct, id: string, props: RuntimeContainerProps) {
    super(scope, id);
    this.containerName = props.name;
    this.restart = props.restart ?? RuntimeContainer.DEFAULT_RESTART;
    this.emitMacAddress = props.emitMacAddress ?? true;
    this.vnicList = props.vnics ?? [];
    this.validate(props);

    const labels = props.managedBy ? [{ label: MANAGED_LABEL, value: props.managedBy }] : undefined;
    this.resource = new Container(this, 'Resource', {
      name: props.name,
      image: props.image,
      command: props.command ? props.command.map(terraformLiteral) : undefined,
      env:
        props.env && Object.keys(props.env).length > 0
          ? Object.keys(props.env)
              .sort()
              .map((k) => terraformLiteral(`${k}=${props.env![k]}`))
          : undefined,
      dns: props.dns && props.dns.length > 0 ? props.dns.map(String) : undefined,
      ports:
        props.ports && props.ports.length > 0
          ? props.ports.map((p) => ({ internal: p.internal, external: p.external, protocol: p.protocol ?? 'tcp' }))
          : undefined,
      restart: this.restart,
      mustRun: true,
      labels,
    });
    // The container is created on the networks that never move; the provider forces a new
    // container on any change of networks_advanced, so it is left alone once created
    // (containers made before LAN attachments existed keep their LAN endpoints, which the
    // attachments adopt). Its labels are ignored for the same reason.
    this.resource.addOverride('networks_advanced', [
      { name: props.internalNetwork.networkId, ...(props.internalAddress ? { ipv4_address: props.internalAddress.toString() } : {}) },
      ...(props.publishNetwork ? [{ name: props.publishNetwork.networkId }] : []),
    ]);
    // networks_advanced is ignored, so a new internal network (a subnet given or changed) would
    // leave the container holding the old one's endpoint: it is created anew with its network.
    // network_mode is never set here; a container adopted from another tool was created on its
    // internal network (`edgenet adopt`), and the provider would replace it for that alone.
    this.resource.addOverride('lifecycle', {
      ignore_changes: ['networks_advanced', 'labels', 'network_mode'],
      replace_triggered_by: [
        `${props.internalNetwork.resource.terraformResourceType}.${props.internalNetwork.resource.friendlyUniqueId}.id`,
      ],
    });
    this.attachments = this.vnicList.map(
      (v) =>
        new NetworkAttachment(this, `vnic-${v.name}`, {
          containerId: this.resource.id,
          networkId: v.network.networkId,
          ipv4Address: v.ipv4Address,
          macAddress: this.emitMacAddress ? v.macAddress : undefined,
        }),
    );
  }

  /** A copy of the vNICs, so callers cannot change what was synthesized. */
  get vnics(): RuntimeVnic[] {
    return [...this.vnicList];
  }

  private validate(props: RuntimeContainerProps): void {
    if (!NAME_PATTERN.test(props.name)) {
      throwConstructError(this, 'name', 'is not a valid container name', props.name, `a name matching ${NAME_PATTERN}`);
    }
    if (props.ports && props.ports.length > 0 && !props.publishNetwork) {
      throwConstructError(
        this,
        'publishNetwork',
        'is required to publish ports (Docker publishes only through a bridge)',
        undefined,
        'a PublishNetwork',
      );
    }
    const names = new Set<string>();
    const networks = new Set<LanNetwork>();
    this.vnicList.forEach((v, i) => {
      if (names.has(v.name)) throwConstructError(this, `vnics[${i}].name`, 'duplicates another vNIC', v.name, 'unique vNIC names');
      if (networks.has(v.network)) {
        throwConstructError(
          this,
          `vnics[${i}].network`,
          'joins a network another vNIC already joins',
          v.network.networkName,
          'one vNIC per network',
        );
      }
      names.add(v.name);
      networks.add(v.network);
      if (v.ipv4Address !== undefined && !v.network.subnet.contains(v.ipv4Address)) {
        throwConstructError(
          this,
          `vnics[${i}].ipv4Address`,
          'is not an address in the network',
          v.ipv4Address.toString(),
          `an IPv4 address in ${v.network.subnet}`,
        );
      }
      if (v.macAddress !== undefined && v.network.driver === 'ipvlan') {
        throwConstructError(
          this,
          `vnics[${i}].macAddress`,
          `is set on the ipvlan network ${v.network.networkName}, whose endpoints have the parent's MAC`,
          v.macAddress.toString(),
          'no macAddress on ipvlan',
        );
      }
      if (v.macAddress !== undefined && v.macAddress.isMulticast) {
        throwConstructError(
          this,
          `vnics[${i}].macAddress`,
          'is not a unicast MAC',
          v.macAddress.toString(),
          'six hex octets with an even first octet',
        );
      }
    });
  }
}
