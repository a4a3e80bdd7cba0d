import { deploy, DeployResult, RefusedError } from '../../lib/app/deploy';
import { probeNewAutoAddresses } from '../../lib/app/arp-probe';
import { adoptsNetworksMovedFirst, SynthesizedStack, writeStacks } from '../../lib/app/synth';
import { resolveModel } from '../../lib/core/model/resolve';
import { EdgeModel } from '../../lib/core/model/types';
import { AllocationLock, EMPTY_LOCK, withAllocations } from '../../lib/core/allocation-lock';
import { selectHost } from '../../lib/core/config/targets';
import { readAllocationLock, writeAllocationLock } from '../../lib/host/allocation-lock-file';
import { ValidConfig } from '../../lib/core/config/validate';
import { ValidationError } from '../../lib/core/errors';
import { DockerNetworkFact, HostFacts, KernelFact } from '../../lib/core/facts/types';
import { destroysEveryRuntime } from '../../lib/core/plan-guard';
import { NameSets } from '../../lib/core/name-conflicts';
import { vnicRecords } from '../../lib/core/vnic-records';
import { DockerApi } from '../../lib/host/docker/docker-api';
import { LanNetworkSnapshot, readLanNetworks } from '../../lib/host/docker/lan-networks';
import { Engine, Progress } from '../../lib/host/engine/engine';
import { saveFacts } from '../../lib/host/facts/facts-file';
import { detectKernel, kernelPathsUnder } from '../../lib/host/facts/kernel-modules';
import { saveRuntimeVnics } from '../../lib/host/vnic-store';
import { Prepared } from '../common/reconciler';
import { moveFirst } from '../../lib/app/move-first';

export { RefusedError };

/** Errors the watcher reports and does not retry (the next different facts are still processed). */
export function isPermanent(error: Error): boolean {
  return error instanceof ValidationError || error instanceof RefusedError;
}

export interface PreparedStack extends Prepared {
  readonly facts: HostFacts;
  readonly stack: SynthesizedStack;
  /** The LAN networks were moved first (moveFirst): the state no longer says what the engine has. */
  readonly movedFirst: boolean;
}

/**
 * What the watcher plans from: netmon's interfaces, the engine's LAN networks (to reuse), and
 * the kernel's LAN drivers, which netmon does not report: without them a Wi-Fi parent's LAN
 * would be planned ipvlan here and routed by `edgenet plan` on the same host.
 */
export function factsToPlan(facts: HostFacts, dockerNetworks: readonly DockerNetworkFact[], kernel: KernelFact | undefined): HostFacts {
  return { ...facts, docker_networks: [...dockerNetworks], ...(kernel ? { kernel } : {}) };
}

export interface StackReconcileOptions {
  readonly config: ValidConfig;
  /** The host of the config this watcher keeps right. @default - the config's only host */
  readonly host?: string;
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
  /** CPU niceness of the engine's runs (EngineOptions.niceness). @default 0 */
  readonly engineNiceness?: number;
  readonly progress?: Progress;
  /**
   * Refresh on every plan. Otherwise a plan right after this process's own successful apply
   * skips the refresh (it reads every network and container of the stack); container drift
   * is still caught by the intent comparison, and any failure brings the refresh back for
   * the next run.
   *
   * @default false
   */
  readonly fullRefresh?: boolean;
  /** Existing macvlan and ipvlan networks, for reuse. @default - asked of the config's Docker engine */
  readonly dockerNetworks?: () => Promise<readonly DockerNetworkFact[]>;
  /** Every container and network name the engine has, for the conflict check. @default - asked of the config's Docker engine */
  readonly engineNames?: () => Promise<NameSets>;
  /** The config's allocation lock: auto addresses given are kept and recorded there. @default - none (nothing recorded) */
  readonly lockFile?: string;
  /**
   * Make a subnet move's engine calls before the plan (moveFirst), so the runtimes are back on
   * the LAN without waiting for terraform; the plan then records and corrects. Needs the
   * committed provider lock in the stack (edgenet's own build of the docker provider).
   *
   * @default true
   */
  readonly moveFirst?: boolean;
  /** Told of each successful apply: what it found to change, whether it was a resync, how long it took. @default - none */
  readonly onApplied?: (outcome: AppliedOutcome) => void;
  /**
   * Which LAN drivers the kernel has, for the facts (a Wi-Fi parent's LAN is routed without
   * ipvlan): netmon does not report it, and `edgenet facts` on the same host does, so the
   * watcher must plan the LAN the driver the CLI plans it. Asked once.
   *
   * @default - detected on this host, where the watcher runs beside netmon
   */
  readonly kernel?: () => Promise<KernelFact | undefined>;
}

export interface AppliedOutcome {
  readonly prepared: PreparedStack;
  readonly result: DeployResult;
  readonly resync: boolean;
  readonly durationMs: number;
}

/**
 * One reconcile of the stack: facts -> model -> [a subnet move made first] -> synth -> hash
 * (prepare), then the deploy path with the destroy-everything guard (apply).
 */
