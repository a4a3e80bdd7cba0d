/**
 * The engine's "Error acquiring the state lock" as one sentence naming who holds the lock.
 * Terraform and OpenTofu print a `Lock Info:` block (ID, Path, Operation, Who, Version,
 * Created); backends fill in what they know.
 */
export function stateLockMessage(output: string, stack: string, dir: string): string | undefined {
  if (!/Error acquiring the state lock/i.test(output)) return undefined;
  const field = (name: string) => new RegExp(`^\\s*${name}:\\s*(.+)$`, 'mi').exec(output)?.[1]?.trim();
  const id = field('ID');
  const who = field('Who');
  const operation = field('Operation');
  const created = field('Created');
  const holder = who
    ? `${who}${operation ? ` (${operation}` : ''}${created ? `${operation ? ', ' : ' ('}since ${created}` : ''}${operation || created ? ')' : ''}`
    : 'another run';
  const cause = /\n\s*Error message:\s*(.+)/i.exec(output)?.[1]?.trim();
  return (
    `the state of ${stack} is locked by ${holder}${id ? `, lock ID ${id}` : ''}${!who && cause ? ` (${cause})` : ''}: ` +
    `another edgenet or terraform run holds it; wait for it to finish, or if it died, run \`terraform force-unlock ${id ?? '<ID>'}\` in ${dir}`
  );
}
