import { RuntimeVnics } from '../core/vnic-records';
import { writeFileAtomic } from './files/atomic-write';

/** Writes runtime_vnics.json atomically, readable by the stack's group only. */
export async function saveRuntimeVnics(file: string, vnics: RuntimeVnics): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(vnics, null, 2)}\n`, 0o640);
}
