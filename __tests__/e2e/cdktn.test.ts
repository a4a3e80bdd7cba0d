import execa from 'execa';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { MANAGED_LABEL } from '../../lib/core/naming';
import { NamespacedLan, removeLeftovers } from '../../scripts/testbed/lan';
import { CLI, docker, edgenet, env, removeDockerLeftovers, ROOT } from '../../scripts/testbed/env';

/**
 * CDK Terrain (cdktn), cdktf's maintained successor, with edgenet's constructs:
 * examples/cdktn/main.js, a cdktn App of a user's own, run by cdktn-cli on Node 22 (the test
 * bed's cdktn module). It synthesizes examples/edge.yaml as `edgenet synth` (cdktf) does, but
 * for the framework's version in `//.metadata.version`, and deploys that example, moved onto
 * the test bed's namespaced LAN, with no registry reachable (docs/toolchain.md).
 */
jest.setTimeout(300_000);

const lan = new NamespacedLan(`t${process.pid.toString(36).slice(-3)}`);
const CLOSED_PORT = 'http://127.0.0.1:9';
const STACK = 'cdktnedge';
const home = env.EDGENET_CDKTN_HOME;
let app: string;

/**
 * A user's project: examples/cdktn beside a node_modules holding cdktn, cdktn-cli and Node 22
 * (the test bed's install) and edgenet (this checkout, with its own dependencies).
 */
function userProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-cdktn-'));
  for (const file of readdirSync(path.join(ROOT, 'examples', 'cdktn')))
    copyFileSync(path.join(ROOT, 'examples', 'cdktn', file), path.join(dir, file));
  mkdirSync(path.join(dir, 'node_modules'));
  for (const entry of readdirSync(path.join(home, 'node_modules'))) {
    symlinkSync(path.join(home, 'node_modules', entry), path.join(dir, 'node_modules', entry));
  }
  symlinkSync(ROOT, path.join(dir, 'node_modules', 'edgenet'));
  writeFileSync(path.join(dir, '.no-cli-config.tfrc'), '');
  return dir;
}

/** cdktn-cli (in the user's project unless `cwd` says otherwise) on the project's Node 22, the providers only in the implied local mirror. */
const cdktn = (args: string[], extra: Record<string, string>, cwd = app) =>
  execa('cdktn', args, {
    cwd,
    reject: false,
    env: {
      ...process.env,
      ...env,
      PATH: `${path.join(home, 'node_modules', '.bin')}:${process.env.PATH}`,
      TF_CLI_CONFIG_FILE: path.join(app, '.no-cli-config.tfrc'),
      HTTP_PROXY: CLOSED_PORT,
      HTTPS_PROXY: CLOSED_PORT,
      NO_PROXY: '',
      CHECKPOINT_DISABLE: '1',
      ...extra,
    },
  });

async function ours(): Promise<string[]> {
  const filter = encodeURIComponent(JSON.stringify({ label: [`${MANAGED_LABEL}=${STACK}`] }));
  const containers = await docker.get<any[]>(`/containers/json?all=1&filters=${filter}`);
  const networks = await docker.get<any[]>(`/networks?filters=${filter}`);
  return [...containers.map((c) => c.Names[0].slice(1)), ...networks.map((n) => n.Name)].sort();
}

beforeAll(async () => {
  if (!home) throw new Error('.testbed/env lacks EDGENET_CDKTN_HOME: scripts/testbed.sh up did not install CDK Terrain');
  await removeLeftovers();
  await removeDockerLeftovers();
  await lan.up('10.95.0');
  app = userProject();
});

afterAll(async () => {
  await removeDockerLeftovers();
  await lan.down();
});

test('cdktn-cli runs on the Node.js it needs (>= 22.19)', async () => {
  const { stdout } = await execa(path.join(home, 'node_modules', '.bin', 'node'), ['--version']);
  expect(stdout).toMatch(/^v22\.(19|[2-9]\d)\./);
});

