import { promises as fs } from 'fs';
import * as path from 'path';

/**
 * Write-then-rename in the same directory, so readers (the watcher, a concurrent
 * plan) see the old file or the new one, never half of one.
 */
export async function writeFileAtomic(file: string, data: string, mode = 0o644): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.writeFile(tmp, data, { mode });
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
