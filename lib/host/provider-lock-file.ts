import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { EdgenetError } from '../core/errors';
import { LockedProvider, parseProviderLock } from '../core/provider-lock';

export const PROVIDER_LOCK_NAME = '.terraform.lock.hcl';

/** The package's root: the nearest directory above this file with a package.json (the sources' root, or the one above dist/). */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new EdgenetError(`no package.json above ${from}: cannot find edgenet's ${PROVIDER_LOCK_NAME}`);
  }
}

/** The providers' lock file committed beside the app (and shipped in the npm package). */
export const PROVIDER_LOCK_FILE = path.join(packageRoot(), PROVIDER_LOCK_NAME);

export interface ProviderLock {
  readonly file: string;
  readonly text: string;
  readonly providers: readonly LockedProvider[];
}

/** The lock file as committed; a damaged one is an error naming it. */
export function readProviderLock(file: string = PROVIDER_LOCK_FILE): ProviderLock {
  const text = readFileSync(file, 'utf8');
  try {
    return { file, text, providers: parseProviderLock(text) };
  } catch (err) {
    throw new EdgenetError(`${file}: ${(err as Error).message}; expected a lock file written by \`terraform providers lock\``);
  }
}

/** Puts `lock` into a stack directory, where `terraform init` and cdktf look for it; unchanged files are left alone. */
export function placeProviderLock(dir: string, lock: ProviderLock): void {
  const target = path.join(dir, PROVIDER_LOCK_NAME);
  if (existsSync(target) && readFileSync(target, 'utf8') === lock.text) return;
  writeFileSync(target, lock.text);
}

/** Takes back a lock `placeProviderLock` put there (and only that): it no longer serves the stack. */
export function removePlacedProviderLock(dir: string, lock: ProviderLock): void {
  const target = path.join(dir, PROVIDER_LOCK_NAME);
  if (existsSync(target) && readFileSync(target, 'utf8') === lock.text) rmSync(target);
}
