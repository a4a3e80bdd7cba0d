import { createHash } from 'crypto';
import { addressAliases } from '../provider-installation';
import { Finding } from './finding';
import { ProviderBuild, ProvidersObservation } from './observations';

/**
 * 9. The providers for plan and apply: the committed lock, and this machine's build of each
 * provider it pins in a mirror the engine searches, as the lock pins it. Also the rules the
 * reader needs: the platform, the mirror layout, the lock's h1 hash, the CLI config's mirrors.
 */

/** Terraform's platform for a machine as Node names it (`process.platform`, `process.arch`); undefined where no provider is built. */
export function linuxPlatform(nodePlatform: string, nodeArch: string): string | undefined {
  if (nodePlatform !== 'linux') return undefined;
  return { x64: 'linux_amd64', arm64: 'linux_arm64' }[nodeArch];
}

/** The unpacked layout's directories that may hold a build: `<mirror>/<host>/<namespace>/<type>/<version>/<platform>`. */
export function mirrorBuildDirs(mirror: string, address: string, version: string, platform: string): string[] {
  return addressAliases(address).map((name) => [mirror.replace(/\/+$/, ''), name, version, platform].join('/'));
}

/**
 * Terraform's `h1:` hash of an unpacked provider directory (dirhash Hash1): the sha256 of the
 * lines `<sha256 hex>  <file name>\n`, in name order, base64. `files` are the directory's
 * files with their contents' sha256 in hex.
 */
export function packageHashV1(files: readonly { readonly name: string; readonly sha256: string }[]): string {
  const summary = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.name}\n`)
    .join('');
  return `h1:${createHash('sha256').update(summary).digest('base64')}`;
}

/**
 * The `filesystem_mirror` paths of a CLI config (`TF_CLI_CONFIG_FILE`, `~/.terraformrc`), or
 * undefined when it has no `provider_installation` block: then the engine searches its implied
 * mirrors (~/.terraform.d/plugins). With the block, only the mirrors it names are searched.
 */
export function cliConfigMirrors(text: string): string[] | undefined {
  const code = text
    .split('\n')
    .filter((line) => !/^\s*(#|\/\/)/.test(line))
    .join('\n');
  if (!/\bprovider_installation\s*\{/.test(code)) return undefined;
  return [...code.matchAll(/\bfilesystem_mirror\s*\{[^}]*?\bpath\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
}

const FILL_MIRROR =
  'in a checkout of edgenet run scripts/testbed.sh tools (it builds both providers into ~/.terraform.d/plugins), or copy a mirror that has them (README: Sites without internet)';

function buildCheck(build: ProviderBuild, observed: ProvidersObservation, hashes: readonly string[]): Finding {
  const base = { check: 'providers', subject: `${build.address} ${build.version}` } as const;
  const platform = observed.platform as string;
  if (build.found === undefined) {
    return {
      ...base,
      status: 'blocking',
      found: `no ${platform} build in ${observed.mirrors.join(', ') || '(no mirror)'} (${observed.mirrorsFrom}): plan and apply will fail at init`,
      todo: FILL_MIRROR,
    };
  }
  if (!hashes.includes(build.found.hash)) {
    return {
      ...base,
      status: 'blocking',
      found: `${build.found.dir} is another build than the lock pins (${build.found.hash}): init will refuse it`,
      todo: `replace it with the locked build: ${FILL_MIRROR}`,
    };
  }
  return { ...base, status: 'ok', found: `${platform} build in ${build.found.dir}, as the lock pins it`, todo: '' };
}

export function providerChecks(observed: ProvidersObservation): Finding[] {
  const { lock } = observed;
  const base = { check: 'providers', subject: lock.file } as const;
  if (lock.state === 'missing') {
    return [
      {
        ...base,
        status: 'blocking',
        found: 'no provider lock: init cannot verify the providers and cdktf would ask the public registry',
        todo: 'restore it (git checkout .terraform.lock.hcl, or reinstall edgenet, whose package ships it)',
      },
    ];
  }
  if (lock.state === 'damaged') {
    return [{ ...base, status: 'blocking', found: lock.error, todo: 'restore the committed file (git checkout .terraform.lock.hcl)' }];
  }
  const pinned = lock.providers.map((p) => `${p.address} ${p.version}`).join(', ');
  const findings: Finding[] = [{ ...base, status: 'ok', found: `pins ${pinned || 'no provider'}`, todo: '' }];
  if (observed.platform === undefined) {
    findings.push({
      check: 'providers',
      subject: observed.machine,
      status: 'blocking',
      found: `no provider builds for this machine (${observed.machine}): they are built for linux_amd64 and linux_arm64`,
      todo: 'plan and apply from a Linux amd64 or arm64 machine',
    });
    return findings;
  }
  for (const build of observed.builds) {
    const locked = lock.providers.find((p) => p.address === build.address);
    findings.push(buildCheck(build, observed, locked?.hashes ?? []));
  }
  return findings;
}
