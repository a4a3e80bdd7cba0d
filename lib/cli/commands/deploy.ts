import { deploy, DeployMode } from '../../app/deploy';
import { moveFirst, plannedMoves } from '../../app/move-first';
import { describeMoveFirst } from '../../core/lan-move';
import { adoptsNetworksMovedFirst, SynthesizedStack } from '../../app/synth';
import { DockerApi } from '../../host/docker/docker-api';
import { describeHostAccess } from '../../core/model/host-access';
import { describeLan } from '../../core/model/lan-driver';
import { describeStranded } from '../../core/model/stranded';
import { confirmation } from '../confirm';
import { progress, Values } from '../options';
import { hostHeading, synthFromOptions } from '../stack';

/** `edgenet synth`: each selected host's cdk.tf.json, their paths on stdout. */
export async function synthCommand(values: Values): Promise<number> {
  for (const stack of await synthFromOptions(values)) process.stdout.write(`${stack.file}\n`);
  return 0;
}

/** `edgenet plan` / `apply` / `destroy`: synth, then the one deploy path, host by host. */
export async function deployCommand(values: Values, mode: DeployMode): Promise<number> {
  const confirm = mode === 'plan' ? undefined : confirmation(mode, values['auto-approve']);
  const stacks = await synthFromOptions(values);
  let conflicts = 0;
  for (const stack of stacks) {
    process.stdout.write(hostHeading(stacks, stack));
    if (mode !== 'destroy') {
      for (const n of [...stack.model.networks, ...stack.model.routedLans]) process.stdout.write(`${describeLan(n)}\n`);
      for (const a of stack.model.hostAccess) process.stdout.write(`${describeHostAccess(a)}\n`);
      for (const line of await movesMadeFirst(stack)) process.stdout.write(`${line}\n`);
    }
    for (const s of stack.model.stranded) process.stderr.write(`warning: ${describeStranded(s)}\n`);
    const result = await deploy(stack, { mode, confirm, progress, moveFirst: mode === 'apply' ? () => makeBeforeBreak(stack) : undefined });
    // Confirmation printed the plan already.
    if (!confirm || !result.changes) process.stdout.write(`${result.planOutput}\n`);
    if (result.applyOutput !== undefined) process.stdout.write(`${result.applyOutput}\n`);
    for (const line of result.conflicts) process.stderr.write(`${line}\n`);
    conflicts += result.conflicts.length;
  }
  // A plan with names taken outside the state cannot be applied: say so in the exit code too.
  return conflicts > 0 ? 1 : 0;
}

/**
 * An apply's subnet moves in the order the plan cannot make: where the engine takes the new
 * LAN network beside the old one, every runtime is connected to it before its old endpoint
 * goes. Other moves keep the plan's order.
 */
const MAKE_BEFORE_BREAK = { only: 'make-before-break' } as const;

function makeBeforeBreak(stack: SynthesizedStack): Promise<boolean> {
  if (!adoptsNetworksMovedFirst(stack)) return Promise.resolve(false);
  return moveFirst(engineOf(stack), stack.model, progress, MAKE_BEFORE_BREAK);
}

/**
 * A line per move `makeBeforeBreak` would make, printed before the plan, which shows Terraform's
 * own order; none when the engine cannot be read (a plan needs no engine).
 */
async function movesMadeFirst(stack: SynthesizedStack): Promise<string[]> {
  if (!adoptsNetworksMovedFirst(stack)) return [];
  const planned = await plannedMoves(engineOf(stack), stack.model, MAKE_BEFORE_BREAK).catch(() => undefined);
  return planned?.moves.map(describeMoveFirst) ?? [];
}

const engineOf = (stack: SynthesizedStack) => new DockerApi(stack.model.host.connection);
