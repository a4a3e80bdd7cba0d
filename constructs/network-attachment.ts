import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { Ipv4Address, MacAddress } from '../lib/core/values';
import { throwConstructError } from './construct-error';

export interface NetworkAttachmentProps {
  /**
   * The container to connect: its ID (a token, so a replaced container replaces its
   * attachments), or the name of a container made elsewhere.
   */
  readonly containerId: string;

  /**
   * The network to connect it to: its ID (a token, so a replaced network is reconnected).
   */
  readonly networkId: string;

  /**
   * Fixed IPv4 address on the network.
   *
   * @default - the engine's IPAM picks one (or the address at ipv4HostIndex)
   */
  readonly ipv4Address?: Ipv4Address;

  /**
   * The address at this host index of the network's subnet, counted from the top when
   * negative (-1 is the last usable host): deterministic on a subnet Docker chose.
   *
   * @default - none
   */
  readonly ipv4HostIndex?: number;

  /**
   * MAC address of the endpoint (engines before API 1.54 ignore it on connect).
   *
   * @default - the engine's
   */
  readonly macAddress?: MacAddress;
}

/**
 * One container's endpoint on one network, as `docker network connect` makes it: a change
 * of network or address reconnects the running container instead of replacing it, a plan
 * shows the attachment changing, and a refresh sees an endpoint removed out of band.
 */
export class NetworkAttachment extends TerraformResource {
  public static readonly TYPE = 'edgenet_network_attachment';

  public readonly ipv4Address?: Ipv4Address;
  public readonly ipv4HostIndex?: number;
  public readonly macAddress?: MacAddress;
  private readonly containerId: string;
  private readonly networkId: string;

  constructor(scope: Construct, id: string, props: NetworkAttachmentProps) {
    super(scope, id, { terraformResourceType: NetworkAttachment.TYPE, terraformGeneratorMetadata: { providerName: 'edgenet' } });
    if (props.ipv4Address !== undefined && props.ipv4HostIndex !== undefined) {
      throwConstructError(
        this,
        'ipv4HostIndex',
        'is given together with ipv4Address',
        props.ipv4HostIndex,
        'one of ipv4Address or ipv4HostIndex',
      );
    }
    if (props.ipv4HostIndex !== undefined && (!Number.isInteger(props.ipv4HostIndex) || props.ipv4HostIndex === 0)) {
      throwConstructError(
        this,
        'ipv4HostIndex',
        'is not a host index',
        props.ipv4HostIndex,
        'a non-zero integer (negative counts from the top)',
      );
    }
    this.containerId = props.containerId;
    this.networkId = props.networkId;
    this.ipv4Address = props.ipv4Address;
    this.ipv4HostIndex = props.ipv4HostIndex;
    this.macAddress = props.macAddress;
  }

  /** `<container id>:<network id>`: new whenever the attachment is made again (known after apply). */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  /** The address the engine gave the endpoint (known after apply). */
  public get assignedIpv4Address(): string {
    return this.getStringAttribute('assigned_ipv4_address');
  }

  /** The endpoint's MAC as the engine reports it (known after apply). */
  public get assignedMacAddress(): string {
    return this.getStringAttribute('assigned_mac_address');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return {
      container: this.containerId,
      network: this.networkId,
      ...(this.ipv4Address ? { ipv4_address: this.ipv4Address.toString() } : {}),
      ...(this.ipv4HostIndex !== undefined ? { ipv4_host_index: this.ipv4HostIndex } : {}),
      ...(this.macAddress ? { mac_address: this.macAddress.toString() } : {}),
    };
  }
}
