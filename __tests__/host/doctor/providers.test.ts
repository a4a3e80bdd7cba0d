import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { observeProviders } from '../../../lib/host/doctor/providers';
import { FIXTURES } from '../../paths';

/** A home with both stand-in providers for both platforms in ~/.terraform.d/plugins, and their lock. */
const DOCTOR = path.join(FIXTURES, 'doctor');
const HOME = path.join(DOCTOR, 'home');
const LOCK = path.join(DOCTOR, 'lock.hcl');
const PLUGINS = path.join(HOME, '.terraform.d', 'plugins');
const amd64 = { platform: 'linux', arch: 'x64' };
/** A checkout: the package carries no providers. */
const NO_PACKAGE = '/nonexistent/providers';

describe('observeProviders', () => {
  test("finds this machine's build of each locked provider in the implied mirror, with its h1 hash as the lock has it", async () => {
    const observed = await observeProviders({ packagedMirror: NO_PACKAGE, lockFile: LOCK, home: HOME, env: {}, machine: amd64 });
    expect(observed).toMatchObject({ platform: 'linux_amd64', mirrors: [PLUGINS], mirrorsFrom: 'the implied local mirror' });
    expect(observed.builds).toEqual([
      {
        address: 'edgenet.dev/edgenet/edgenet',
        version: '0.1.0',
        found: { dir: `${PLUGINS}/edgenet.dev/edgenet/edgenet/0.1.0/linux_amd64`, hash: 'h1:muEt9pJnudXkH5tyavy8/GsK/KQ4kUvw2h7aH5XyYO4=' },
      },
      {
        address: 'registry.terraform.io/kreuzwerker/docker',
        version: '4.6.0',
        found: {
          dir: `${PLUGINS}/registry.terraform.io/kreuzwerker/docker/4.6.0/linux_amd64`,
          hash: 'h1:jCa5acbJOv8Q0exE65A1/NITl1+V9+z0CNrlL2hoCME=',
        },
      },
    ]);
    const locked = readFileSync(LOCK, 'utf8');
    for (const build of observed.builds) expect(locked).toContain(build.found?.hash);
  });

  test('arm64 finds the linux_arm64 builds', async () => {
    const observed = await observeProviders({
      packagedMirror: NO_PACKAGE,
      lockFile: LOCK,
      home: HOME,
      env: {},
      machine: { platform: 'linux', arch: 'arm64' },
    });
    expect(observed.builds.map((b) => b.found?.dir.endsWith('/linux_arm64'))).toEqual([true, true]);
  });

  test('a CLI config with provider_installation: only its filesystem mirrors are searched (TF_CLI_CONFIG_FILE)', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'edgenet-mirror-'));
    const rc = path.join(work, 'terraform.rc');
    writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = "${work}/empty"\n  }\n}\n`);
    const observed = await observeProviders({
      packagedMirror: NO_PACKAGE,
      lockFile: LOCK,
      home: HOME,
      env: { TF_CLI_CONFIG_FILE: rc },
      machine: amd64,
    });
    expect(observed).toMatchObject({ mirrors: [`${work}/empty`], mirrorsFrom: `the filesystem_mirror paths of ${rc}` });
    expect(observed.builds.every((b) => b.found === undefined)).toBe(true);
  });

  test('fails when the providers the package carries are not where doctor looks, though edgenet points the engine there', async () => {
    const observed = await observeProviders({ packagedMirror: PLUGINS, lockFile: LOCK, home: '/nonexistent', env: {}, machine: amd64 });
    expect(observed).toMatchObject({ mirrors: [PLUGINS], mirrorsFrom: "the providers edgenet's package carries" });
    expect(observed.builds.map((b) => b.found?.dir)).toEqual([
      `${PLUGINS}/edgenet.dev/edgenet/edgenet/0.1.0/linux_amd64`,
      `${PLUGINS}/registry.terraform.io/kreuzwerker/docker/4.6.0/linux_amd64`,
    ]);
  });

  test("the user's own CLI config (TF_CLI_CONFIG_FILE) wins over the package's providers", async () => {
    const observed = await observeProviders({
      packagedMirror: PLUGINS,
      lockFile: LOCK,
      home: HOME,
      env: { TF_CLI_CONFIG_FILE: '/nonexistent/rc' },
      machine: amd64,
    });
    expect(observed.mirrorsFrom).toBe('the implied local mirror');
  });

  test('a CLI config that is not there, or names no provider_installation, leaves the implied mirror', async () => {
    const observed = await observeProviders({
      packagedMirror: NO_PACKAGE,
      lockFile: LOCK,
      home: HOME,
      env: { TF_CLI_CONFIG_FILE: '/nonexistent/terraform.rc' },
      machine: amd64,
    });
    expect(observed.mirrors).toEqual([PLUGINS]);
  });

  test('a missing lock, a damaged one', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'edgenet-lock-'));
    expect(
      (await observeProviders({ packagedMirror: NO_PACKAGE, lockFile: path.join(work, 'none.hcl'), home: HOME, env: {}, machine: amd64 }))
        .lock,
    ).toEqual({
      file: path.join(work, 'none.hcl'),
      state: 'missing',
    });
    const damaged = path.join(work, 'damaged.hcl');
    writeFileSync(damaged, 'provider "x" {\n  hashes = [\n');
    const observed = await observeProviders({ packagedMirror: NO_PACKAGE, lockFile: damaged, home: HOME, env: {}, machine: amd64 });
    expect(observed.lock).toMatchObject({ state: 'damaged', error: expect.stringContaining(damaged) });
    expect(observed.builds).toEqual([]);
  });

  test('a machine no provider is built for: no platform, nothing looked for', async () => {
    const observed = await observeProviders({
      packagedMirror: NO_PACKAGE,
      lockFile: LOCK,
      home: HOME,
      env: {},
      machine: { platform: 'linux', arch: 'riscv64' },
    });
    expect(observed).toMatchObject({ machine: 'linux riscv64', builds: [] });
    expect(observed).not.toHaveProperty('platform');
  });
});
