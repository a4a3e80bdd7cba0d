import { Network } from '@cdktf/provider-docker/lib/network';
import { Construct } from 'constructs';
import { internalNetworkName, MANAGED_LABEL, NAME_PATTERN } from '../lib/core/naming';
import { Ipv4Address, Subnet } from '../lib/core/values';
import { throwConstructError } from './construct-error';

export interface InternalNetworkProps {
  /**
   * The runtime this network belongs to; names the network `<runtime>_internal`.
   */
  readonly runtimeName: string;

  /**
   * The network's subnet, so members can be given chosen addresses (an engine takes those only
   * on a network whose subnet was configured).
   *
   * @default - the engine picks the subnet from its default address pools
   */
  readonly subnet?: Subnet;

  /**
   * The bridge's own address on `subnet`.
   *
   * @default - the engine's choice (the subnet's first host)
   */
  readonly gateway?: Ipv4Address;

  /**
   * Stack name recorded in the `io.edgenet.stack` label.
   *
   * @default - no label
   */
  readonly managedBy?: string;
}

/**
 * A runtime's private bridge with no external routing: the agent side reaches the
 * runtime here, independent of the LAN and of subnet moves. Docker picks its subnet
 * unless one is given.
 */
export class InternalNetwork extends Construct {
  public readonly networkName: string;
  public readonly networkId: string;
  public readonly subnet?: Subnet;
  public readonly gateway?: Ipv4Address;
  public readonly resource: Network;

  constructor(scope: Construct, id: string, props: InternalNetworkProps) {
    super(scope, id);
    if (!NAME_PATTERN.test(props.runtimeName)) {
      throwConstructError(this, 'runtimeName', 'is not a valid runtime name', props.runtimeName, `a name matching ${NAME_PATTERN}`);
    }
    if (props.gateway !== undefined && (props.subnet === undefined || !props.subnet.contains(props.gateway))) {
      throwConstructError(
        this,
        'gateway',
        'is not an address of the subnet',
        props.gateway.toString(),
        `an address of ${props.subnet ?? 'a given subnet'}`,
      );
    }
    this.networkName = internalNetworkName(props.runtimeName);
    this.subnet = props.subnet;
    this.gateway = props.gateway;
    this.resource = new Network(this, 'Resource', {
      name: this.networkName,
      driver: 'bridge',
      internal: true,
      ipamConfig: this.subnet
        ? [{ subnet: this.subnet.toString(), ...(this.gateway ? { gateway: this.gateway.toString() } : {}) }]
        : undefined,
      labels: props.managedBy ? [{ label: MANAGED_LABEL, value: props.managedBy }] : undefined,
    });
    // The stack's label is information, never a reason to replace: a network adopted from
    // another tool has none, and the engine cannot add one to a network that exists.
    this.resource.addOverride('lifecycle', { ignore_changes: ['labels'] });
    this.networkId = this.resource.id;
  }
}
