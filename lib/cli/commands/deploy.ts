import { deploy, destroy } from '../../app/deploy';
import { progress, Values } from '../options';
import { synthFromOptions } from '../stack';

/** `edgenet synth`: the stack's cdk.tf.json, its path on stdout. */
export async function synthCommand(values: Values): Promise<number> {
  process.stdout.write(`${(await synthFromOptions(values)).file}\n`);
  return 0;
}

/** `edgenet plan` / `apply`: synth, then the one deploy path. */
export async function deployCommand(values: Values, apply: boolean): Promise<number> {
  const result = await deploy(await synthFromOptions(values), { apply, progress });
  process.stdout.write(`${result.planOutput}\n`);
  if (result.applyOutput !== undefined) process.stdout.write(`${result.applyOutput}\n`);
  return 0;
}

/** `edgenet destroy`: everything in the stack. */
export async function destroyCommand(values: Values): Promise<number> {
  process.stdout.write(`${await destroy(await synthFromOptions(values), { progress })}\n`);
  return 0;
}
