import * as YAML from 'yaml';
import { EdgenetError } from '../errors';

/** A config file's text as data: JSON for `.json` files, YAML (a superset of JSON) for anything else. */
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
