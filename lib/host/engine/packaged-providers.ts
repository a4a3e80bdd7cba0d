import { existsSync, mkdirSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import * as path from 'path';
import { EdgenetError } from '../../core/errors';
import { addressAliases, mirrorCliConfig } from '../../core/provider-installation';
import { packageRoot, PROVIDER_LOCK_FILE, readProviderLock } from '../provider-lock-file';

/**
 * The provider builds the npm package carries (its `prepack`, scripts/pack-providers.sh),
 * every platform the lock pins, in the unpacked mirror layout under one registry name each.
 * A checkout has none: there `scripts/testbed.sh tools` fills the engine's implied mirror.
 */
export const PACKAGED_MIRROR = path.join(packageRoot(), 'providers');

/** Where, below a stack directory, the engine is pointed at the package's providers. */
export const PACKAGED_PROVIDERS_DIR = '.edgenet-providers';

export interface PackagedProviderPlaces {
  /** @default - the package's providers directory */
  readonly mirror?: string;
  /** @default - the package's .terraform.lock.hcl */
  readonly lockFile?: string;
}

/**
 * The environment that has the engine install edgenet's providers from the package, for a
 * run in the stack directory `dir`: none when the user names a CLI config of their own
 * (TF_CLI_CONFIG_FILE wins) or the package carries no providers. The engine reads a mirror in
 * `dir` whose registry names (tofu asks for kreuzwerker/docker under its own registry) are
 * links to the package's one copy, so the package holds each build once.
 */
export function packagedProvidersEnv(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
  places: PackagedProviderPlaces = {},
): NodeJS.ProcessEnv {
  const packaged = places.mirror ?? PACKAGED_MIRROR;
  if (env.TF_CLI_CONFIG_FILE || !existsSync(packaged)) return {};
  const addresses = readProviderLock(places.lockFile ?? PROVIDER_LOCK_FILE).providers.map((p) => p.address);
  const root = path.join(dir, PACKAGED_PROVIDERS_DIR);
  const mirror = path.join(root, 'mirror');
  try {
    for (const address of addresses) {
      for (const name of addressAliases(address)) linkFiles(path.join(packaged, address), path.join(mirror, name));
    }
    const config = path.join(root, 'terraform.rc');
    writeFileSync(config, mirrorCliConfig(mirror, addresses));
    return { TF_CLI_CONFIG_FILE: config };
  } catch (err) {
    throw new EdgenetError(`${root}: cannot point the engine at the package's providers: ${(err as Error).message}`);
  }
}

/**
 * Links every file below `from` at the same place below `to`, in directories of its own: the
 * engine's mirror search follows a linked file, not a linked directory.
 */
function linkFiles(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const target = path.join(entry.parentPath, entry.name);
    const link = path.join(to, path.relative(from, target));
    try {
      if (readlinkSync(link) === target) continue;
    } catch {
      // not there yet, or not a link
    }
    rmSync(link, { recursive: true, force: true });
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(target, link);
  }
}
