/**
 * V8 flags a command sets on itself before it loads anything. netmon runs for the host's
 * lifetime beside the control programs and spends its time waiting on netlink and a socket:
 * lite mode (no optimizing compiler) costs it nothing it can measure and saves it ~5 MiB
 * resident. The watcher keeps the full compiler, because its synth is on a move's clock.
 */
const FLAGS: Readonly<Record<string, readonly string[]>> = {
  netmon: ['--lite-mode'],
};

export function v8FlagsFor(command: string | undefined): readonly string[] {
  return command !== undefined && Object.hasOwn(FLAGS, command) ? FLAGS[command] : [];
}
