import { Network } from '@cdktf/provider-docker/lib/network';
import { Construct } from 'constructs';
import { internalNetworkName, MANAGED_LABEL, NAME_PATTERN } from '../lib/core/naming';
import { throwConstructError } from './construct-error';

export interface InternalNetworkProps {
  /**
   * The runtime this network belongs to; names the network `<runtime>_internal`.
   */
  readonly runtimeName: string;

  /**
   * Stack name recorded in the `io.edgenet.stack` label.
   *
   * @default - no label
   */
  readonly managedBy?: string;
}

/**
 * A runtime's private bridge with no external routing: the agent side reaches the
 * runtime here, independent of the LAN and of subnet moves. Docker picks its subnet.
 */
export class InternalNetwork extends Construct {
  public readonly networkName: string;
  public readonly networkId: string;

  constructor(scope: Construct, id: string, props: InternalNetworkProps) {
    super(scope, id);
    if (!NAME_PATTERN.test(props.runtimeName)) {
      throwConstructError(this, 'runtimeName', 'is not a valid runtime name', props.runtimeName, `a name matching ${NAME_PATTERN}`);
    }
    this.networkName = internalNetworkName(props.runtimeName);
    const network = new Network(this, 'Resource', {
      name: this.networkName,
      driver: 'bridge',
      internal: true,
      labels: props.managedBy ? [{ label: MANAGED_LABEL, value: props.managedBy }] : undefined,
    });
    this.networkId = network.id;
  }
}