export class StackReconcile {
  private engine?: Engine;
  /** The state was written by this process's last apply, which succeeded. */
  private stateTrusted = false;
  /**
   * This process's last synth placed the committed provider lock: init then takes only the
   * docker provider edgenet builds, which adopts a network made first. Unknown before the first.
   */
  private providerLockPlaced?: boolean;
  private lock?: AllocationLock;
  private dockerApi?: DockerApi;
  private kernel?: Promise<KernelFact | undefined>;

  constructor(private readonly options: StackReconcileOptions) {}

  async prepare(facts: HostFacts): Promise<PreparedStack> {
    this.lock ??= this.options.lockFile ? await readAllocationLock(this.options.lockFile) : EMPTY_LOCK;
    if (!facts.interfaces.some((i) => i.ipv4.length > 0)) {
      throw new RefusedError(
        'facts came back empty (no interface has an IPv4 address); keeping what is applied until netmon reports addresses again',
      );
    }
    // Read once: the same read serves the facts (networks to reuse) and a move made first.
    const lanNetworks = this.options.dockerNetworks ? undefined : await readLanNetworks(this.docker());
    const dockerNetworks = lanNetworks?.facts ?? (await this.options.dockerNetworks!());
    this.kernel ??= (this.options.kernel ?? (async () => detectKernel(await kernelPathsUnder('/'))))();
    const kernel = facts.kernel ?? (await this.kernel);
    const withNetworks = factsToPlan(facts, dockerNetworks, kernel);
    const host = selectHost(this.options.config.hosts, this.options.host);
    const recorded = this.lock.stacks[host.stack] ?? {};
    const model = resolveModel(this.options.config, withNetworks, this.options.host, recorded);
    await probeNewAutoAddresses(model, this.options.config.lans, recorded, this.options.progress, () => this.docker());
    // The move is read from the model, so it need not wait for the synth, once this process
    // knows the stack runs edgenet's build of the docker provider (the first synth tells).
    const early = this.providerLockPlaced === true;
    let movedFirst = early && (await this.moveFirst(model, lanNetworks));
    const [stack] = writeStacks([model], this.options.outdir);
    this.providerLockPlaced = adoptsNetworksMovedFirst(stack);
    if (!early && this.providerLockPlaced) movedFirst = await this.moveFirst(model, lanNetworks);
    return { hash: stack.hash, facts: withNetworks, stack, movedFirst };
  }

  private async moveFirst(model: EdgeModel, lanNetworks: LanNetworkSnapshot | undefined): Promise<boolean> {
    if (this.options.moveFirst === false) return false;
    const moved = await moveFirst(this.docker(), model, this.options.progress ?? (() => undefined), { engine: lanNetworks });
    // The state no longer says what the engine has, whatever happens to this input next (a
    // synth or a plan that fails, or the same input found applied already).
    if (moved) this.stateTrusted = false;
    return moved;
  }

  async apply(prepared: PreparedStack, run: { readonly resync: boolean } = { resync: false }): Promise<void> {
    const started = Date.now();
    // A resync is a drift check: the refresh is what sees attachments removed out of band.
    const refresh = run.resync || this.options.fullRefresh === true || !this.stateTrusted;
    this.stateTrusted = false;
    const subnets = JSON.stringify(prepared.facts.interfaces.map((i) => ({ [i.name]: i.ipv4.map((a) => a.subnet) })));
    const result = await deploy(prepared.stack, {
      mode: 'apply',
      refresh,
      guard: (plan) => {
        const refusal = destroysEveryRuntime(plan);
        return refusal ? `${refusal}; facts were ${subnets}` : undefined;
      },
      onEngine: (engine) => (this.engine = engine),
      engineEnv: this.options.engineEnv,
      stepTimeoutMs: this.options.stepTimeoutMs,
      engineNiceness: this.options.engineNiceness,
      progress: this.options.progress,
      engineNames: this.options.engineNames,
      movedFirst: prepared.movedFirst,
    });
    await saveFacts(this.options.factsFile, prepared.facts);
    await saveRuntimeVnics(this.options.vnicsFile, vnicRecords(prepared.stack.model));
    await this.record(prepared);
    this.stateTrusted = true;
    this.options.onApplied?.({ prepared, result, resync: run.resync, durationMs: Date.now() - started });
  }

  /** Keeps the auto addresses just applied in the allocation lock. */
  private async record(prepared: PreparedStack): Promise<void> {
    if (!this.options.lockFile || !this.lock) return;
    const after = withAllocations(this.lock, { [prepared.stack.model.stack]: prepared.stack.model.allocations });
    await writeAllocationLock(this.options.lockFile, this.lock, after);
    this.lock = after;
  }

  private docker(): DockerApi {
    this.dockerApi ??= new DockerApi(selectHost(this.options.config.hosts, this.options.host).connection);
    return this.dockerApi;
  }

  /** SIGINT to a running engine, which then stops its walk and releases the state lock. */
  interrupt(): boolean {
    return this.engine?.interrupt() ?? false;
  }
}
