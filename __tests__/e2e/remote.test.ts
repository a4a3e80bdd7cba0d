import execa from 'execa';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { MANAGED_LABEL } from '../../lib/core/naming';
import { NamespacedLan, removeLeftovers } from '../../scripts/testbed/lan';
import { docker, dockerCli, edgenet, env, removeDockerLeftovers, tfstateFiles } from '../../scripts/testbed/env';

/**
 * Workstation and CI use: shared state in the test bed's PostgreSQL (pg backend), and the
 * test bed's dockerd reached over ssh:// and over tcp:// with TLS, each through edgenet's own
 * client and the provider alike. Nothing secret lands in files or logs.
 */
jest.setTimeout(300_000);

const lan = new NamespacedLan(`r${process.pid.toString(36).slice(-3)}`);
const work = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-remote-'));
const factsFile = path.join(work, 'facts.json');
const logs: string[] = [];

/** edgenet, with every word it prints kept for the secrets check. */
async function run(args: string[], extraEnv: Record<string, string> = {}) {
  const result = await edgenet(args, extraEnv);
  logs.push(result.stdout, result.stderr);
  return result;
}

function config(file: string, head: string): string {
  writeFileSync(
    file,
    `${head}
profiles:
  plc: { image: local/busybox:latest, command: [sleep, infinity], vnic_defaults: { parent_interface: ${lan.parent} } }
runtimes:
  - name: rt1
    profile: plc
    vnics: [{ name: lan, network_mode: static, ip: ${lan.prefix}.50 }]
  - name: rt2
    profile: plc
    vnics: [{ name: lan, network_mode: auto }]
`,
  );
  return file;
}

async function ourContainers(): Promise<string[]> {
  const filter = encodeURIComponent(JSON.stringify({ label: [MANAGED_LABEL] }));
  return (await docker.get<any[]>(`/containers/json?all=1&filters=${filter}`)).map((c) => String(c.Names[0]).slice(1)).sort();
}

beforeAll(async () => {
  for (const name of [
    'PG_CONN_STR',
    'EDGENET_TEST_SSH_HOST',
    'EDGENET_TEST_SSH_KEY',
    'EDGENET_TEST_TLS_HOST',
    'EDGENET_TEST_TLS_CERT_PATH',
  ]) {
    if (!env[name])
      throw new Error(`${name} is missing from .testbed/env: scripts/testbed.sh up did not bring up the servers this suite needs`);
  }
  await removeLeftovers();
  await removeDockerLeftovers();
  await lan.up('10.91.0');
  const facts = await run(['facts', '--json', '--out', factsFile]);
  expect(facts.exitCode).toBe(0);
});

afterAll(async () => {
  await removeDockerLeftovers();
  await lan.down();
});

describe('shared state in PostgreSQL', () => {
  const file = () => config(path.join(work, 'pg.yaml'), `stack: pgsite\nstate: { backend: pg }\ndocker_host: ${env.DOCKER_HOST}`);
  const args = (out: string) => ['--config', file(), '--facts', factsFile, '--out', path.join(work, out)];

  afterAll(async () => {
    await run([
      'destroy',
      '--auto-approve',
      '--config',
      path.join(work, 'pg-moved.yaml'),
      '--facts',
      factsFile,
      '--out',
      path.join(work, 'out-a'),
    ]);
  });

  test('apply from one out directory, plan from a fresh one: no changes, and no state file on disk', async () => {
    const applied = await run(['apply', '--auto-approve', ...args('out-a')]);
    expect(applied.stderr).not.toMatch(/Error/);
    expect(applied.exitCode).toBe(0);
    const planned = await run(['plan', ...args('out-b')]);
    expect(planned.exitCode).toBe(0);
    expect(planned.stdout).toContain('No changes.');
    expect(await ourContainers()).toEqual(['rt1', 'rt2']);
    expect(await tfstateFiles(work)).toEqual([]);
  });

  test('a run that holds the state lock makes another fail at once, naming the holder; nothing changes', async () => {
    const moved = path.join(work, 'pg-moved.yaml');
    writeFileSync(moved, readFileSync(file(), 'utf8').replace(`${lan.prefix}.50`, `${lan.prefix}.51`));
    const holderOut = path.join(work, 'out-holder');
    expect((await run(['synth', '--config', moved, '--facts', factsFile, '--out', holderOut])).exitCode).toBe(0);
    const stackDir = path.join(holderOut, 'stacks', 'pgsite');
    // The holder names itself to PostgreSQL the way edgenet's own runs do.
    const tf = (args: string[]) =>
      execa(env.TERRAFORM_BINARY_NAME, args, {
        cwd: stackDir,
        env: { ...process.env, ...env, PGAPPNAME: 'edgenet-e2e holder' },
        reject: false,
      });
    expect((await tf(['init', '-input=false'])).exitCode).toBe(0);
    // An interactive apply holds the lock while it waits for its answer.
    const holder = tf(['apply']);
    await new Promise<void>((resolve) => holder.stdout?.on('data', (d: Buffer) => d.toString().includes('Enter a value') && resolve()));
    const loser = await run(['apply', '--auto-approve', '--config', moved, '--facts', factsFile, '--out', path.join(work, 'out-loser')]);
    holder.stdin?.end('no\n');
    await holder;
    expect(loser.exitCode).toBe(1);
    expect(loser.stderr).toMatch(/the state of pgsite is locked by edgenet-e2e holder from 127\.0\.0\.1 \(since \S+\)/);
    expect(await ourContainers()).toEqual(['rt1', 'rt2']);
    expect((await run(['plan', ...args('out-a')])).stdout).toContain('No changes.');
  });

  test('two applies at once: exactly one state and one set of containers, whoever wins', async () => {
    const moved = path.join(work, 'pg-moved.yaml');
    const both = await Promise.all(
      ['out-c', 'out-d'].map((out) =>
        run(['apply', '--auto-approve', '--config', moved, '--facts', factsFile, '--out', path.join(work, out)]),
      ),
    );
    for (const result of both) {
      if (result.exitCode !== 0) expect(result.stderr).toMatch(/the state of pgsite is locked by/);
    }
    expect(both.some((r) => r.exitCode === 0)).toBe(true);
    expect(await ourContainers()).toEqual(['rt1', 'rt2']);
    expect((await docker.get(`/containers/rt1/json`)).NetworkSettings.Networks[`macvlan_${lan.parent}_${lan.prefix}.0_24`].IPAddress).toBe(
      `${lan.prefix}.51`,
    );
    const replan = await run(['plan', '--config', moved, '--facts', factsFile, '--out', path.join(work, 'out-e')]);
    expect(replan.stdout).toContain('No changes.');
    expect(await tfstateFiles(work)).toEqual([]);
  });
});

