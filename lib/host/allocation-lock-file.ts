import { existsSync } from 'fs';
import * as path from 'path';
import { AllocationLock, AllocationLockSchema, EMPTY_LOCK, lockText } from '../core/allocation-lock';
import { oneLine, ValidationError } from '../core/errors';
import { issuesToProblems } from '../core/schema-issues';
import { writeFileAtomic } from './files/atomic-write';
import { INPUT_LIMITS, nestingProblem } from '../core/input-limits';
import { readInputText } from './files/read-input';

/** The allocation lock kept beside a config: `edge.yaml` -> `edge.lock.json`. */
export function lockFileFor(configFile: string): string {
  const parsed = path.parse(configFile);
  return path.join(parsed.dir, `${parsed.name}.lock.json`);
}

/** The lock as it is on disk; none yet is an empty lock. A damaged one is an error naming the file. */
export async function readAllocationLock(file: string): Promise<AllocationLock> {
  if (!existsSync(file)) return EMPTY_LOCK;
  const text = await readInputText(file, 'allocation lock', INPUT_LIMITS.dataBytes);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ValidationError([
      { path: file, message: `is not valid JSON (${oneLine((err as Error).message)}); expected the allocation lock edgenet writes` },
    ]);
  }
  const tooDeep = nestingProblem(raw, file);
  if (tooDeep) throw new ValidationError([tooDeep]);
  const parsed = AllocationLockSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ValidationError(issuesToProblems(AllocationLockSchema, parsed.error.issues, file));
  return parsed.data;
}

/** Writes the lock when it changed; true when it did. */
export async function writeAllocationLock(file: string, before: AllocationLock, after: AllocationLock): Promise<boolean> {
  if (lockText(before) === lockText(after)) return false;
  await writeFileAtomic(file, lockText(after));
  return true;
}
