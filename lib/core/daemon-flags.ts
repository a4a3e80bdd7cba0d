/**
 * The V8 flags the watcher runs with: it runs for the host's lifetime beside the control
 * programs, so its resident set is its budget. A young generation of at most 1 MiB
 * (`--max-semi-space-size=1`; V8 grows it to 16 MiB and keeps it): its allocations come in
 * small bursts, a synth at a time. V8 reads heap sizes only when it starts, so the systemd
 * unit and the image pass it in NODE_OPTIONS. It keeps the optimizing compiler, because its
 * synth is on a move's clock. netmon's daemon is not Node (watcher/netmon/daemon.ts).
 */
const DAEMON_NODE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  watch: ['--max-semi-space-size=1'],
};

/** NODE_OPTIONS for `command`: empty for the one-shot commands. */
export function daemonNodeOptions(command: string | undefined): string {
  return command !== undefined && Object.hasOwn(DAEMON_NODE_OPTIONS, command) ? DAEMON_NODE_OPTIONS[command].join(' ') : '';
}
