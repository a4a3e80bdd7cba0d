import execa from 'execa';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EngineError } from '../../core/errors';
import { isStateLockError, stateLockMessage } from './state-lock';

/**
 * Runs the Terraform-compatible engine in a stack directory. The binary is
 * TERRAFORM_BINARY_NAME (as cdktf does), else `terraform`, else `tofu`.
 */

export type Progress = (message: string) => void;

export interface EngineOptions {
  /** The stack directory holding cdk.tf.json. */
  readonly cwd: string;
  /** @default - TERRAFORM_BINARY_NAME, else terraform, else tofu, found on PATH */
  readonly binary?: string;
  /** Extra environment (TF_CLI_CONFIG_FILE for a provider mirror, TF_IN_AUTOMATION...). */
  readonly env?: NodeJS.ProcessEnv;
  /** Called with a line before and after each long step. @default - silent */
  readonly progress?: Progress;
  /** Abort a step after this long; the engine gets SIGINT first, as it expects. @default 30 minutes */
  readonly timeoutMs?: number;
  /** Time the engine gets after SIGINT before SIGKILL. @default 30 s */
  readonly killGraceMs?: number;
  /**
   * CPU niceness of the engine and of the providers it starts (0 to 19, higher yields more),
   * never below the caller's own: a daemon's runs then leave the CPU to the programs the host
   * is there for.
   *
   * @default - the caller's
   */
  readonly niceness?: number;
  /**
   * Who holds the state lock, when the backend's own lock info does not say (pg).
   *
   * @default - the engine's lock info
   */
  readonly lockHolder?: () => Promise<string | undefined>;
}

export interface EngineResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const DEFAULT_STEP_TIMEOUT_MS = 30 * 60 * 1000;
export const DEFAULT_KILL_GRACE_MS = 30 * 1000;

function onPath(binary: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, binary)));
}

/** `terraform`, else `tofu`, whichever PATH has first; undefined when neither. */
export function engineOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return ['terraform', 'tofu'].find((b) => onPath(b, env));
}

export function resolveEngineBinary(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TERRAFORM_BINARY_NAME) return env.TERRAFORM_BINARY_NAME;
  return engineOnPath(env) ?? 'terraform';
}

export class Engine {
  readonly binary: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly progress: Progress;
  private current?: execa.ExecaChildProcess;

  constructor(private readonly options: EngineOptions) {
    this.env = { ...process.env, TF_IN_AUTOMATION: '1', ...options.env };
    this.binary = options.binary ?? resolveEngineBinary(this.env);
    this.progress = options.progress ?? (() => undefined);
  }

  /** Runs one engine command; `okCodes` are exit codes that are answers, not failures (plan's 2). */
  async run(args: readonly string[], okCodes: readonly number[] = [0]): Promise<EngineResult> {
    const started = Date.now();
    this.progress(`${this.binary} ${args[0]} in ${this.options.cwd} ...`);
    const child = execa(this.binary, [...args], {
      cwd: this.options.cwd,
      env: this.env,
      reject: false,
    });
    this.current = child;
    // Set before the engine starts its providers, which inherit it. Only ever lowered: that
    // needs no privilege, and the engine never runs ahead of its caller.
    const own = os.getPriority();
    const niceness = Math.max(this.options.niceness ?? 0, own);
    if (niceness !== own && child.pid !== undefined) {
      try {
        os.setPriority(child.pid, niceness);
      } catch {
        // ESRCH: the engine exited at once; its failure is reported below
      }
    }
    let timedOut = false;
    // SIGINT first: the engine then stops its graph walk and releases the state lock.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGINT', { forceKillAfterTimeout: this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS });
    }, this.options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS);
    const result = await child.finally(() => clearTimeout(timer));
    this.current = undefined;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (timedOut) {
      throw new EngineError(
        `${this.binary} ${args[0]} timed out after ${this.options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS} ms and was interrupted`,
        `${result.stdout}\n${result.stderr}`,
      );
    }
    const exitCode = result.exitCode ?? 1;
    const output = `${result.stdout}\n${result.stderr}`;
    if (!okCodes.includes(exitCode) && isStateLockError(output)) {
      const holder = await this.options.lockHolder?.().catch(() => undefined);
      throw new EngineError(stateLockMessage(output, path.basename(this.options.cwd), this.options.cwd, holder) as string, output.trim());
    }
    if (!okCodes.includes(exitCode)) {
      throw new EngineError(
        `${this.binary} ${args.join(' ')} failed with exit code ${exitCode} after ${seconds} s`,
        `${result.stdout}\n${result.stderr}`.trim(),
      );
    }
    this.progress(`${this.binary} ${args[0]} done in ${seconds} s`);
    return { exitCode, stdout: result.stdout, stderr: result.stderr };
  }

  /** Forwards an interrupt to a running engine so it releases the state lock cleanly. */
  interrupt(): boolean {
    return this.current?.kill('SIGINT') ?? false;
  }

  /**
   * `init` once per stack directory, providers and backend; later runs skip it (it costs
   * seconds on every watcher reconcile). `terraform` is the synthesized `terraform` block,
   * whose providers and backend decide whether an earlier init still holds. The backend path
   * is fixed by EdgeStack, so -reconfigure never strands a state file.
   */
  async init(terraform: { readonly required_providers?: unknown; readonly backend?: unknown } = {}): Promise<void> {
    const marker = path.join(this.options.cwd, '.terraform', 'edgenet-init-stamp');
    const stamp = JSON.stringify({ providers: terraform.required_providers ?? {}, backend: terraform.backend ?? {} });
    if (existsSync(marker) && (await fs.readFile(marker, 'utf8')) === stamp) return;
    await this.run(['init', '-input=false', '-no-color', '-reconfigure']);
    await fs.writeFile(marker, stamp);
  }

  /** Returns true when the plan has changes (engine exit 2). */
  async plan(extra: readonly string[] = []): Promise<{ changes: boolean; output: string }> {
    const result = await this.run(['plan', '-input=false', '-no-color', '-detailed-exitcode', ...extra], [0, 2]);
    return { changes: result.exitCode === 2, output: result.stdout };
  }

  async apply(extra: readonly string[] = []): Promise<string> {
    return (await this.run(['apply', '-input=false', '-no-color', '-auto-approve', ...extra])).stdout;
  }

  async destroy(): Promise<string> {
    return (await this.run(['destroy', '-input=false', '-no-color', '-auto-approve'])).stdout;
  }

  /** The stack's state as the backend holds it (format 4); undefined when there is none yet. */
  async statePull(): Promise<unknown> {
    const text = (await this.run(['state', 'pull'])).stdout.trim();
    return text === '' ? undefined : JSON.parse(text);
  }

  async showJson(planFile: string): Promise<any> {
    return JSON.parse((await this.run(['show', '-json', '-no-color', planFile])).stdout);
  }
}
