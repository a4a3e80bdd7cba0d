import { promises as fs } from 'fs';
import { writeFileAtomic } from '../../lib/host/files/atomic-write';

/** The watcher's status file: what operators (and `jq`) read to know where it stands. */

export interface WatchStatus {
  /** What the watcher is doing now. */
  readonly state: 'starting' | 'idle' | 'settling' | 'reconciling' | 'waiting-retry' | 'stopped';
  /** sha256 of the last cdk.tf.json applied (or found already applied), and when. */
  readonly last_applied: { readonly hash: string; readonly at: string } | null;
  readonly last_attempt: { readonly at: string; readonly outcome: string; readonly hash: string | null } | null;
  /** Why the last attempt failed; cleared by the next success. */
  readonly last_error: { readonly at: string; readonly kind: 'invalid' | 'refused' | 'failed'; readonly message: string } | null;
  readonly next_retry_at: string | null;
  /** Failed attempts in a row. */
  readonly failures: number;
  readonly netmon: {
    readonly connected: boolean;
    readonly interfaces: number;
    /** Lines skipped on purpose: other senders' event types (the reference sidecar's) and command replies. */
    readonly skipped?: Readonly<Record<string, number>>;
  };
  /** Parent interfaces that are away (down, removed, without an address): runtimes stay as they were. */
  readonly parents_away?: Readonly<Record<string, { readonly why: string; readonly since: string }>>;
  /** What each runtime holds now, by runtime and vNIC: as last applied. */
  readonly runtimes: Readonly<Record<string, Readonly<Record<string, VnicStatus>>>>;
  /** Static vNICs left detached because their address cannot live on the LAN the host is on now. */
  readonly stranded: readonly StrandedStatus[];
  /** The last periodic drift check, and whether it found (and healed) drift. */
  readonly last_resync: { readonly at: string; readonly drift_found: boolean } | null;
}

export interface VnicStatus {
  readonly network: string;
  readonly mode: string;
  /** The address in the plan; null for dhcp (its lease is the LAN's). */
  readonly address: string | null;
  /** null on ipvlan, where the vNIC has the parent's MAC. */
  readonly mac: string | null;
}

export interface StrandedStatus {
  readonly runtime: string;
  readonly vnic: string;
  readonly ip: string;
  readonly subnet: string;
  readonly reason: string;
  /** When it was first found stranded. */
  readonly since: string;
}

export const INITIAL_STATUS: WatchStatus = {
  state: 'starting',
  last_applied: null,
  last_attempt: null,
  last_error: null,
  next_retry_at: null,
  failures: 0,
  netmon: { connected: false, interfaces: 0 },
  runtimes: {},
  stranded: [],
  last_resync: null,
};

/** Status as the last run left it (its last applied hash survives restarts), else initial. */
export async function readStatus(file: string): Promise<WatchStatus> {
  try {
    return { ...INITIAL_STATUS, ...JSON.parse(await fs.readFile(file, 'utf8')), state: 'starting' };
  } catch {
    return INITIAL_STATUS;
  }
}

/** Holds the status in memory and writes it atomically on every change, in order. */
export class StatusFile {
  private current: WatchStatus;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    initial: WatchStatus,
  ) {
    this.current = initial;
  }

  get value(): WatchStatus {
    return this.current;
  }

  update(patch: Partial<WatchStatus>): Promise<void> {
    this.current = { ...this.current, ...patch };
    const text = `${JSON.stringify(this.current, null, 2)}\n`;
    this.writing = this.writing.then(() => writeFileAtomic(this.file, text)).catch(() => undefined);
    return this.writing;
  }

  /** Resolves when every update so far is on disk. */
  flushed(): Promise<void> {
    return this.writing;
  }
}
