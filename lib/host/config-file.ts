import * as path from 'path';
import { parseConfigText } from '../core/config/parse-text';
import { HostTarget } from '../core/config/targets';
import { validateConfig, ValidConfig } from '../core/config/validate';
import { INPUT_LIMITS } from '../core/input-limits';
import { readInputText } from './files/read-input';

/** Reads and validates a config file (JSON or YAML); its relative paths become the file's. */
export async function readConfigFile(file: string): Promise<ValidConfig> {
  const text = await readInputText(file, 'config file', INPUT_LIMITS.configBytes);
  return relativeTo(validateConfig(parseConfigText(text, file)), path.dirname(path.resolve(file)));
}

/** Paths in a config (certificates, facts files) are relative to the config file, wherever edgenet runs. */
function relativeTo(config: ValidConfig, dir: string): ValidConfig {
  const resolve = (p: string | undefined) => (p === undefined ? undefined : path.resolve(dir, p));
  const hosts: HostTarget[] = config.hosts.map((host) => {
    const certPath = resolve(host.connection.certPath);
    const factsFile = resolve(host.factsFile);
    return {
      ...host,
      connection: { ...host.connection, ...(certPath !== undefined ? { certPath } : {}) },
      ...(factsFile !== undefined ? { factsFile } : {}),
    };
  });
  return { ...config, hosts };
}
