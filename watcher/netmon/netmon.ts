import { DEFAULT_IGNORED_PREFIXES } from '../../lib/core/facts/interface-filter';
import { Log, silentLog } from '../common/log';
import { ChangeMessage, DiscoveryMessage, InterfaceReport, protocolTimestamp } from '../common/protocol';
import { ChangeReporter } from './change-reporter';
import { ChangeState, ClientView } from './client-view';
import { answerCommandLine, NetlinkStatus, NetmonStatus } from './commands';
import { LinkMonitor, readInterfaces } from './ip-command';
import { InterfaceState } from './ip-snapshot';
import { JsonLinesServer } from './json-lines-server';
import { MonitorEvent } from './monitor-line';

export interface NetmonOptions {
  /** Unix socket to serve the protocol on. */
  readonly socketPath: string;
  /**
   * Quiet time after an interface's last netlink event before its change is reported, whatever
   * it is: the upper bound.
   *
   * @default 3000
   */
  readonly debounceMs?: number;
  /**
   * Quiet time after an interface's last netlink event before a complete change (an IPv4
   * address, and a default route again where it had one) is reported. Equal to (or above)
   * `debounceMs`: every change waits the debounce, as the reference's netmon does.
   *
   * @default 250 (docs/performance.md says why), never above the debounce
   */
  readonly settleMs?: number;
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
  /**
   * Where sysfs lists the links, to tell Wi-Fi from Ethernet.
   *
   * @default '/sys/class/net'
   */
  readonly sysClassNet?: string;
  /** @default - silent */
  readonly log?: Log;
}

/**
 * The network monitor: netlink notifications (through `ip monitor`) say when to look,
 * `ip -j` says what is there. A change on an interface is reported, with its full state and
 * only if it differs from what clients were last told, once it is complete and has been quiet
 * for the settle, else once it has been quiet for the debounce (change-reporter.ts has the
 * rules); a link going down or away is reported at once, since nothing useful can come of
 * waiting and the clients' runtimes have already lost that LAN.
 */
export class Netmon {
  public static readonly DEFAULT_DEBOUNCE_MS = 3000;
  public static readonly DEFAULT_SETTLE_MS = 250;
  /** How long a restart of the monitor or lost events keep the netlink status `degraded`. */
  public static readonly DEGRADED_WINDOW_MS = 60_000;

  public readonly debounceMs: number;
  public readonly settleMs: number;
  public readonly ignoredPrefixes: readonly string[];
  /** What clients were last told. */
  private readonly view: ClientView;
  /**
   * Link index -> current name, as the latest link line (or snapshot) says. `ip monitor`
   * keeps printing the old name on address and route lines after a rename; this maps them back.
   */
  private readonly linkNames = new Map<number, string>();
  private readonly reporter: ChangeReporter;
  private readonly monitor: LinkMonitor;
  private readonly log: Log;
  private server?: JsonLinesServer;
  private lastEventAt?: Date;
  private lostEvents = 0;
  private lastLostAt?: Date;

