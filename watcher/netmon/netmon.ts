import { DEFAULT_IGNORED_PREFIXES } from '../../lib/core/facts/interface-filter';
import { KeyedDebounce } from '../common/keyed-debounce';
import { Log, silentLog } from '../common/log';
import { ChangeMessage, DiscoveryMessage, InterfaceReport, protocolTimestamp } from '../common/protocol';
import { LinkMonitor, readInterfaces } from './ip-command';
import { goneState, InterfaceState, isReportable, sameState } from './ip-snapshot';
import { JsonLinesServer } from './json-lines-server';
import { MonitorEvent } from './monitor-line';

export interface NetmonOptions {
  /** Unix socket to serve the protocol on. */
  readonly socketPath: string;
  /**
   * Quiet time after an interface's last netlink event before its change is reported.
   *
   * @default 3000
   */
  readonly debounceMs?: number;
  /**
   * Interface name prefixes never reported (`lo` always is ignored).
   *
   * @default DEFAULT_IGNORED_PREFIXES (lo, docker, veth, br-, virbr, cni, flannel, ...)
   */
  readonly ignoredPrefixes?: readonly string[];
  /**
   * Group id given the socket.
   *
   * @default - the daemon's group
   */
  readonly gid?: number;
  /**
   * Unsent bytes a client may have queued before it is dropped.
   *
   * @default 1 MiB
   */
  readonly maxClientBacklogBytes?: number;
  /** @default 'ip' */
  readonly ip?: string;
  /** @default - silent */
  readonly log?: Log;
}

/**
 * The network monitor: netlink notifications (through `ip monitor`) say when to look,
 * `ip -j` says what is there; each interface's change is reported once it has been quiet
 * for the debounce time, with its full state, and only if it differs from what clients
 * were last told.
 */
export class Netmon {
  public static readonly DEFAULT_DEBOUNCE_MS = 3000;

  public readonly debounceMs: number;
  public readonly ignoredPrefixes: readonly string[];
  /** What clients were last told, by interface name: the reportable interfaces. */
  private readonly published = new Map<string, InterfaceState>();
  private readonly debounce: KeyedDebounce<string>;
  private readonly monitor: LinkMonitor;
  private readonly log: Log;
  private server?: JsonLinesServer;
  /** Snapshots and reports run one at a time, in order. */
  private work: Promise<void> = Promise.resolve();

  private constructor(private readonly options: NetmonOptions) {
    this.debounceMs = options.debounceMs ?? Netmon.DEFAULT_DEBOUNCE_MS;
    this.ignoredPrefixes = options.ignoredPrefixes ?? DEFAULT_IGNORED_PREFIXES;
    this.log = options.log ?? silentLog;
    this.debounce = new KeyedDebounce(this.debounceMs, (name) => this.enqueue(() => this.report(name)));
    this.monitor = new LinkMonitor({
      ip: options.ip,
      onEvent: (event) => this.onMonitorEvent(event),
      log: (message, fields) => this.log('warn', message, fields),
    });
  }

  static async start(options: NetmonOptions): Promise<Netmon> {
    const netmon = new Netmon(options);
    // Monitor first, snapshot second: a change between the two is then seen, not lost.
    await netmon.monitor.start();
    try {
      for (const state of await netmon.snapshot()) {
        if (isReportable(state, netmon.ignoredPrefixes)) netmon.published.set(state.interface, state);
      }
      netmon.server = await JsonLinesServer.listen({
        socketPath: options.socketPath,
        gid: options.gid,
        maxClientBacklogBytes: options.maxClientBacklogBytes,
        onConnect: (client) => client.send(netmon.discovery()),
        log: (message, fields) => netmon.log('info', message, fields),
      });
    } catch (err) {
      netmon.monitor.stop();
      throw err;
    }
    netmon.log('info', 'serving', { socket: options.socketPath, debounce_ms: netmon.debounceMs, interfaces: [...netmon.published.keys()] });
    return netmon;
  }

  get clientCount(): number {
    return this.server?.clientCount ?? 0;
  }

  discovery(): Omit<DiscoveryMessage, 'seq'> {
    const timestamp = protocolTimestamp(new Date());
    const interfaces = [...this.published.values()].sort((a, b) => a.index - b.index).map((state) => ({ ...state, timestamp }));
    return { type: 'network_discovery', data: { interfaces, timestamp } };
  }

  private snapshot(): Promise<InterfaceState[]> {
    return readInterfaces(this.options.ip);
  }

  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((err) => this.log('error', 'reading interfaces failed', { error: (err as Error).message }));
  }

  private onMonitorEvent(event: MonitorEvent): void {
    if (event.kind === 'interface') {
      this.debounce.touch(event.name);
      return;
    }
    if (event.kind === 'lost') this.log('warn', 'netlink events may have been lost; resynchronising');
    // Not tied to one interface: every interface known or present now gets a (debounced) look.
    this.enqueue(async () => {
      const names = new Set([...this.published.keys(), ...(await this.snapshot()).map((s) => s.interface)]);
      for (const name of names) this.debounce.touch(name);
    });
  }

  /** Tells clients about `name` if what they know is no longer true. */
  private async report(name: string): Promise<void> {
    const current = (await this.snapshot()).find((s) => s.interface === name);
    const previous = this.published.get(name);
    let state: InterfaceState;
    if (current && isReportable(current, this.ignoredPrefixes)) {
      if (sameState(previous, current)) return;
      this.published.set(name, current);
      state = current;
    } else {
      if (!previous) return;
      // It went down, lost its last address or vanished: say so, once.
      this.published.delete(name);
      state = current ?? goneState(name, previous.index);
    }
    const data: InterfaceReport = { ...state, timestamp: protocolTimestamp(new Date()) };
    const message: Omit<ChangeMessage, 'seq'> = { type: 'network_change', data };
    this.log('info', 'network_change', {
      interface: name,
      operstate: data.operstate,
      subnets: data.ipv4_addresses.map((a) => a.subnet),
      gateway: data.gateway,
    });
    this.server?.broadcast(message);
  }

  /** Stops watching, drops clients and removes the socket. */
  async stop(): Promise<void> {
    this.debounce.cancelAll();
    this.monitor.stop();
    await this.server?.close();
  }
}
