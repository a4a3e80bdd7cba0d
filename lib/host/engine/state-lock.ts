/**
 * The engine's "Error acquiring the state lock" as one sentence naming who holds the lock.
 * Terraform and OpenTofu print a `Lock Info:` block (ID, Path, Operation, Who, Version,
 * Created) that most backends fill with the holder's; pg fills it with the refused run's
 * own, so there the holder comes from the backend itself (`holder`).
 */
export function isStateLockError(output: string): boolean {
  return /Error acquiring the state lock/i.test(output);
}

export function stateLockMessage(output: string, stack: string, dir: string, holder?: string): string | undefined {
  if (!isStateLockError(output)) return undefined;
  const field = (name: string) => new RegExp(`^\\s*${name}:\\s*(.+)$`, 'mi').exec(output)?.[1]?.trim();
  const id = field('ID');
  const who = field('Who');
  const operation = field('Operation');
  const created = field('Created');
  const fromInfo = who
    ? `${who}${operation ? ` (${operation}` : ''}${created ? `${operation ? ', ' : ' ('}since ${created}` : ''}${operation || created ? ')' : ''}`
    : undefined;
  const named = holder ?? fromInfo;
  const cause = /\n\s*Error message:\s*(.+)/i.exec(output)?.[1]?.trim();
  return (
    `the state of ${stack} is locked by ${named ?? 'another run'}${!holder && id ? `, lock ID ${id}` : ''}${!named && cause ? ` (${cause})` : ''}: ` +
    `another edgenet or terraform run holds it; wait for it to finish, or if it died, run \`terraform force-unlock ${!holder && id ? id : '<ID>'}\` in ${dir}`
  );
}
