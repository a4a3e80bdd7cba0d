import { promises as fs } from 'fs';
import { EdgenetError } from '../../core/errors';
import { checkFacts } from '../../core/facts/check';
import { HostFacts } from '../../core/facts/types';
import { writeFileAtomic } from '../files/atomic-write';

/** Reading and writing a facts JSON file; what is read is checked so a hand-edited file fails with a path. */

export async function loadFacts(file: string): Promise<HostFacts> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new EdgenetError(`${file}: cannot read facts file: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new EdgenetError(`${file}: facts file is not valid JSON: ${(err as Error).message}`);
  }
  return checkFacts(raw);
}

export async function saveFacts(file: string, facts: HostFacts): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(facts, null, 2)}\n`);
}