  private constructor(private readonly options: NetmonOptions) {
    this.debounceMs = options.debounceMs ?? Netmon.DEFAULT_DEBOUNCE_MS;
    this.settleMs = Math.min(options.settleMs ?? Netmon.DEFAULT_SETTLE_MS, this.debounceMs);
    this.ignoredPrefixes = options.ignoredPrefixes ?? DEFAULT_IGNORED_PREFIXES;
    this.log = options.log ?? silentLog;
    this.view = new ClientView(this.ignoredPrefixes);
    this.reporter = new ChangeReporter({
      view: this.view,
      debounceMs: this.debounceMs,
      settleMs: this.settleMs,
      snapshot: () => this.snapshot(),
      send: (change) => this.send(change),
      onError: (err) => this.log('error', 'reading interfaces failed', { error: err.message }),
    });
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
      const snapshot = await netmon.snapshot();
      netmon.view.seed(snapshot);
      netmon.learnLinkNames(snapshot);
      netmon.server = await JsonLinesServer.listen({
        socketPath: options.socketPath,
        gid: options.gid,
        maxClientBacklogBytes: options.maxClientBacklogBytes,
        onConnect: (client) => client.send(netmon.discovery()),
        onLine: (_client, line) => answerCommandLine(line, () => netmon.status()),
        log: (message, fields) => netmon.log('info', message, fields),
      });
    } catch (err) {
      netmon.monitor.stop();
      throw err;
    }
    netmon.log('info', 'serving', {
      socket: options.socketPath,
      debounce_ms: netmon.debounceMs,
      settle_ms: netmon.settleMs,
      interfaces: netmon.view.discovery().map((s) => s.interface),
    });
    return netmon;
  }

  get clientCount(): number {
    return this.server?.clientCount ?? 0;
  }

  /** What `get_status` answers. */
  status(now = new Date()): NetmonStatus {
    return {
      clients: this.clientCount,
      interfaces: this.view.discovery().map((s) => s.interface),
      pending_changes: this.reporter.pendingKeys(),
      debounce_ms: this.debounceMs,
      settle_ms: this.settleMs,
      netlink: this.netlinkStatus(now),
    };
  }

  private netlinkStatus(now: Date): NetlinkStatus {
    const monitor = this.monitor.status;
    const recent = (at: Date | undefined) => at !== undefined && now.getTime() - at.getTime() < Netmon.DEGRADED_WINDOW_MS;
    const stamp = (at: Date | undefined) => (at === undefined ? null : protocolTimestamp(at));
    return {
      state: monitor.state,
      degraded: monitor.state !== 'running' || recent(monitor.lastRestartAt) || recent(this.lastLostAt),
      restarts: monitor.restarts,
      lost_events: this.lostEvents,
      last_event_at: stamp(this.lastEventAt),
      last_restart_at: stamp(monitor.lastRestartAt),
    };
  }

  discovery(): Omit<DiscoveryMessage, 'seq'> {
    const timestamp = protocolTimestamp(new Date());
    const interfaces = this.view.discovery().map((state) => ({ ...state, timestamp }));
    return { type: 'network_discovery', data: { interfaces, timestamp } };
  }

  private snapshot(): Promise<InterfaceState[]> {
    return readInterfaces(this.options.ip, this.options.sysClassNet);
  }

  private learnLinkNames(snapshot: readonly InterfaceState[]): void {
    this.linkNames.clear();
    for (const state of snapshot) this.linkNames.set(state.index, state.interface);
  }

  private onMonitorEvent(event: MonitorEvent): void {
    if (event.kind === 'lost') {
      this.lostEvents += 1;
      this.lastLostAt = new Date();
    } else {
      this.lastEventAt = new Date();
    }
    switch (event.kind) {
      case 'link':
        return this.onLinkEvent(event.index, event.name, event.up, event.deleted);
      case 'address':
        // The index is reliable; the name on an address line may be the one before a rename.
        this.reporter.touch(this.linkNames.get(event.index) ?? event.name);
        return;
      case 'route':
        if (this.isKnownName(event.name)) {
          this.reporter.touch(event.name);
          return;
        }
        // A name no link has now: a stale one from before a rename. Look at everything.
        return this.lookEverywhere(false);
      default:
        return this.lookEverywhere(event.kind === 'lost');
    }
  }

  private onLinkEvent(index: number, name: string, up: boolean, deleted: boolean): void {
    const previous = this.linkNames.get(index) ?? this.view.nameOfIndex(index);
    // Renamed (udev names hot-plugged NICs after they appear): the old name is gone for clients.
    if (previous !== undefined && previous !== name) this.reporter.checkNow(previous);
    if (deleted) {
      this.linkNames.delete(index);
      this.reporter.checkNow(name);
      return;
    }
    this.linkNames.set(index, name);
    if (up) this.reporter.touch(name);
    else this.reporter.checkNow(name);
  }

  private isKnownName(name: string): boolean {
    return [...this.linkNames.values()].includes(name) || this.view.names().includes(name);
  }

  /** Not tied to one interface: every interface known or present now gets a (debounced) look. */
  private lookEverywhere(lost: boolean): void {
    if (lost) this.log('warn', 'netlink events may have been lost; resynchronising');
    this.reporter.enqueue(async () => {
      const snapshot = await this.snapshot();
      // After lost events the link lines of a rename may be among them: the snapshot is the truth.
      if (lost) this.learnLinkNames(snapshot);
      for (const name of new Set([...this.view.names(), ...snapshot.map((s) => s.interface)])) this.reporter.touch(name);
    });
  }

  /** Tells clients about a change the reporter decided on. */
  private send(change: ChangeState): void {
    const data: InterfaceReport = { ...change, timestamp: protocolTimestamp(new Date()) };
    const message: Omit<ChangeMessage, 'seq'> = { type: 'network_change', data };
    this.log('info', 'network_change', {
      interface: change.interface,
      operstate: data.operstate,
      status: data.status,
      subnets: data.ipv4_addresses.map((a) => a.subnet),
      gateway: data.gateway,
    });
    this.server?.broadcast(message);
  }

  /** Stops watching, drops clients and removes the socket. */
  async stop(): Promise<void> {
    this.reporter.cancelAll();
    this.monitor.stop();
    await this.server?.close();
  }
}
