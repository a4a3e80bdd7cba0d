import * as os from 'os';
import { Engine, Progress } from '../host/engine/engine';
import { packagedProvidersEnv } from '../host/engine/packaged-providers';
import { lockHolderName, pgLockHolders } from '../host/state/pg-lock-holder';
import { SynthesizedStack } from './synth';

export interface StackEngineOptions {
  /** What this run does, as it names itself to the state backend (apply, plan, drift ...). */
  readonly command: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly progress?: Progress;
  readonly timeoutMs?: number;
  /** CPU niceness of the engine's runs (EngineOptions.niceness). @default 0 */
  readonly niceness?: number;
}

/**
 * The engine for a stack's directory. It installs the providers the npm package carries,
 * unless the user's own CLI config says where. With the pg backend, edgenet's runs name
 * themselves in PostgreSQL (PGAPPNAME), and a run refused by the state lock asks PostgreSQL
 * who holds it.
 */
export function engineFor(stack: SynthesizedStack, options: StackEngineOptions): Engine {
  const pg = stack.model.host.state.backend === 'pg';
  const connection = { ...process.env, ...options.env }.PG_CONN_STR;
  const env = {
    ...packagedProvidersEnv(stack.dir, { ...process.env, ...options.env }),
    ...options.env,
    ...(pg ? { PGAPPNAME: lockHolderName(options.command, os.userInfo().username, os.hostname(), process.pid) } : {}),
  };
  return new Engine({
    cwd: stack.dir,
    env,
    progress: options.progress,
    timeoutMs: options.timeoutMs,
    niceness: options.niceness,
    ...(pg && connection ? { lockHolder: async () => (await pgLockHolders(connection)).join('; ') || undefined } : {}),
  });
}
