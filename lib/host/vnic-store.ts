import { promises as fs } from 'fs';
import { EdgenetError } from '../core/errors';
import { RuntimeVnics } from '../core/vnic-records';
import { writeFileAtomic } from './files/atomic-write';

/** Writes runtime_vnics.json atomically, readable by the stack's group only. */
export async function saveRuntimeVnics(file: string, vnics: RuntimeVnics): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(vnics, null, 2)}\n`, 0o640);
}

/** A runtime_vnics.json (the reference agent's or edgenet's) as data, unchecked: lib/core/vnic-records reads it. */
export async function loadRuntimeVnicsFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new EdgenetError(`${file}: cannot read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new EdgenetError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
}