describe.each([
  ['ssh', () => `docker_host: ${env.EDGENET_TEST_SSH_HOST}`],
  ['TLS', () => `docker_host: ${env.EDGENET_TEST_TLS_HOST}\ndocker_cert_path: ${env.EDGENET_TEST_TLS_CERT_PATH}`],
])('a remote engine over %s', (kind, head) => {
  const file = () => config(path.join(work, `${kind}.yaml`), `stack: ${kind.toLowerCase()}site\n${head()}`);
  const args = () => ['--config', file(), '--facts', factsFile, '--out', path.join(work, `out-${kind}`)];
  // edgenet and the provider must both get the engine from the config, not the environment.
  const noLocalEngine = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

  afterAll(async () => {
    await run(['destroy', '--auto-approve', ...args()], noLocalEngine);
  });

  test('apply, drift caught after an out-of-band disconnect, healed by apply', async () => {
    const applied = await run(['apply', '--auto-approve', ...args()], noLocalEngine);
    expect(applied.stderr).not.toMatch(/Error/);
    expect(applied.exitCode).toBe(0);
    expect(await ourContainers()).toEqual(['rt1', 'rt2']);
    expect((await run(['drift', ...args()], noLocalEngine)).exitCode).toBe(0);
    const macvlan = `macvlan_${lan.parent}_${lan.prefix}.0_24`;
    expect((await dockerCli(['network', 'disconnect', macvlan, 'rt2'])).exitCode).toBe(0);
    const drift = await run(['drift', '--json', ...args()], noLocalEngine);
    expect(drift.exitCode).toBe(2);
    expect(JSON.parse(drift.stdout).findings.map((f: any) => f.action)).toContain('disconnected');
    expect((await run(['apply', '--auto-approve', ...args()], noLocalEngine)).exitCode).toBe(0);
    expect((await run(['drift', ...args()], noLocalEngine)).exitCode).toBe(0);
  });
});

test('facts of an ssh:// engine are read on its host over ssh', async () => {
  const remote = await run(['facts', '--json', '--docker-host', env.EDGENET_TEST_SSH_HOST]);
  expect(remote.exitCode).toBe(0);
  const facts = JSON.parse(remote.stdout);
  expect(facts.source).toMatch(/^ssh:/);
  // The test bed's sshd is this machine: its interfaces are ours, our LAN's parent among them.
  const parent = facts.interfaces.find((i: any) => i.name === lan.parent);
  expect(parent.ipv4.map((a: any) => a.subnet)).toEqual([lan.subnet]);
  expect(facts.docker_networks).toEqual(expect.any(Array));
});

test('nothing secret is written to cdk.tf.json, status files or logs', async () => {
  const password = new URL(env.PG_CONN_STR).password;
  const key = readFileSync(env.EDGENET_TEST_SSH_KEY, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('');
  expect(password.length).toBeGreaterThan(7);
  const files = (await execa('grep', ['-rlF', password, work], { reject: false })).stdout;
  expect(files).toBe('');
  expect(logs.join('\n')).not.toContain(password);
  expect((await execa('grep', ['-rlF', key.slice(0, 40), work], { reject: false })).stdout).toBe('');
  expect(logs.join('\n')).not.toContain(key.slice(0, 40));
});
