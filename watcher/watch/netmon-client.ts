import { Backoff } from '../common/backoff';
import { Log, silentLog } from '../common/log';
import { NetmonConnection, SkippedLine } from './netmon-connection';
import { InterfaceReport } from '../common/protocol';

export interface NetmonClientOptions {
  readonly socketPath: string;
  /** A discovery: the full truth, replacing whatever was known. */
  readonly onDiscovery: (interfaces: readonly InterfaceReport[]) => void;
  readonly onChange: (report: InterfaceReport) => void;
  readonly onConnection?: (connected: boolean) => void;
  /**
   * A line skipped on purpose: an event type edgenet does not use (the reference sidecar's
   * device and DHCP events) or a reply to a command. Not logged: they are normal traffic.
   *
   * @default - ignored
   */
  readonly onSkipped?: (skipped: SkippedLine) => void;
  /** Delays between reconnect attempts. @default 0.5 s doubling to 30 s, ±20 % jitter */
  readonly backoff?: Backoff;
  readonly log?: Log;
}

/** Stays connected to netmon: reconnects with jittered backoff whenever the socket goes away. */
export class NetmonClient {
  private connection?: NetmonConnection;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly backoff: Backoff;
  private readonly log: Log;

  constructor(private readonly options: NetmonClientOptions) {
    this.backoff = options.backoff ?? new Backoff({ baseMs: 500, maxMs: 30_000 });
    this.log = options.log ?? silentLog;
  }

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      this.connection = await NetmonConnection.connect(this.options.socketPath, {
        onMessage: (message) => {
          if (message.type === 'network_discovery') {
            this.backoff.reset();
            this.options.onDiscovery(message.data.interfaces);
          } else {
            this.options.onChange(message.data);
          }
        },
        onMalformed: (line, reason) => this.log('warn', 'skipped a malformed line from netmon', { reason, line: line.slice(0, 200) }),
        onSkipped: (skipped) => this.options.onSkipped?.(skipped),
        onClose: (reason) => {
          this.connection = undefined;
          this.options.onConnection?.(false);
          this.retry(`connection closed: ${reason}`);
        },
      });
      if (this.stopped) {
        this.connection.close();
        return;
      }
      this.log('info', 'connected to netmon', { socket: this.options.socketPath });
      this.options.onConnection?.(true);
    } catch (err) {
      this.retry((err as Error).message);
    }
  }

  private retry(reason: string): void {
    if (this.stopped) return;
    const delay = this.backoff.next();
    this.log('warn', 'netmon unavailable; reconnecting', { socket: this.options.socketPath, reason, retry_in_ms: delay });
    this.timer = setTimeout(() => void this.connect(), delay);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.connection?.close();
  }
}
