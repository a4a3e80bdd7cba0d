import { promises as fs } from 'fs';
import * as YAML from 'yaml';
import { EdgenetError } from '../errors';

/** Reads a config file as JSON (`.json`) or YAML (anything else; YAML is a superset of JSON). */
export async function readConfigFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new EdgenetError(`${file}: cannot read config file: ${(err as Error).message}`);
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, file: string): unknown {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new EdgenetError(`${file}: not valid JSON: ${(err as Error).message}`);
    }
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new EdgenetError(doc.errors.map((e) => `${file}: not valid YAML: ${e.message.split('\n')[0]}`).join('\n'));
  }
  return doc.toJS();
}
