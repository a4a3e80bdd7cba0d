import { readConfigFile } from './config/load';
import { ValidConfig, validateConfig } from './config/validate';
import { detectFacts } from './facts/detect';
import { loadFacts } from './facts/file';
import { applyOverride, readOverride } from './facts/override';
import { HostFacts } from './facts/types';

/** The edge of the program where files and the host become (config, facts). */

export async function loadConfig(file: string): Promise<ValidConfig> {
  return validateConfig(await readConfigFile(file));
}

/** Facts from a file (overrides still apply), else detected on this host. */
export async function loadOrDetectFacts(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<HostFacts> {
  if (file === undefined) return detectFacts({ env });
  const facts = await loadFacts(file);
  const override = readOverride(env);
  return override ? applyOverride(facts, override) : facts;
}
