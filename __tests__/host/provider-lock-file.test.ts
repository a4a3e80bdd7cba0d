import { readFileSync } from 'fs';
import * as path from 'path';
import { DOCKER_PROVIDER_VERSION } from '../../constructs/edge-stack';
import { EDGENET_PROVIDER_SOURCE, EDGENET_PROVIDER_VERSION } from '../../constructs/edgenet-provider';
import { lockMismatches } from '../../lib/core/provider-lock';
import { PROVIDER_LOCK_FILE, readProviderLock } from '../../lib/host/provider-lock-file';

const ROOT = path.resolve(__dirname, '..', '..');

/** `NAME=value` as a test bed module assigns it (one line, unquoted). */
function shellValue(script: string, name: string): string {
  const text = readFileSync(path.join(ROOT, 'scripts', 'testbed', script), 'utf8');
  const match = new RegExp(`^${name}=(.*)$`, 'm').exec(text);
  if (!match) throw new Error(`${script} assigns no ${name}`);
  return match[1];
}

/**
 * The committed lock file and every place that pins a provider must agree: the stacks
 * (constructs), the builds (test bed modules) and the lock. A version bumped in one place
 * only fails here, before any engine runs.
 */
describe('the committed provider lock file', () => {
  const lock = readProviderLock();

  test('is the one beside package.json', () => {
    expect(PROVIDER_LOCK_FILE).toBe(path.join(ROOT, '.terraform.lock.hcl'));
  });

  test("locks both providers at the versions the stacks require (cdktf's check and terraform init's)", () => {
    expect(
      lockMismatches(lock.providers, {
        docker: { source: 'kreuzwerker/docker', version: DOCKER_PROVIDER_VERSION },
        edgenet: { source: EDGENET_PROVIDER_SOURCE, version: EDGENET_PROVIDER_VERSION },
      }),
    ).toEqual([]);
  });

  test('locks the versions the test bed builds into the mirror', () => {
    const versions = Object.fromEntries(lock.providers.map((p) => [p.address, p.version]));
    expect(versions).toEqual({
      'registry.terraform.io/kreuzwerker/docker': shellValue('docker-provider.sh', 'DOCKER_PROVIDER_VERSION'),
      [shellValue('edgenet-provider.sh', 'EDGENET_PROVIDER_SOURCE')]: shellValue('edgenet-provider.sh', 'EDGENET_PROVIDER_VERSION'),
    });
  });

  test('has an h1 hash for each platform the test bed locks (linux_amd64 and linux_arm64), and no other', () => {
    const platforms = /^PROVIDER_LOCK_PLATFORMS=\((.*)\)$/m.exec(
      readFileSync(path.join(ROOT, 'scripts', 'testbed', 'provider-lock.sh'), 'utf8'),
    );
    expect(platforms?.[1].split(' ')).toEqual(['linux_amd64', 'linux_arm64']);
    for (const p of lock.providers) expect(p.hashes.filter((h) => h.startsWith('h1:'))).toHaveLength(2);
  });

  test('fails, naming the file, when it is damaged', () => {
    const damaged = path.join(ROOT, 'package.json');
    expect(() => readProviderLock(damaged)).toThrow(`${damaged}: line 1: expected a provider block`);
  });
});
