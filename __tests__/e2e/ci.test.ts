import execa from 'execa';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { DriftReportJsonSchema } from '../../lib/core/drift/report-schema';
import { NamespacedLan, removeLeftovers } from '../../scripts/testbed/lan';
import { CLI, dockerCli, env, removeDockerLeftovers, ROOT } from '../../scripts/testbed/env';

/**
 * The CI templates (examples/ci) and the README's "Use from CI" and "Manage several hosts"
 * commands, run as written against the test bed with the shared pg state, so they cannot rot.
 */
jest.setTimeout(600_000);

const lan = new NamespacedLan(`c${process.pid.toString(36).slice(-3)}`);
// The fleet's second host. Both hosts' engines are the test bed's one dockerd, where two
// macvlan networks of one name (same parent and subnet) cannot both exist, as they would on
// two real hosts; so the second host's LAN is its own.
const lanB = new NamespacedLan(`b${process.pid.toString(36).slice(-3)}`);

/** A directory like a user's repository: the config, and `npx` that finds this checkout's edgenet and cdktf. */
function repository(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `edgenet-e2e-${name}-`));
  const bin = path.join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(
    path.join(bin, 'npx'),
    `#!/usr/bin/env bash\ncase "$1" in\n  edgenet) shift; exec node ${CLI} "$@" ;;\n  cdktf) shift; exec ${path.join(ROOT, 'node_modules', '.bin', 'cdktf')} "$@" ;;\n  *) exec ${path.join(path.dirname(process.execPath), 'npx')} "$@" ;;\nesac\n`,
  );
  chmodSync(path.join(bin, 'npx'), 0o755);
  writeFileSync(path.join(bin, 'edgenet'), `#!/usr/bin/env bash\nexec node ${CLI} "$@"\n`);
  chmodSync(path.join(bin, 'edgenet'), 0o755);
  return dir;
}

function runtimes(names: string[], first: number): string {
  return names
    .map(
      (name, i) => `  - name: ${name}\n    profile: plc\n    vnics: [{ name: lan, network_mode: static, ip: ${lan.prefix}.${first + i} }]`,
    )
    .join('\n');
}

const profile = () =>
  `profiles:\n  plc: { image: local/busybox:latest, command: [sleep, infinity], vnic_defaults: { parent_interface: ${lan.parent} } }`;

/** Runs one command line in `dir` the way the CI runner would (bash, errexit, pipefail). */
function sh(dir: string, line: string, extraEnv: Record<string, string> = {}) {
  return execa('bash', ['-eo', 'pipefail', '-c', line], {
    cwd: dir,
    reject: false,
    env: {
      ...process.env,
      ...env,
      NETWORK_INTERFACE: '',
      NETWORK_SUBNET: '',
      NETWORK_GATEWAY: '',
      ...extraEnv,
      PATH: `${path.join(dir, '.bin')}:${process.env.PATH}`,
    },
  });
}

/** The edgenet command lines of a template's job, as written. */
function commands(lines: unknown[]): string[] {
  return lines.map(String).filter((line) => /\bedgenet\b/.test(line) && !/^install /.test(line));
}

function githubJob(job: string): string[] {
  const workflow = YAML.parse(readFileSync(path.join(ROOT, 'examples', 'ci', 'github-actions.yml'), 'utf8'));
  return commands(workflow.jobs[job].steps.map((s: any) => s.run).filter(Boolean));
}

