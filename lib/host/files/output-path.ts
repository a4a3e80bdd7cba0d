import { accessSync, constants, mkdirSync, statfsSync, statSync, Stats } from 'fs';
import * as path from 'path';
import { EdgenetError } from '../../core/errors';

/**
 * Where edgenet writes (an out directory, a facts, status or vNIC file): checked before any
 * work, so a path that cannot be written is one line naming it, at once, with nothing written.
 */

export type OutputKind = 'directory' | 'file';

/** Kernel filesystems, by statfs magic: nothing edgenet writes belongs there, and mkdir in /proc loops Node's recursive mkdir forever. */
const KERNEL_FILESYSTEMS: Readonly<Record<number, string>> = {
  0x9fa0: 'proc',
  0x62656572: 'sysfs',
  0x27e0eb: 'cgroup',
  0x63677270: 'cgroup2',
  0x64626720: 'debugfs',
  0x74726163: 'tracefs',
  0x73636673: 'securityfs',
};

const ALLOWED: Readonly<Record<OutputKind, string>> = {
  directory: 'a directory edgenet may create or write, on a disk',
  file: 'a file path in a directory edgenet may create or write, on a disk',
};

export function statOrUndefined(at: string): Stats | undefined {
  try {
    return statSync(at);
  } catch {
    return undefined;
  }
}

/** Why edgenet cannot write in the existing directory `dir`, or undefined when it can. */
function unwritableDirectory(dir: string): string | undefined {
  let fsName: string | undefined;
  try {
    fsName = KERNEL_FILESYSTEMS[Number(statfsSync(dir).type)];
  } catch {
    fsName = undefined; // No statfs here: the checks below still hold.
  }
  if (fsName !== undefined) return `${dir} is on the ${fsName} filesystem`;
  try {
    accessSync(dir, constants.W_OK);
  } catch (err) {
    return `${dir} is not writable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  // root may write anywhere; a directory nobody may write is still read-only by intent.
  const mode = statSync(dir).mode;
  if ((mode & 0o222) === 0) return `${dir} is read-only (mode ${(mode & 0o777).toString(8).padStart(4, '0')})`;
  return undefined;
}

/** Why `target` cannot be written as a `kind`, checked without writing anything; undefined when it can. */
export function outputProblem(target: string, kind: OutputKind): string | undefined {
  // An empty path would resolve to the working directory, which nobody meant.
  if (target.trim() === '') return 'is empty';
  const full = path.resolve(target);
  const stat = statOrUndefined(full);
  if (stat && kind === 'directory' && !stat.isDirectory()) return 'is a file, not a directory';
  if (stat && kind === 'file' && stat.isDirectory()) return 'is a directory, not a file';
  // The directory that will hold it: itself for an existing out directory, else its nearest existing ancestor.
  const at = stat && kind === 'directory' ? full : nearestExisting(path.dirname(full));
  if (!(statOrUndefined(at) as Stats).isDirectory()) return `${at} is a file, not a directory`;
  return unwritableDirectory(at);
}

/** `at` if it exists, else its nearest ancestor that does. */
export function nearestExisting(at: string): string {
  let existing = path.resolve(at);
  while (statOrUndefined(existing) === undefined) existing = path.dirname(existing);
  return existing;
}

/** `--out DIR` or just the path, at the start of a message. */
const named = (target: string, label?: string) => (label ? `${label} ${target}` : target);

/** Throws an EdgenetError naming the path (and `label`, the option that gave it, e.g. `--out`) when `target` cannot be written. */
export function checkOutput(target: string, kind: OutputKind, label?: string): void {
  const problem = outputProblem(target, kind);
  if (problem !== undefined) throw new EdgenetError(`${named(target, label)}: cannot be written: ${problem}; expected ${ALLOWED[kind]}`);
}

/**
 * Creates `dir` and its missing parents one at a time. Node's recursive mkdir never ends
 * where mkdir answers ENOENT under an existing parent (/proc); this stops at the first error,
 * named in an EdgenetError.
 */
export function ensureDirectory(dir: string, label?: string): void {
  checkOutput(dir, 'directory', label);
  const missing: string[] = [];
  for (let at = path.resolve(dir); statOrUndefined(at) === undefined; at = path.dirname(at)) missing.unshift(at);
  for (const at of missing) {
    try {
      mkdirSync(at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statOrUndefined(at)?.isDirectory()) continue;
      throw new EdgenetError(`${named(dir, label)}: cannot create ${at}: ${(err as Error).message}`);
    }
  }
}
