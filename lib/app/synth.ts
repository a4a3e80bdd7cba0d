import { App } from 'cdktf';
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import * as path from 'path';
import { EdgeStack } from '../../constructs/edge-stack';
import { ImportSpec } from '../core/adoption';
import { ValidConfig } from '../core/config/validate';
import { HostFacts } from '../core/facts/types';
import { withAllocations } from '../core/allocation-lock';
import { resolveModel } from '../core/model/resolve';
import { lockFileFor, readAllocationLock, writeAllocationLock } from '../host/allocation-lock-file';
import { probeNewAutoAddresses } from './arp-probe';
import { placeProviderLock, ProviderLock, readProviderLock, removePlacedProviderLock } from '../host/provider-lock-file';
import { lockMismatches } from '../core/provider-lock';
import { writeStaged } from '../host/files/staged-directory';
import { AllocationRecord, EdgeModel } from '../core/model/types';

export const DEFAULT_OUTDIR = 'cdktf.out';

/** One synthesized stack, held in memory so nothing downstream reads cdk.tf.json again. */
export interface SynthesizedStack {
  readonly model: EdgeModel;
  /** `<outdir>/stacks/<stack>`: where the engine runs. */
  readonly dir: string;
  /** `<dir>/cdk.tf.json`. */
  readonly file: string;
  readonly tfJson: any;
  /** sha256 of cdk.tf.json: the identity of what would be applied. */
  readonly hash: string;
  /** The local state file the stack's backend names. */
  readonly stateFile: string;
  /** Why the committed provider lock was not put into `dir` (empty: it was). */
  readonly providerLock: readonly string[];
}

/**
 * The stack runs the docker provider edgenet builds (the committed lock was placed), whose
 * network create adopts a LAN network a move made first: only then may a move go before the plan.
 */
export function adoptsNetworksMovedFirst(stack: SynthesizedStack): boolean {
  return stack.providerLock.length === 0;
}

/** Where `cdktf synth` and `edgenet synth` put a stack's Terraform JSON. */
export function stackDir(outdir: string, stack: string): string {
  return path.join(outdir, 'stacks', stack);
}

/** The local state file a stack's backend points at (outside the out dir, which synth may clean). */
export function stateFile(outdir: string, stack: string): string {
  return path.join(outdir, '..', `terraform.${stack}.tfstate`);
}

/** The cdktf app's part: the model as an EdgeStack in `app`, importing `imports` rather than creating them. */
export function addStack(app: App, model: EdgeModel, imports?: readonly ImportSpec[]): EdgeStack {
  return new EdgeStack(app, model.stack, { model, imports });
}

/**
 * Puts the committed provider lock (.terraform.lock.hcl) into a synthesized stack's directory,
 * so `terraform init` installs the locked builds from a mirror with no registry and cdktf skips
 * `terraform providers lock`. A stack requiring other versions (EdgeStack's `providerVersion`)
 * gets no lock, and one placed earlier is taken back; the reasons are returned.
 */
export function lockProviders(dir: string, tfJson: any, lock: ProviderLock = readProviderLock()): string[] {
  const mismatches = lockMismatches(lock.providers, tfJson.terraform?.required_providers ?? {});
  if (mismatches.length === 0) placeProviderLock(dir, lock);
  else removePlacedProviderLock(dir, lock);
  return mismatches;
}

/** `lockProviders` for a stack an App (the cdktf app, main.ts) has just synthesized into `outdir`. */
export function lockSynthesizedStack(outdir: string, stack: string): string[] {
  const dir = stackDir(outdir, stack);
  return lockProviders(dir, JSON.parse(readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')));
}

/**
 * config + facts -> `<outdir>/stacks/<stack>/cdk.tf.json` and the provider lock beside it, in-process. Deterministic: the
 * facts' detection time and source never reach the output. Same bytes as `cdktf synth`.
 */
export function synthesize(
  config: ValidConfig,
  facts: HostFacts,
  outdir: string = DEFAULT_OUTDIR,
  host?: string,
  recorded: AllocationRecord = {},
): SynthesizedStack {
  return writeStacks([resolveModel(config, facts, host, recorded)], outdir)[0];
}

/**
 * The models' stacks, written all or none (a refused input leaves nothing behind): cdktf
 * writes into a staging directory, renamed into `outdir` once every stack is there. `imports`
 * (by stack name) are resources to import rather than create (`edgenet adopt`).
 */
export function writeStacks(
  models: readonly EdgeModel[],
  outdir: string,
  imports: ReadonlyMap<string, readonly ImportSpec[]> = new Map(),
): SynthesizedStack[] {
  const texts = writeStaged(outdir, '--out', (staging) => {
    const app = new App({ outdir: staging, skipValidation: false });
    for (const model of models) addStack(app, model, imports.get(model.stack));
    app.synth();
    return models.map((model) => readFileSync(path.join(stackDir(staging, model.stack), 'cdk.tf.json'), 'utf8'));
  });
  return models.map((model, i) => {
    const dir = stackDir(outdir, model.stack);
    const tfJson = JSON.parse(texts[i]);
    return {
      model,
      dir,
      file: path.join(dir, 'cdk.tf.json'),
      tfJson,
      hash: createHash('sha256').update(texts[i]).digest('hex'),
      stateFile: stateFile(outdir, model.stack),
      providerLock: lockProviders(dir, tfJson),
    };
  });
}

/**
 * Each host's stack, with the auto addresses recorded in the config's allocation lock kept,
 * and the lock updated with what was given (`edge.yaml` -> `edge.lock.json`). Every host's
 * model is resolved, and its new auto addresses probed where a LAN asks for it, before
 * anything is written.
 */
export async function synthesizeHosts(
  config: ValidConfig,
  configFile: string,
  hosts: readonly { readonly name: string; readonly facts: HostFacts }[],
  outdir: string,
  progress: (message: string) => void = () => undefined,
): Promise<SynthesizedStack[]> {
  const lockFile = lockFileFor(configFile);
  const lock = await readAllocationLock(lockFile);
  const models = hosts.map(({ name, facts }) => {
    const stack = config.hosts.find((h) => h.name === name)?.stack ?? name;
    return resolveModel(config, facts, name, lock.stacks[stack] ?? {});
  });
  for (const model of models) await probeNewAutoAddresses(model, config.lans, lock.stacks[model.stack] ?? {}, progress);
  const stacks = writeStacks(models, outdir);
  for (const s of stacks.filter((s) => s.providerLock.length > 0)) {
    progress(`${s.dir}: no provider lock placed, terraform init makes one: ${s.providerLock.join('; ')}`);
  }
  const records = Object.fromEntries(stacks.map((s) => [s.model.stack, s.model.allocations]));
  if (await writeAllocationLock(lockFile, lock, withAllocations(lock, records))) {
    progress(`${lockFile}: recorded the auto addresses given; commit it, like a package lock, so every run keeps them`);
  }
  return stacks;
}
