import { Container, ContainerVolumes } from '@cdktf/provider-docker/lib/container';
import { Construct } from 'constructs';
import { HOST_ROOT_IN_CONTAINER } from '../lib/core/host-ip';
import { MANAGED_LABEL } from '../lib/core/naming';
import { terraformLiteral } from './terraform-literal';

/**
 * A keeper: a container on the host network that keeps plumbing of the host's own (host
 * access, routed vNICs) by a script that checks it every few seconds and removes it when
 * stopped. It runs the host's own ip through the host's root, bound read-only; the engine
 * restarts it after a reboot, so what it keeps is declared, not a one-off command.
 */
export interface KeeperProps {
  readonly name: string;
  readonly image: string;
  /** The shell script it runs; its ${...} are the shell's, not Terraform's. */
  readonly script: string;
  readonly env: readonly string[];
  /** In the engine's spelling (CAP_...): the provider reads them back so. */
  readonly capabilities: readonly string[];
  /** @default - the host's own */
  readonly pidMode?: string;
  /** Bound besides the host's root. @default - none */
  readonly volumes?: readonly ContainerVolumes[];
  /** @default - no label */
  readonly managedBy?: string;
}

/** Seconds a keeper gets to remove what it keeps when it is stopped. */
export const KEEPER_STOP_GRACE_SECONDS = 10;

export function keeperContainer(scope: Construct, props: KeeperProps): Container {
  return new Container(scope, 'Resource', {
    name: props.name,
    image: props.image,
    networkMode: 'host',
    ...(props.pidMode ? { pidMode: props.pidMode } : {}),
    command: ['sh', '-c', terraformLiteral(props.script)],
    env: [...props.env],
    capabilities: { add: [...props.capabilities] },
    volumes: [{ hostPath: '/', containerPath: HOST_ROOT_IN_CONTAINER, readOnly: true }, ...(props.volumes ?? [])],
    restart: 'unless-stopped',
    mustRun: true,
    destroyGraceSeconds: KEEPER_STOP_GRACE_SECONDS,
    labels: props.managedBy ? [{ label: MANAGED_LABEL, value: props.managedBy }] : undefined,
  });
}
