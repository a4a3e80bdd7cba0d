/**
 * The V8 flags each daemon runs with: the daemons run for the host's lifetime beside the
 * control programs, so their resident set is their budget.
 * - A young generation of at most 1 MiB (`--max-semi-space-size=1`; V8 grows it to 16 MiB
 *   and keeps it): their allocations come in small bursts, a synth or a netlink event. V8
 *   reads heap sizes only when it starts, so the systemd units and the image pass it in
 *   NODE_OPTIONS.
 * - netmon in lite mode (no optimizing compiler): it waits on netlink and a socket, and the
 *   compiler's memory buys it nothing. The watcher keeps the compiler, because its synth is
 *   on a move's clock. Node refuses lite mode in NODE_OPTIONS, and V8 still takes it once
 *   running, so the bin shim sets it before anything loads.
 */
interface DaemonFlags {
  /** For NODE_OPTIONS, read when V8 starts. */
  readonly nodeOptions: readonly string[];
  /** Set by the bin shim, first thing. */
  readonly atRuntime: readonly string[];
}

const DAEMON_FLAGS: Readonly<Record<string, DaemonFlags>> = {
  netmon: { nodeOptions: ['--max-semi-space-size=1'], atRuntime: ['--lite-mode'] },
  watch: { nodeOptions: ['--max-semi-space-size=1'], atRuntime: [] },
};

const NONE: DaemonFlags = { nodeOptions: [], atRuntime: [] };

function flagsOf(command: string | undefined): DaemonFlags {
  return command !== undefined && Object.hasOwn(DAEMON_FLAGS, command) ? DAEMON_FLAGS[command] : NONE;
}

/** NODE_OPTIONS for `command`: empty for the one-shot commands. */
export function daemonNodeOptions(command: string | undefined): string {
  return flagsOf(command).nodeOptions.join(' ');
}

/** The flags the bin shim sets for `command` once V8 runs. */
export function v8FlagsFor(command: string | undefined): readonly string[] {
  return flagsOf(command).atRuntime;
}
