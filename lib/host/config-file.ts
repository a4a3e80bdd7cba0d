import { promises as fs } from 'fs';
import { parseConfigText } from '../core/config/parse-text';
import { validateConfig, ValidConfig } from '../core/config/validate';
import { EdgenetError } from '../core/errors';

/** Reads and validates a config file (JSON or YAML). */
export async function readConfigFile(file: string): Promise<ValidConfig> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new EdgenetError(`${file}: cannot read config file: ${(err as Error).message}`);
  }
  return validateConfig(parseConfigText(text, file));
}
