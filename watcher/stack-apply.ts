import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { ValidConfig } from '../lib/config/validate';
import { DockerApi } from '../lib/docker-api';
import { EdgenetError, ValidationError } from '../lib/errors';
import { detectMacvlanNetworks } from '../lib/facts/detect';
import { saveFacts } from '../lib/facts/file';
import { DockerNetworkFact, HostFacts } from '../lib/facts/types';
import { healingReplacements } from '../lib/heal';
import { stackDir, stateFile, synthesize } from '../lib/synth';
import { Engine, Progress } from '../lib/terraform';
import { saveRuntimeVnics, vnicsFromSynth } from '../lib/vnic-store';
import { destroysEveryRuntime } from './plan-guard';
import { Prepared } from './reconciler';

/** The watcher will not act on these facts or this plan; retrying the same input cannot help. */
export class RefusedError extends EdgenetError {}

/** Errors the watcher reports and does not retry (the next different facts are still processed). */
export function isPermanent(error: Error): boolean {
  return error instanceof ValidationError || error instanceof RefusedError;
}

export interface PreparedStack extends Prepared {
  readonly facts: HostFacts;
  /** The synthesized cdk.tf.json. */
  readonly file: string;
  readonly tfJson: unknown;
}

export interface StackApplyOptions {
  readonly config: ValidConfig;
  /** Where synth writes `stacks/<stack>/cdk.tf.json`. */
  readonly outdir: string;
  /** Where the facts of each apply are kept (what the host looked like). */
  readonly factsFile: string;
  /** runtime_vnics.json: what each runtime was last applied with. */
  readonly vnicsFile: string;
  /** Environment for the engine (provider mirror, binary). */
  readonly engineEnv?: NodeJS.ProcessEnv;
  /** An engine step that takes longer is interrupted (SIGINT first). */
  readonly stepTimeoutMs: number;
  readonly progress?: Progress;
  /**
   * Refresh on every plan. Otherwise a plan right after this process's own successful apply
   * skips the refresh: the docker provider waits 2 s per network read, the largest fixed
   * cost of a reaction (docs/performance.md); container drift is still caught by the intent
   * comparison, and any failure brings the refresh back for the next run.
   *
   * @default false
   */
  readonly fullRefresh?: boolean;
  /** Existing macvlan networks, for reuse. @default - asked of the config's Docker engine */
  readonly dockerNetworks?: () => Promise<readonly DockerNetworkFact[]>;
}

const PLAN_FILE = 'edgenet.tfplan';

/**
 * One reconcile of the stack: facts -> synth -> hash (prepare), then plan, guard, apply
 * in the stack directory (apply). Only this and the CLI run the engine.
 */
export class StackApply {
  private engine?: Engine;
  private readonly progress: Progress;
  /** The state file was written by this process's last apply, which succeeded. */
  private stateTrusted = false;

  constructor(private readonly options: StackApplyOptions) {
    this.progress = options.progress ?? (() => undefined);
  }

  async prepare(facts: HostFacts): Promise<PreparedStack> {
    if (!facts.interfaces.some((i) => i.ipv4.length > 0)) {
      throw new RefusedError('facts came back empty (no interface has an IPv4 address); keeping what is applied until netmon reports addresses again');
    }
    const dockerNetworks = this.options.dockerNetworks ?? (() => detectMacvlanNetworks(new DockerApi(this.options.config.dockerHost)));
    const withNetworks: HostFacts = { ...facts, docker_networks: await dockerNetworks() };
    const file = synthesize(this.options.config, withNetworks, this.options.outdir);
    const text = await fs.readFile(file, 'utf8');
    return { hash: createHash('sha256').update(text).digest('hex'), facts: withNetworks, file, tfJson: JSON.parse(text) };
  }

  async apply(prepared: PreparedStack): Promise<void> {
    const { config, outdir } = this.options;
    const dir = stackDir(outdir, config.stack);
    const engine = new Engine({ cwd: dir, env: this.options.engineEnv, progress: this.progress, timeoutMs: this.options.stepTimeoutMs });
    this.engine = engine;
    const refresh = this.options.fullRefresh === true || !this.stateTrusted;
    this.stateTrusted = false;
    try {
      await engine.init();
      const replace = await healingReplacements(stateFile(outdir, config.stack), prepared.file, config.dockerHost, this.progress);
      const planFile = path.join(dir, PLAN_FILE);
      const { changes } = await engine.plan([`-out=${PLAN_FILE}`, ...(refresh ? [] : ['-refresh=false']), ...replace.map((a) => `-replace=${a}`)]);
      if (changes) {
        const refusal = destroysEveryRuntime(await engine.showJson(PLAN_FILE));
        if (refusal) throw new RefusedError(`refusing to apply: ${refusal}; facts were ${JSON.stringify(prepared.facts.interfaces.map((i) => ({ [i.name]: i.ipv4.map((a) => a.subnet) })))}`);
        await engine.apply([PLAN_FILE]);
      }
      await fs.rm(planFile, { force: true });
      await saveFacts(this.options.factsFile, prepared.facts);
      await saveRuntimeVnics(this.options.vnicsFile, vnicsFromSynth(prepared.tfJson));
      this.stateTrusted = true;
    } finally {
      this.engine = undefined;
    }
  }

  /** SIGINT to a running engine, which then stops its walk and releases the state lock. */
  interrupt(): boolean {
    return this.engine?.interrupt() ?? false;
  }
}
