import { mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { PACKAGED_PROVIDERS_DIR, packagedProvidersEnv } from '../../../lib/host/engine/packaged-providers';
import { FIXTURES } from '../../paths';

/** Stand-in builds of both providers in the unpacked layout, as the package carries them, and their lock. */
const PACKAGED = path.join(FIXTURES, 'doctor', 'home', '.terraform.d', 'plugins');
const LOCK = path.join(FIXTURES, 'doctor', 'lock.hcl');
const places = { mirror: PACKAGED, lockFile: LOCK };

describe('packagedProvidersEnv', () => {
  test("fails when the engine is not pointed at the package's providers under every name terraform and tofu ask by", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-stack-'));
    const env = packagedProvidersEnv(dir, {}, places);
    const root = path.join(dir, PACKAGED_PROVIDERS_DIR);
    expect(env).toEqual({ TF_CLI_CONFIG_FILE: path.join(root, 'terraform.rc') });
    const config = readFileSync(env.TF_CLI_CONFIG_FILE as string, 'utf8');
    expect(config).toContain(`path    = "${root}/mirror"`);
    expect(config).toContain('"registry.opentofu.org/kreuzwerker/docker"');
    expect(config).toContain('"edgenet.dev/edgenet/edgenet"');
    // Each build file is linked, not its directory: the engine's mirror search follows only the former.
    const docker = 'kreuzwerker/docker/4.6.0/linux_amd64/terraform-provider-docker_v4.6.0';
    for (const name of ['registry.terraform.io', 'registry.opentofu.org']) {
      expect(readlinkSync(path.join(root, 'mirror', name, docker))).toBe(path.join(PACKAGED, 'registry.terraform.io', docker));
    }
    const edgenet = 'edgenet.dev/edgenet/edgenet/0.1.0/linux_arm64/terraform-provider-edgenet_v0.1.0';
    expect(readlinkSync(path.join(root, 'mirror', edgenet))).toBe(path.join(PACKAGED, edgenet));
    // A second run in the same stack directory finds its links in place.
    expect(packagedProvidersEnv(dir, {}, places)).toEqual(env);
  });

  test("fails when edgenet overrides the user's own CLI config", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-stack-'));
    expect(packagedProvidersEnv(dir, { TF_CLI_CONFIG_FILE: '/etc/terraform.rc' }, places)).toEqual({});
  });

  test('a checkout, whose package carries no providers, leaves the engine as it is', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-stack-'));
    expect(packagedProvidersEnv(dir, {}, { ...places, mirror: path.join(dir, 'none') })).toEqual({});
  });

  test('fails when a stack directory the mirror cannot be made in is not refused by name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-stack-'));
    writeFileSync(path.join(dir, PACKAGED_PROVIDERS_DIR), 'a file where the mirror goes');
    expect(() => packagedProvidersEnv(dir, {}, places)).toThrow(
      new RegExp(`^${path.join(dir, PACKAGED_PROVIDERS_DIR)}: cannot point the engine at the package's providers: `),
    );
  });
});
