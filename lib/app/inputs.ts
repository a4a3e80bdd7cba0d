import { ValidConfig } from '../core/config/validate';
import { applyOverride, readOverride } from '../core/facts/override';
import { HostFacts } from '../core/facts/types';
import { readConfigFile } from '../host/config-file';
import { detectFacts } from '../host/facts/detect';
import { loadFacts } from '../host/facts/facts-file';

/** The edge of the program where files and the host become (config, facts). */

export async function loadConfig(file: string): Promise<ValidConfig> {
  return readConfigFile(file);
}

/** Facts from a file (overrides still apply), else detected on this host. */
export async function loadOrDetectFacts(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<HostFacts> {
  if (file === undefined) return detectFacts({ env });
  const facts = await loadFacts(file);
  const override = readOverride(env);
  return override ? applyOverride(facts, override) : facts;
}
