import { EdgenetError, oneLine } from '../../core/errors';
import { checkFacts } from '../../core/facts/check';
import { HostFacts } from '../../core/facts/types';
import { writeFileAtomic } from '../files/atomic-write';
import { INPUT_LIMITS } from '../../core/input-limits';
import { readInputText } from '../files/read-input';

/** Reading and writing a facts JSON file; what is read is checked so a hand-edited file fails with a path. */

export async function loadFacts(file: string): Promise<HostFacts> {
  const text = await readInputText(file, 'facts file', INPUT_LIMITS.dataBytes);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new EdgenetError(`${file}: facts file is not valid JSON: ${oneLine((err as Error).message)}`);
  }
  return checkFacts(raw);
}

/** `label`: the option that named the file, for messages. */
export async function saveFacts(file: string, facts: HostFacts, label?: string): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(facts, null, 2)}\n`, 0o644, label);
}
