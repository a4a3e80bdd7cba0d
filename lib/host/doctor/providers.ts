import { createHash } from 'crypto';
import { createReadStream, existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LockObservation, ProviderBuild, ProvidersObservation } from '../../core/doctor/observations';
import { cliConfigMirrors, linuxPlatform, mirrorBuildDirs, packageHashV1 } from '../../core/doctor/provider-checks';
import { EdgenetError } from '../../core/errors';
import { PACKAGED_MIRROR } from '../engine/packaged-providers';
import { PROVIDER_LOCK_FILE, readProviderLock } from '../provider-lock-file';

/** Where the providers' lock and mirror are, and this machine's builds in it, as the engine would find them. */

export interface ProviderPlaces {
  /** The committed lock. @default - the package's .terraform.lock.hcl */
  readonly lockFile?: string;
  /** For TF_CLI_CONFIG_FILE. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where ~/.terraformrc and ~/.terraform.d/plugins are. @default - $HOME */
  readonly home?: string;
  /** The providers the npm package carries. @default - the package's providers directory */
  readonly packagedMirror?: string;
  /** The machine as Node names it. @default - process.platform and process.arch */
  readonly machine?: { readonly platform: string; readonly arch: string };
}

function readLock(file: string): LockObservation {
  try {
    return { file, state: 'read', providers: readProviderLock(file).providers };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { file, state: 'missing' };
    const message = (err as Error).message;
    return { file, state: 'damaged', error: err instanceof EdgenetError ? message : `${file}: cannot read: ${message}` };
  }
}

function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The h1 hash of an unpacked build directory, as `terraform init` computes it; undefined when it holds no readable file. */
async function directoryHash(dir: string): Promise<string | undefined> {
  try {
    const names = await fs.readdir(dir);
    if (names.length === 0) return undefined;
    // Build files are symlinks into the test bed's cache: the hash is of what they point at.
    const files = await Promise.all(names.map(async (name) => ({ name, sha256: await sha256Of(path.join(dir, name)) })));
    return packageHashV1(files);
  } catch {
    return undefined;
  }
}

/**
 * The mirrors the engine searches: the CLI config's filesystem_mirror paths; else the
 * providers the npm package carries, which edgenet points the engine at; else the implied
 * ~/.terraform.d/plugins.
 */
async function mirrorsOf(env: NodeJS.ProcessEnv, home: string, packaged: string): Promise<{ mirrors: string[]; from: string }> {
  if (!env.TF_CLI_CONFIG_FILE && existsSync(packaged)) return { mirrors: [packaged], from: "the providers edgenet's package carries" };
  const implied = { mirrors: [path.join(home, '.terraform.d', 'plugins')], from: 'the implied local mirror' };
  const cliConfig = env.TF_CLI_CONFIG_FILE || path.join(home, '.terraformrc');
  let text: string;
  try {
    text = await fs.readFile(cliConfig, 'utf8');
  } catch {
    return implied;
  }
  const named = cliConfigMirrors(text);
  return named === undefined ? implied : { mirrors: named, from: `the filesystem_mirror paths of ${cliConfig}` };
}

async function findBuild(mirrors: readonly string[], address: string, version: string, platform: string): Promise<ProviderBuild> {
  for (const mirror of mirrors) {
    for (const dir of mirrorBuildDirs(mirror, address, version, platform)) {
      const hash = await directoryHash(dir);
      if (hash !== undefined) return { address, version, found: { dir, hash } };
    }
  }
  return { address, version };
}

export async function observeProviders(places: ProviderPlaces = {}): Promise<ProvidersObservation> {
  const env = places.env ?? process.env;
  const home = places.home ?? os.homedir();
  const { platform: system, arch } = places.machine ?? process;
  const machine = `${system} ${arch}`;
  const lock = readLock(places.lockFile ?? PROVIDER_LOCK_FILE);
  const platform = linuxPlatform(system, arch);
  const { mirrors, from } = await mirrorsOf(env, home, places.packagedMirror ?? PACKAGED_MIRROR);
  const builds =
    lock.state === 'read' && platform !== undefined
      ? await Promise.all(lock.providers.map((p) => findBuild(mirrors, p.address, p.version, platform)))
      : [];
  return { lock, ...(platform !== undefined ? { platform } : {}), machine, mirrors, mirrorsFrom: from, builds };
}
