import { EdgenetError } from './errors';

/**
 * Terraform's dependency lock file (.terraform.lock.hcl): which provider builds a stack
 * installs. edgenet commits one beside the app and puts it into every stack directory, so
 * `terraform init` needs no registry and cdktf never runs `terraform providers lock`.
 */

/** One `provider "<address>" { ... }` block. */
export interface LockedProvider {
  /** Full address, e.g. `registry.terraform.io/kreuzwerker/docker`. */
  readonly address: string;
  readonly version: string;
  /** The version constraint the lock was made for; cdktf compares it with the stack's. */
  readonly constraints?: string;
  /** `h1:` (and `zh:`) hashes; one h1 per platform for a mirror's unpacked builds. */
  readonly hashes: readonly string[];
}

/** A stack's `terraform.required_providers` entry, as cdk.tf.json writes it. */
export interface RequiredProvider {
  readonly source: string;
  readonly version?: string;
}

const DEFAULT_REGISTRY = 'registry.terraform.io';

/** The address Terraform gives a source: `kreuzwerker/docker` -> `registry.terraform.io/kreuzwerker/docker`. */
export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  return parts.length === 2 ? [DEFAULT_REGISTRY, ...parts].join('/') : parts.join('/');
}

/**
 * The provider blocks of a lock file. The file is Terraform's own output in a fixed shape
 * (one attribute a line, hashes one a line), so lines are read as Terraform writes them; a
 * block without a version is refused rather than guessed.
 */
export function parseProviderLock(text: string): LockedProvider[] {
  const providers: LockedProvider[] = [];
  let current: { address: string; version?: string; constraints?: string; hashes: string[] } | undefined;
  let inHashes = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const block = /^provider\s+"([^"]+)"\s*\{$/.exec(line);
    if (block) {
      current = { address: block[1], hashes: [] };
      return;
    }
    if (current === undefined) throw new EdgenetError(`line ${i + 1}: expected a provider block, got ${JSON.stringify(line)}`);
    const attribute = /^(version|constraints)\s*=\s*"([^"]*)"$/.exec(line);
    if (inHashes) {
      const hash = /^"([^"]+)",?$/.exec(line);
      if (hash) current.hashes.push(hash[1]);
      else if (line === ']') inHashes = false;
      else throw new EdgenetError(`line ${i + 1}: expected a hash or ], got ${JSON.stringify(line)}`);
    } else if (attribute) {
      current[attribute[1] as 'version' | 'constraints'] = attribute[2];
    } else if (/^hashes\s*=\s*\[$/.test(line)) {
      inHashes = true;
    } else if (line === '}') {
      if (current.version === undefined) throw new EdgenetError(`line ${i + 1}: provider "${current.address}" has no version`);
      providers.push({ ...current, version: current.version });
      current = undefined;
    } else {
      throw new EdgenetError(`line ${i + 1}: unexpected ${JSON.stringify(line)}`);
    }
  });
  if (current !== undefined) throw new EdgenetError(`provider "${current.address}" is not closed`);
  return providers;
}

/**
 * Why `locked` cannot serve a stack requiring `required` (one line a provider, none when it
 * can). It serves when each required provider is locked at exactly the stack's version with
 * that version as its constraint: Terraform then installs the locked build, and cdktf's own
 * check (the `constraints` line matches) skips `terraform providers lock`.
 */
export function lockMismatches(locked: readonly LockedProvider[], required: Readonly<Record<string, RequiredProvider>>): string[] {
  return Object.values(required).flatMap(({ source, version }) => {
    const address = providerAddress(source);
    const entry = locked.find((p) => p.address === address);
    if (entry === undefined) return [`${address}: not in the lock file`];
    if (version === undefined || entry.version !== version || entry.constraints !== version) {
      return [
        `${address}: locked at ${entry.version} (constraints ${entry.constraints ?? 'none'}), the stack requires ${version ?? 'any version'}`,
      ];
    }
    return [];
  });
}
