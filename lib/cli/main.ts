import { parseArgs } from 'util';
import { DEBUG_VARIABLE, describeUnexpected, EdgenetError, EngineError } from '../core/errors';
import { configPath, OPTIONS, USAGE, Values } from './options';

/**
 * Each command's module is loaded when that command runs, never before: `edgenet netmon` on an
 * edge host must not hold cdktf, the provider bindings and the engine runner it never uses.
 */
async function run(command: string | undefined, values: Values): Promise<number> {
  switch (command) {
    case 'init':
      return (await import('./commands/init')).initCommand(values);
    case 'facts':
      return (await import('./commands/facts')).factsCommand(values);
    case 'validate':
      return (await import('./commands/validate')).validateCommand(values);
    case 'synth':
      return (await import('./commands/deploy')).synthCommand(values);
    case 'plan':
    case 'apply':
    case 'destroy':
      return (await import('./commands/deploy')).deployCommand(values, command);
    case 'adopt':
      return (await import('./commands/adopt')).adoptCommand(values);
    case 'drift':
      return (await import('./commands/drift')).driftCommand(values);
    case 'status':
      return (await import('./commands/status')).statusCommand(values);
    case 'doctor':
      return (await import('./commands/doctor')).doctorCommand(values);
    case 'netmon':
      return (await import('./commands/netmon')).netmonCommand(values);
    case 'watch':
      return (await import('./commands/watch')).watchCommand({ ...values, config: configPath(values) });
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
