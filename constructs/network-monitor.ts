import { Container } from '@cdktf/provider-docker/lib/container';
import { Construct } from 'constructs';
import { canonicalDuration } from '../lib/core/duration';
import { MANAGED_LABEL } from '../lib/core/naming';
import { throwConstructError } from './construct-error';
import { terraformLiteral } from './terraform-literal';

export interface NetworkMonitorProps {
  /**
   * Image that holds the `edgenet` command.
   */
  readonly image: string;

  /**
   * Host directory shared with the agent/watcher; the socket lives in it.
   *
   * @default '/var/orchestrator'
   */
  readonly socketDir?: string;

  /**
   * Container name.
   *
   * @default 'edgenet_netmon'
   */
  readonly containerName?: string;

  /**
   * Seconds between health checks.
   *
   * @default 30
   */
  readonly healthIntervalSeconds?: number;

  /**
   * Stack name recorded in the `io.edgenet.stack` label.
   *
   * @default - no label
   */
  readonly managedBy?: string;
}

/**
 * The netmon sidecar: host network namespace so it sees the physical
 * interfaces, the socket directory bind-mounted, and a health check on the socket.
 */
export class NetworkMonitor extends Construct {
  public static readonly DEFAULT_SOCKET_DIR = '/var/orchestrator';
  public static readonly DEFAULT_CONTAINER_NAME = 'edgenet_netmon';
  public static readonly DEFAULT_HEALTH_INTERVAL_SECONDS = 30;

  public readonly socketDir: string;
  public readonly socketPath: string;
  public readonly containerName: string;
  public readonly resource: Container;

  constructor(scope: Construct, id: string, props: NetworkMonitorProps) {
    super(scope, id);
    this.socketDir = props.socketDir ?? NetworkMonitor.DEFAULT_SOCKET_DIR;
    this.containerName = props.containerName ?? NetworkMonitor.DEFAULT_CONTAINER_NAME;
    const interval = props.healthIntervalSeconds ?? NetworkMonitor.DEFAULT_HEALTH_INTERVAL_SECONDS;
    if (!this.socketDir.startsWith('/')) {
      throwConstructError(this, 'socketDir', 'is not an absolute path', props.socketDir, 'an absolute directory, e.g. /var/orchestrator');
    }
    if (!Number.isInteger(interval) || interval < 1) {
      throwConstructError(this, 'healthIntervalSeconds', 'is not a positive whole number', props.healthIntervalSeconds, 'an integer >= 1');
    }
    this.socketPath = `${this.socketDir.replace(/\/$/, '')}/netmon.sock`;
    const socketDir = terraformLiteral(this.socketDir);
    const socketPath = terraformLiteral(this.socketPath);
    this.resource = new Container(this, 'Resource', {
      name: this.containerName,
      image: props.image,
      command: ['edgenet', 'netmon', '--socket', socketPath],
      networkMode: 'host',
      restart: 'unless-stopped',
      mustRun: true,
      volumes: [{ hostPath: socketDir, containerPath: socketDir }],
      healthcheck: {
        test: ['CMD', 'edgenet', 'netmon', '--check', '--socket', socketPath],
        interval: canonicalDuration(interval),
        timeout: canonicalDuration(5),
        startPeriod: canonicalDuration(10),
        retries: 3,
      },
      labels: props.managedBy ? [{ label: MANAGED_LABEL, value: props.managedBy }] : undefined,
    });
  }
}
