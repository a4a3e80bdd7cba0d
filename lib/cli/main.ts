import { parseArgs } from 'util';
import { DEBUG_VARIABLE, describeUnexpected, EdgenetError, EngineError } from '../core/errors';
import { deployCommand, synthCommand } from './commands/deploy';
import { driftCommand } from './commands/drift';
import { factsCommand } from './commands/facts';
import { initCommand } from './commands/init';
import { netmonCommand } from './commands/netmon';
import { statusCommand } from './commands/status';
import { validateCommand } from './commands/validate';
import { watchCommand } from './commands/watch';
import { configPath, OPTIONS, USAGE, Values } from './options';

async function run(command: string | undefined, values: Values): Promise<number> {
  switch (command) {
    case 'init':
      return initCommand(values);
    case 'facts':
      return factsCommand(values);
    case 'validate':
      return validateCommand(values);
    case 'synth':
      return synthCommand(values);
    case 'plan':
      return deployCommand(values, 'plan');
    case 'apply':
      return deployCommand(values, 'apply');
    case 'destroy':
      return deployCommand(values, 'destroy');
    case 'drift':
      return driftCommand(values);
    case 'status':
      return statusCommand(values);
    case 'netmon':
      return netmonCommand(values);
    case 'watch':
      return watchCommand({ ...values, config: configPath(values) });
    default:
      process.stderr.write(`${command ? `edgenet: unknown command ${JSON.stringify(command)}\n` : ''}${USAGE}\n`);
      return command ? 1 : 0;
  }
}

export async function main(argv: string[]): Promise<number> {
  reportBugsOutsideMain();
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`edgenet: ${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    return await run(parsed.positionals[0], parsed.values);
  } catch (err) {
    if (err instanceof EngineError) {
      process.stderr.write(`edgenet: ${err.message}\n${err.output.split('\n').slice(-40).join('\n')}\n`);
      return 1;
    }
    if (err instanceof EdgenetError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    return reportBug(err);
  }
}

/** The one place an error edgenet did not expect ends: one line (the trace with EDGENET_DEBUG=1), exit 1. */
function reportBug(err: unknown): number {
  process.stderr.write(`${describeUnexpected(err, process.env[DEBUG_VARIABLE] === '1')}\n`);
  return 1;
}

/**
 * The daemons (netmon, watch) run on in callbacks, past main's try: an error thrown there
 * ends the process the same way.
 */
function reportBugsOutsideMain(): void {
  const end = (err: unknown) => process.exit(reportBug(err));
  process.on('uncaughtException', end);
  process.on('unhandledRejection', end);
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
