import { promises as fs } from 'fs';
import * as path from 'path';
import { EdgenetError } from '../core/errors';
import { Engine, Progress } from '../host/engine/engine';
import { engineFor } from './engine-for-stack';
import { describeConflict, NameSets } from '../core/name-conflicts';
import { healingReplacements } from './heal';
import { findNameConflicts } from './name-conflicts';
import { SynthesizedStack } from './synth';

/** The deploy path refused to go on (a guard said no); retrying the same input cannot help. */
export class RefusedError extends EdgenetError {}

/** The operator answered no: nothing was changed. */
export class CancelledError extends EdgenetError {}

export type DeployMode = 'plan' | 'apply' | 'destroy';

export interface DeployOptions {
  /** Show the plan, apply it, or plan and apply the destruction of everything in the stack. */
  readonly mode: DeployMode;
  /**
   * Refresh the state before planning. Off only right after this process's own successful
   * apply (the watcher): a refresh reads every network and container the stack has.
   *
   * @default true
   */
  readonly refresh?: boolean;
  /**
   * Replace containers the engine shows off their intent where the provider cannot see it
   * (`healingReplacements`). Off for `edgenet adopt`: what runs is taken as it is.
   *
   * @default true
   */
  readonly heal?: boolean;
  /** What a refusal or a cancellation says this run does (`refusing to <verb>`). @default - the mode */
  readonly verb?: string;
  /** Looks at the plan (`show -json`) before it is applied; a reason to refuse, or undefined. @default - none */
  readonly guard?: (planJson: unknown) => string | undefined;
  /** Asked with the plan before a change is applied; false cancels and changes nothing. @default - no question */
  readonly confirm?: (planOutput: string) => Promise<boolean>;
  /** Told of the engine while it runs (and of undefined after), so a caller can interrupt it. @default - none */
  readonly onEngine?: (engine: Engine | undefined) => void;
  /** Environment for the engine (TF_CLI_CONFIG_FILE, TERRAFORM_BINARY_NAME, PG_CONN_STR ...). @default - this process's */
  readonly engineEnv?: NodeJS.ProcessEnv;
  /** An engine step running longer is interrupted. @default - the engine's default */
  readonly stepTimeoutMs?: number;
  /** CPU niceness of the engine's runs (EngineOptions.niceness). @default 0 */
  readonly engineNiceness?: number;
  /** @default - silent */
  readonly progress?: Progress;
  /** The container and network names the engine has, for the conflict check. @default - asked of the stack's Docker engine */
  readonly engineNames?: () => Promise<NameSets>;
  /**
   * The LAN networks were moved before this deploy (the watcher's move first): the engine has
   * changed since the state was written, so the plan refreshes whatever `refresh` says.
   *
   * @default false
   */
  readonly movedFirst?: boolean;
  /**
   * Made after the confirmation, before the apply: a subnet move's engine calls in an order the
   * plan cannot make (the CLI's make before break); answers whether it changed the engine. When
   * it did, the plan is made again from a refresh, guarded, and applied: it reaches the end
   * state just confirmed, recording what the move made.
   *
   * @default - none
   */
  readonly moveFirst?: () => Promise<boolean>;
}

export interface DeployResult {
  /** The plan had changes. */
  readonly changes: boolean;
  /** The plan, as the engine printed it. */
  readonly planOutput: string;
  /** What apply printed, when it ran. */
  readonly applyOutput?: string;
  /**
   * A line per container or network the stack would create that the engine already has
   * outside the stack's state; a plan lists them, an apply refuses before changing anything.
   */
  readonly conflicts: readonly string[];
}

const PLAN_FILE = 'edgenet.tfplan';

/**
 * The one way edgenet changes a host, for the CLI and the watcher alike:
 * init -> [after init] -> names taken outside the state (an apply refuses) -> heal (containers
 * off their intent are replaced) -> plan -> [guard] -> [confirm] -> apply exactly that plan.
 */
export async function deploy(stack: SynthesizedStack, options: DeployOptions): Promise<DeployResult> {
  const progress = options.progress ?? (() => undefined);
  const engine = engineFor(stack, {
    command: options.mode,
    env: options.engineEnv,
    progress,
    timeoutMs: options.stepTimeoutMs,
    niceness: options.engineNiceness,
  });
  options.onEngine?.(engine);
  const changing = options.mode !== 'plan';
  const verb = options.verb ?? options.mode;
  try {
    await engine.init(stack.tfJson.terraform);
    const changedFirst = options.movedFirst === true;
    const unchanged = changedFirst ? 'nothing else was changed (the LAN networks were moved first)' : 'nothing was changed';
    // A plan needs no Docker engine (planning in CI for a remote host): without one it says
    // the names were not compared; an apply needs the engine anyway and fails here.
    const found =
      options.mode === 'destroy'
        ? []
        : await findNameConflicts(stack, engine, options.engineNames).catch((err: Error) => {
            if (changing) throw err;
            progress(`names not compared with the engine's, so conflicts are not listed: ${err.message}`);
            return [];
          });
    const conflicts = found.map((c) => describeConflict(c, stack.model.stack));
    if (changing && conflicts.length > 0) {
      throw new RefusedError(`refusing to ${verb}: ${unchanged}\n${conflicts.join('\n')}`);
    }
    const replace = options.mode === 'destroy' || options.heal === false ? [] : await healingReplacements(stack, progress);
    const replaceArgs = replace.map((address) => `-replace=${address}`);
    const { changes, output } = await engine.plan([
      ...(changing ? [`-out=${PLAN_FILE}`] : []),
      ...(options.mode === 'destroy' ? ['-destroy'] : []),
      ...(options.refresh === false && !changedFirst ? ['-refresh=false'] : []),
      ...replaceArgs,
    ]);
    if (!changing || !changes) return { changes, planOutput: output, conflicts };
    const guard = async (): Promise<void> => {
      const refusal = options.guard?.(await engine.showJson(PLAN_FILE));
      if (refusal) throw new RefusedError(`refusing to ${verb}: ${refusal}`);
    };
    await guard();
    if (options.confirm && !(await options.confirm(output))) {
      throw new CancelledError(`${verb} of ${stack.model.stack} cancelled: ${unchanged}`);
    }
    if (options.moveFirst && (await options.moveFirst())) {
      const again = await engine.plan([`-out=${PLAN_FILE}`, ...replaceArgs]);
      progress(`after the move first: ${planSummary(again.output)}`);
      if (!again.changes) return { changes, planOutput: output, conflicts };
      await guard();
    }
    const applyOutput = await engine.apply([PLAN_FILE]);
    return { changes, planOutput: output, applyOutput, conflicts };
  } finally {
    options.onEngine?.(undefined);
    await fs.rm(path.join(stack.dir, PLAN_FILE), { force: true });
  }
}

/** The summary line of a plan's output ("Plan: 2 to add, ..." or "No changes."). */
function planSummary(planOutput: string): string {
  return /^(Plan: .*|No changes\..*)$/m.exec(planOutput)?.[1] ?? 'planned again';
}