function gitlabJob(job: string): string[] {
  const pipeline = YAML.parse(readFileSync(path.join(ROOT, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8'));
  return commands(pipeline[job].script);
}

/** The shell lines of the README section's first sh block. */
function readmeBlock(section: string): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`## ${section}\n`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(start))?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

beforeAll(async () => {
  if (!env.PG_CONN_STR || !env.EDGENET_TEST_SSH_HOST)
    throw new Error('.testbed/env lacks PG_CONN_STR or EDGENET_TEST_SSH_HOST: scripts/testbed.sh up did not bring up PostgreSQL and sshd');
  await removeLeftovers();
  await removeDockerLeftovers();
  await lan.up('10.92.0');
  await lanB.up('10.94.0');
});

afterAll(async () => {
  await removeDockerLeftovers();
  await lan.down();
  await lanB.down();
});

describe.each([
  ['GitHub Actions', githubJob],
  ['GitLab CI', gitlabJob],
])('the %s template', (name, job) => {
  const stack = name.startsWith('GitHub') ? 'ghsite' : 'glsite';
  let repo: string;

  beforeAll(() => {
    repo = repository(stack);
    writeFileSync(
      path.join(repo, 'edgenet.yaml'),
      `stack: ${stack}\nstate: { backend: pg }\n${profile()}\nruntimes:\n${runtimes(['rt1', 'rt2'], 50)}\n`,
    );
  });

  afterAll(async () => {
    await sh(repo, 'edgenet destroy --auto-approve --config edgenet.yaml --out cdktf.out');
  });

  test('plan on merge requests keeps the plan; apply on main applies; scheduled drift fails on drift and keeps the JSON', async () => {
    const ci = { EDGENET_CONFIG: 'edgenet.yaml' };
    for (const line of job('plan')) expect((await sh(repo, line, ci)).exitCode).toBe(0);
    expect(readFileSync(path.join(repo, 'plan.txt'), 'utf8')).toMatch(/Plan: \d+ to add/);
    for (const line of job('apply')) expect((await sh(repo, line, ci)).exitCode).toBe(0);
    for (const line of job('drift')) expect((await sh(repo, line, ci)).exitCode).toBe(0);
    expect(DriftReportJsonSchema.parse(JSON.parse(readFileSync(path.join(repo, 'drift.json'), 'utf8'))).drifted).toBe(false);

    expect((await dockerCli(['network', 'disconnect', `macvlan_${lan.parent}_${lan.prefix}.0_24`, 'rt2'])).exitCode).toBe(0);
    const drift = await sh(repo, job('drift')[0], ci);
    expect(drift.exitCode).toBe(2);
    const report = DriftReportJsonSchema.parse(JSON.parse(readFileSync(path.join(repo, 'drift.json'), 'utf8')));
    expect(report.hosts[0]).toMatchObject({ host: stack, drifted: true });
    for (const line of job('apply')) expect((await sh(repo, line, ci)).exitCode).toBe(0);
    expect((await sh(repo, job('drift')[0], ci)).exitCode).toBe(0);
  });
});

test('the README\'s "Use from CI" commands', async () => {
  const repo = repository('readme-ci');
  writeFileSync(
    path.join(repo, 'edgenet.yaml'),
    `stack: readmeci\nstate: { backend: pg }\n${profile()}\nruntimes:\n${runtimes(['rt1'], 60)}\n`,
  );
  const lines = readmeBlock('Use from CI');
  expect(lines).toHaveLength(3);
  for (const line of lines) expect((await sh(repo, line, { EDGENET_CONFIG: 'edgenet.yaml' })).exitCode).toBe(0);
  expect(JSON.parse(readFileSync(path.join(repo, 'drift.json'), 'utf8')).drifted).toBe(false);
  expect((await sh(repo, 'edgenet destroy --auto-approve --config edgenet.yaml --out cdktf.out')).exitCode).toBe(0);
});

test('the README\'s "Manage several hosts" commands, on two hosts (one over ssh)', async () => {
  const repo = repository('fleet');
  writeFileSync(
    path.join(repo, 'fleet.yaml'),
    `state: { backend: pg }
hosts:
  plant-a: { docker_host: ${env.DOCKER_HOST}, runtimes: [rt1] }
  plant-b: { docker_host: ${env.EDGENET_TEST_SSH_HOST}, runtimes: [rt2] }
${profile()}
runtimes:
${runtimes(['rt1'], 70)}
  - name: rt2
    profile: plc
    vnics: [{ name: lan, parent_interface: ${lanB.parent}, network_mode: static, ip: ${lanB.prefix}.71 }]
`,
  );
  writeFileSync(
    path.join(repo, 'cdktf.json'),
    JSON.stringify({
      language: 'typescript',
      app: `node ${path.join(ROOT, 'dist', 'main.js')}`,
      sendCrashReports: 'false',
      terraformProviders: [],
    }),
  );
  const [plan, apply, drift, deploy] = readmeBlock('Manage several hosts');
  const planned = await sh(repo, plan);
  expect(planned.exitCode).toBe(0);
  expect(planned.stdout).toContain('== host plant-a (stack plant-a) ==');
  expect(planned.stdout).toContain('== host plant-b (stack plant-b) ==');
  expect((await sh(repo, apply)).exitCode).toBe(0);
  // plant-b is not applied yet: its runtime is missing, which the drift run reports for plant-b only.
  const drifted = await sh(repo, drift);
  const report = JSON.parse(readFileSync(path.join(repo, 'drift.json'), 'utf8'));
  expect(report.hosts.map((h: any) => [h.host, h.drifted])).toEqual([
    ['plant-a', false],
    ['plant-b', true],
  ]);
  expect(drifted.exitCode).toBe(2);
  const deployed = await sh(repo, deploy);
  expect(deployed.stderr + deployed.stdout).not.toMatch(/Error:/);
  expect(deployed.exitCode).toBe(0);
  expect((await sh(repo, 'edgenet drift --config fleet.yaml')).exitCode).toBe(0);
  for (const host of ['plant-a', 'plant-b']) {
    expect((await sh(repo, `edgenet destroy --config fleet.yaml --host ${host} --auto-approve`)).exitCode).toBe(0);
  }
});