describe('examples/edge.yaml synthesized under cdktn-cli', () => {
  const example = { EDGENET_CONFIG: path.join(ROOT, 'examples', 'edge.yaml'), EDGENET_FACTS: path.join(ROOT, 'examples', 'facts.json') };
  const stackFile = (out: string) => readFileSync(path.join(out, 'stacks', 'edge', 'cdk.tf.json'), 'utf8');
  const committedLock = () => readFileSync(path.join(ROOT, '.terraform.lock.hcl'), 'utf8');
  let reference: string;

  beforeAll(async () => {
    reference = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-cdktf-ref-'));
    const synth = await execa(
      'node',
      [CLI, 'synth', '--config', example.EDGENET_CONFIG, '--facts', example.EDGENET_FACTS, '--out', reference],
      {
        reject: false,
      },
    );
    expect(synth.exitCode).toBe(0);
  });

  test("by a cdktn App: what edgenet synth (cdktf) writes, but for the framework's version in the metadata", async () => {
    const synth = await cdktn(['synth', '--output', 'example.out'], example);
    expect(synth.exitCode).toBe(0);
    const fromCdktn = stackFile(path.join(app, 'example.out'));
    const fromCdktf = stackFile(reference);
    expect(JSON.parse(fromCdktn)['//'].metadata.version).toBe(require(path.join(home, 'node_modules', 'cdktn', 'package.json')).version);
    expect(JSON.parse(fromCdktf)['//'].metadata.version).toBe(require(path.join(ROOT, 'node_modules', 'cdktf', 'package.json')).version);
    const version = /("version": )"[^"]*"/;
    expect(fromCdktn.replace(version, '$1"X"')).toBe(fromCdktf.replace(version, '$1"X"'));
    expect(readFileSync(path.join(app, 'example.out', 'stacks', 'edge', '.terraform.lock.hcl'), 'utf8')).toBe(committedLock());
    expect(readFileSync(path.join(reference, 'stacks', 'edge', '.terraform.lock.hcl'), 'utf8')).toBe(committedLock());
  });

  test("by this checkout's own app (main.ts, a cdktf App): byte for byte what edgenet synth writes", async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-cdktn-main-'));
    const synth = await cdktn(['synth', '--output', out], example, ROOT);
    expect(synth.exitCode).toBe(0);
    expect(stackFile(out)).toBe(stackFile(reference));
    expect(readFileSync(path.join(out, 'stacks', 'edge', '.terraform.lock.hcl'), 'utf8')).toBe(committedLock());
  });
});

test('cdktn-cli deploys the example on the test bed with no registry reachable, and destroys it', async () => {
  const config = readFileSync(path.join(ROOT, 'examples', 'edge.yaml'), 'utf8')
    .replace(/^stack: .*$/m, `stack: ${STACK}`)
    .replace(/^docker_host: .*$/m, `docker_host: ${env.DOCKER_HOST}`)
    .replace(/\beth0\b/g, lan.parent)
    .replace(/192\.168\.1\./g, `${lan.prefix}.`);
  writeFileSync(path.join(app, 'edgenet.yaml'), config);
  const facts = await edgenet(['facts', '--json', '--out', path.join(app, 'facts.json')]);
  expect(facts.exitCode).toBe(0);
  const onLan = { EDGENET_CONFIG: 'edgenet.yaml', EDGENET_FACTS: 'facts.json' };

  const deployed = await cdktn(['deploy', '--auto-approve'], onLan);
  expect(`${deployed.stdout}\n${deployed.stderr}`).not.toMatch(/Error|providers lock/);
  expect(deployed.exitCode).toBe(0);
  expect(await ours()).toEqual(
    ['rt1', 'rt1_internal', 'rt2', 'rt2_internal', 'worker', 'worker_internal', `macvlan_${lan.parent}_${lan.prefix}.0_24`].sort(),
  );
  const rt1 = await docker.get<any>('/containers/rt1/json');
  expect(rt1.State.Running).toBe(true);

  const destroyed = await cdktn(['destroy', '--auto-approve'], onLan);
  expect(destroyed.exitCode).toBe(0);
  expect(await ours()).toEqual([]);
});
