import { mkdtempSync, readdirSync, renameSync, rmSync } from 'fs';
import * as path from 'path';
import { EdgenetError } from '../../core/errors';
import { checkOutput, ensureDirectory, nearestExisting, statOrUndefined } from './output-path';

/**
 * Writes a directory's files all or none: `write` fills a temporary directory, whose files
 * are renamed into `target` at the end (the whole directory, when `target` is new). Whatever
 * fails on the way, the temporary directory is removed and `target` and its parents are as
 * they were. Files already in `target` that `write` does not make (the engine's .terraform,
 * the watcher's status) are kept.
 */
export function writeStaged<T>(target: string, label: string, write: (staging: string) => T): T {
  checkOutput(target, 'directory', label);
  const exists = statOrUndefined(target) !== undefined;
  // On the target's filesystem, so the renames at the end are atomic: inside it, or in the
  // nearest directory that exists (its missing parents are made only once all is written).
  const beside = exists ? target : nearestExisting(path.dirname(path.resolve(target)));
  let staging: string;
  try {
    staging = mkdtempSync(path.join(beside, '.edgenet-staging-'));
  } catch (err) {
    throw new EdgenetError(`${label} ${target}: cannot be written: ${(err as Error).message}`);
  }
  try {
    const result = write(staging);
    if (exists) {
      for (const file of filesIn(staging)) {
        ensureDirectory(path.dirname(path.join(target, file)), label);
        move(path.join(staging, file), path.join(target, file), label);
      }
    } else {
      ensureDirectory(path.dirname(path.resolve(target)), label);
      move(staging, target, label);
    }
    return result;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Every file below `dir`, as paths relative to it. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

function move(from: string, to: string, label: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    throw new EdgenetError(`${label} ${to}: cannot be written: ${(err as Error).message}`);
  }
}
