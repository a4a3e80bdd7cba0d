import { Network } from '@cdktf/provider-docker/lib/network';
import { Construct } from 'constructs';
import { MANAGED_LABEL, NAME_PATTERN, publishNetworkName } from '../lib/core/naming';
import { throwConstructError } from './construct-error';

export interface PublishNetworkProps {
  /**
   * The runtime whose ports are published; names the network `<runtime>_publish`.
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
 * A plain bridge for a runtime that publishes ports. Docker publishes ports only
 * through a non-internal bridge endpoint; on macvlan and internal networks alone the
 * ports are silently dropped and the provider plans a replacement on every run.
 */
export class PublishNetwork extends Construct {
  public readonly networkName: string;
  public readonly networkId: string;

  constructor(scope: Construct, id: string, props: PublishNetworkProps) {
    super(scope, id);
    if (!NAME_PATTERN.test(props.runtimeName)) {
      throwConstructError(this, 'runtimeName', 'is not a valid runtime name', props.runtimeName, `a name matching ${NAME_PATTERN}`);
    }
    this.networkName = publishNetworkName(props.runtimeName);
    this.networkId = new Network(this, 'Resource', {
      name: this.networkName,
      driver: 'bridge',
      labels: props.managedBy ? [{ label: MANAGED_LABEL, value: props.managedBy }] : undefined,
    }).id;
  }
}
