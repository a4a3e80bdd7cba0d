import { adopt } from '../../app/adopt';
import { DEFAULT_OUTDIR } from '../../app/synth';
import { EdgenetError } from '../../core/errors';
import { confirmation } from '../confirm';
import { progress, Values } from '../options';
import { hostHeading, synthFromOptions } from '../stack';

/**
 * What adopting means for the host, said before it is asked: from here on the stack owns what it
 * imports, `edgenet destroy` included.
 */
const TAKING_OVER =
  'adopting: the containers and networks imported below keep running as they are; from now on the stack manages them, and `edgenet destroy` removes them';

/** `edgenet adopt`: each selected host's running runtimes and networks brought under its stack, nothing replaced. */
export async function adoptCommand(values: Values): Promise<number> {
  const allowRestart = new Set(values['allow-restart'] ?? []);
  const ask = confirmation('apply', values['auto-approve']);
  const stacks = await synthFromOptions(values);
  const declared = new Set(stacks.flatMap((s) => s.model.runtimes.map((r) => r.name)));
  const unknown = [...allowRestart].filter((r) => !declared.has(r));
  if (unknown.length > 0) {
    throw new EdgenetError(
      `--allow-restart ${unknown.join(', ')}: not a runtime of the config; allowed: ${[...declared].sort().join(', ') || 'none'}; nothing was changed`,
    );
  }
  for (const stack of stacks) {
    process.stdout.write(hostHeading(stacks, stack));
    const confirm = ask && (async (plan: string) => ask(`${plan}\n${TAKING_OVER}`));
    if (!ask) progress(TAKING_OVER);
    const result = await adopt(stack, values.out ?? DEFAULT_OUTDIR, { allowRestart, confirm: confirm || undefined, progress });
    if (result.deployed === undefined) continue;
    if (!ask || !result.deployed.changes) process.stdout.write(`${result.deployed.planOutput}\n`);
    if (result.deployed.applyOutput !== undefined) process.stdout.write(`${result.deployed.applyOutput}\n`);
    process.stdout.write(`adopted ${result.imports.length} resource(s) into stack ${stack.model.stack}\n`);
  }
  return 0;
}
