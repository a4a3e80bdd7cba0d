import { promises as fs } from 'fs';
import * as path from 'path';
import { EdgenetError } from '../../core/errors';
import { checkOutput, ensureDirectory } from './output-path';

/**
 * Write-then-rename in the same directory, so readers (the watcher, a concurrent
 * plan) see the old file or the new one, never half of one. A path that cannot be
 * written is an EdgenetError naming it (and `label`, the option that gave it).
 */
export async function writeFileAtomic(file: string, data: string, mode = 0o644, label?: string): Promise<void> {
  checkOutput(file, 'file', label);
  ensureDirectory(path.dirname(file), label);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.writeFile(tmp, data, { mode });
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw new EdgenetError(`${label ? `${label} ` : ''}${file}: cannot be written: ${(err as Error).message}`);
  }
}
