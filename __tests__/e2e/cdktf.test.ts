import execa from 'execa';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { MANAGED_LABEL } from '../../lib/core/naming';
import { NamespacedLan, removeLeftovers } from '../../scripts/testbed/lan';
import { docker, env, removeDockerLeftovers, ROOT } from '../../scripts/testbed/env';

/**
 * The README's "Deploy with cdktf" commands, as a new user runs them: in a clean checkout (no
 * cdktf.out, no dist, no lock file in any stack directory), with the providers only in the
 * engines' implied local mirror and no registry reachable (every HTTP(S) request of the
 * engine goes to a closed port on loopback), with the local state and with the pg backend.
 */
jest.setTimeout(600_000);

const lan = new NamespacedLan(`k${process.pid.toString(36).slice(-3)}`);
const CLOSED_PORT = 'http://127.0.0.1:9';

/** The working tree's files (tracked, or new and not ignored) copied to a new directory, with this checkout's node_modules. */
async function cleanCheckout(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-cdktf-'));
  const { stdout } = await execa('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT });
  for (const file of stdout.split('\0').filter(Boolean)) {
    // node_modules and .testbed may be links into another checkout; neither is part of a clone.
    if (/^(node_modules|\.testbed)(\/|$)/.test(file) || !existsSync(path.join(ROOT, file))) continue;
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(dir, 'node_modules'));
  return dir;
}

/** The lines of the README section's first sh block, comments dropped. */
function readmeBlock(section: string): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`## ${section}\n`);
  if (start < 0) throw new Error(`README.md has no section "${section}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(start))?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

async function ours(stack: string): Promise<string[]> {
  const filter = encodeURIComponent(JSON.stringify({ label: [`${MANAGED_LABEL}=${stack}`] }));
  const containers = await docker.get<any[]>(`/containers/json?all=1&filters=${filter}`);
  const networks = await docker.get<any[]>(`/networks?filters=${filter}`);
  return [...containers.map((c) => c.Names[0].slice(1)), ...networks.map((n) => n.Name)].sort();
}

beforeAll(async () => {
  await removeLeftovers();
  await removeDockerLeftovers();
  await lan.up('10.93.0');
});

afterAll(async () => {
  await removeDockerLeftovers();
  await lan.down();
});

describe.each([
  ['the local state', 'cdktflocal', 'local'],
  ['the pg backend', 'cdktfpg', 'pg'],
])('"Deploy with cdktf" with %s', (_name, stack, backend) => {
  const lines = readmeBlock('Deploy with cdktf');
  const exports = lines.filter((l) => l.startsWith('export '));
  const commands = lines.filter((l) => !l.startsWith('export '));
  let checkout: string;
  let destroyed = false;

  /** One README command in the checkout, after the block's exports, as a user's shell would run it. */
  const run = (line: string) =>
    execa('bash', ['-eo', 'pipefail', '-c', [...exports, line].join('\n')], {
      cwd: checkout,
      reject: false,
      env: {
        ...process.env,
        ...env,
        // A CLI config without provider_installation: the implied local mirror that
        // `scripts/testbed.sh tools` fills, as on a machine nobody configured by hand.
        TF_CLI_CONFIG_FILE: path.join(checkout, '.no-cli-config.tfrc'),
        HTTP_PROXY: CLOSED_PORT,
        HTTPS_PROXY: CLOSED_PORT,
        NO_PROXY: '',
        CHECKPOINT_DISABLE: '1',
        NETWORK_INTERFACE: '',
        NETWORK_SUBNET: '',
        NETWORK_GATEWAY: '',
      },
    });

  beforeAll(async () => {
    checkout = await cleanCheckout();
    writeFileSync(path.join(checkout, '.no-cli-config.tfrc'), '');
    writeFileSync(
      path.join(checkout, 'edgenet.yaml'),
      `stack: ${stack}
docker_host: ${env.DOCKER_HOST}
state: { backend: ${backend} }
runtimes:
  - name: ${stack}-rt1
    image: local/busybox:latest
    command: [sleep, infinity]
    vnics: [{ name: lan, parent_interface: ${lan.parent}, network_mode: static, ip: ${lan.prefix}.${backend === 'pg' ? 61 : 51} }]
  - name: ${stack}-rt2
    image: local/busybox:latest
    command: [sleep, infinity]
    isolated: true
`,
    );
  });

  // A failed step must not leave the stack for the next backend's run (or the next suite).
  afterAll(async () => {
    if (!destroyed) await run(commands[commands.length - 1]);
  });

  test('deploy on the first run with no registry, diff shows no changes, edgenet drift agrees, destroy leaves nothing', async () => {
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'npx cdktf deploy',
      'npx cdktf diff',
      'npx edgenet drift',
      'npx cdktf destroy',
    ]);
    const [deploy, diff, drift, destroy] = commands;

    const deployed = await run(deploy);
    expect(`${deployed.stdout}\n${deployed.stderr}`).not.toMatch(/Error|providers lock/);
    expect(deployed.exitCode).toBe(0);
    const stackDir = path.join(checkout, 'cdktf.out', 'stacks', stack);
    // terraform init installed the locked builds and had nothing to add to the lock.
    expect(readFileSync(path.join(stackDir, '.terraform.lock.hcl'), 'utf8')).toBe(
      readFileSync(path.join(ROOT, '.terraform.lock.hcl'), 'utf8'),
    );
    expect(await ours(stack)).toEqual(
      [
        `${stack}-rt1`,
        `${stack}-rt1_internal`,
        `${stack}-rt2`,
        `${stack}-rt2_internal`,
        `macvlan_${lan.parent}_${lan.subnet.replace('/', '_')}`,
      ].sort(),
    );

    const diffed = await run(diff);
    expect(diffed.exitCode).toBe(0);
    expect(diffed.stdout).toMatch(/No changes/);

    const drifted = await run(drift);
    expect(drifted.stderr).not.toMatch(/error/i);
    expect(drifted.exitCode).toBe(0);

    const gone = await run(destroy);
    expect(gone.exitCode).toBe(0);
    destroyed = true;
    expect(await ours(stack)).toEqual([]);
    if (backend === 'local') {
      const state = JSON.parse(readFileSync(path.join(checkout, `terraform.${stack}.tfstate`), 'utf8'));
      expect(state.resources).toEqual([]);
    }
  });
});
