import { nestingProblem } from '../../lib/core/input-limits';

/**
 * Commands on the netmon socket (netmon socket protocol v1): a client may write one JSON
 * object per line, `{"command": "<name>", ...}`, and gets exactly one reply line per command,
 * in order. A reply is an object without `type`, which is how clients tell it from an event.
 * The reference agent waits for a reply to every command it sends, so silence is never an
 * answer: unknown commands and unreadable lines get an error reply too. Pure: the caller
 * supplies the status and writes the reply.
 */

export interface NetlinkStatus {
  /** `running`: `ip monitor` is up; `restarting`: it died and waits for its backoff; `stopped`: netmon is stopping. */
  readonly state: 'running' | 'restarting' | 'stopped';
  /** Events may have been missed lately: not running, or it restarted or reported lost events within the last minute. */
  readonly degraded: boolean;
  readonly restarts: number;
  /** Times events may have been lost (the monitor restarted, or the kernel's stream overran), each followed by a full resynchronisation. */
  readonly lost_events: number;
  /** The protocol's timestamp shape, UTC; null before the first. */
  readonly last_event_at: string | null;
  readonly last_restart_at: string | null;
}

export interface NetmonStatus {
  readonly clients: number;
  /** What a discovery would list now, in index order. */
  readonly interfaces: readonly string[];
  /** Interfaces with netlink events waiting out the debounce. */
  readonly pending_changes: readonly string[];
  /** The longest wait after an interface's last event before its change is reported. */
  readonly debounce_ms: number;
  /** The quiet time after which a complete change is reported (equal to the debounce: the reference's fixed wait). */
  readonly settle_ms: number;
  readonly netlink: NetlinkStatus;
}

export type CommandReply =
  { readonly success: true; readonly status: NetmonStatus | NetlinkStatus } | { readonly success: false; readonly error: string };

const COMMANDS: Readonly<Record<string, (status: NetmonStatus) => NetmonStatus | NetlinkStatus>> = {
  get_status: (status) => status,
  get_netlink_status: (status) => status.netlink,
};

/** The commands netmon answers; any other name gets `unsupported command: <name>` (e.g. the reference's DHCP commands). */
export const SUPPORTED_COMMANDS: readonly string[] = Object.keys(COMMANDS);

const failure = (error: string): CommandReply => ({ success: false, error });

/**
 * The reply to one line a client wrote; undefined for a blank line (nothing was asked).
 * Never throws: whatever the line holds, the answer is a reply.
 */
export function answerCommandLine(line: string, status: () => NetmonStatus): CommandReply | undefined {
  if (line.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return failure('invalid JSON: expected one object per line, e.g. {"command": "get_status"}');
  }
  const tooDeep = nestingProblem(value);
  if (tooDeep) return failure(`${tooDeep.path}: ${tooDeep.message}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return failure('not a JSON object: expected {"command": "<name>"}');
  }
  const { command } = value as Record<string, unknown>;
  if (command === undefined) return failure('missing command: expected {"command": "<name>"}');
  if (typeof command !== 'string') return failure(`command is not a string, got ${JSON.stringify(command)}`);
  const handler = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (handler === undefined) return failure(`unsupported command: ${command}`);
  return { success: true, status: handler(status()) };
}
