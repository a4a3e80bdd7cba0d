import execa from 'execa';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { env, ROOT } from '../../scripts/testbed/env';

/**
 * The package as a user gets it: `npm pack`, installed into an empty directory, gives a
 * working `edgenet` and lets a separate cdktf app import the constructs and synthesize.
 */
describe('the npm package', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-package-'));
  let tarball = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const packed = await execa('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT });
    tarball = path.join(dir, packed.stdout.trim().split('\n').pop() as string);
    const app = path.join(dir, 'app');
    await execa('mkdir', ['-p', app]);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'tiny-edge-app', private: true }));
    await execa('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app });
  }, 300_000);

  test('installs a working edgenet command', async () => {
    const help = await execa('npx', ['--no-install', 'edgenet', '--help'], { cwd: path.join(dir, 'app') });
    expect(help.stdout).toContain('usage: edgenet <command>');
  });

  test('carries both providers for linux_amd64 and linux_arm64', async () => {
    const listing = (await execa('tar', ['tzf', tarball])).stdout.split('\n');
    const builds = listing.filter((f) => f.startsWith('package/providers/')).sort();
    expect(builds).toEqual([
      'package/providers/edgenet.dev/edgenet/edgenet/0.1.0/linux_amd64/terraform-provider-edgenet_v0.1.0',
      'package/providers/edgenet.dev/edgenet/edgenet/0.1.0/linux_arm64/terraform-provider-edgenet_v0.1.0',
      'package/providers/registry.terraform.io/kreuzwerker/docker/4.6.0/linux_amd64/terraform-provider-docker_v4.6.0',
      'package/providers/registry.terraform.io/kreuzwerker/docker/4.6.0/linux_arm64/terraform-provider-docker_v4.6.0',
    ]);
    // npm's postpack leaves the checkout as it was.
    expect(existsSync(path.join(ROOT, 'providers'))).toBe(false);
  });

  test("carries netmon's daemon for linux_amd64 and linux_arm64; the installed edgenet netmon runs it in its own place without Go", async () => {
    const listing = (await execa('tar', ['tzvf', tarball])).stdout.split('\n');
    const daemons = listing.filter((line) => line.includes('package/dist/netmon/'));
    expect(daemons.map((line) => line.split(/\s+/).pop()).sort()).toEqual([
      'package/dist/netmon/linux_amd64/edgenet-netmon',
      'package/dist/netmon/linux_arm64/edgenet-netmon',
    ]);
    expect(daemons.every((line) => line.startsWith('-rwx'))).toBe(true);
    const home = mkdtempSync(path.join(tmpdir(), 'edgenet-netmon-home-'));
    const socket = path.join(home, 'netmon.sock');
    const withoutGo = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((d) => d && !existsSync(path.join(d, 'go')))
      .join(path.delimiter);
    const bin = path.join(dir, 'app', 'node_modules', '.bin', 'edgenet');
    const netmon = execa(bin, ['netmon', '--socket', socket], { reject: false, extendEnv: false, env: { PATH: withoutGo, HOME: home } });
    try {
      const check = async () =>
        (await execa(bin, ['netmon', '--check', '--socket', socket], { reject: false, env: { PATH: withoutGo } })).exitCode === 0;
      const deadline = Date.now() + 15_000;
      while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await check()).toBe(true);
      // The process the command started is the daemon itself, not Node.
      expect(readFileSync(`/proc/${netmon.pid}/cmdline`, 'utf8').split('\0')[0]).toMatch(
        /dist\/netmon\/linux_(amd64|arm64)\/edgenet-netmon$/,
      );
    } finally {
      netmon.kill('SIGTERM');
      await netmon;
      rmSync(home, { recursive: true, force: true });
    }
  }, 60_000);

  test('plans the example offline from the providers it carries: no network, no Go on PATH, no mirror or CLI config of the machine', async () => {
    const app = path.join(dir, 'app');
    for (const file of ['edge.yaml', 'facts.json']) copyFileSync(path.join(ROOT, 'examples', file), path.join(app, file));
    const home = mkdtempSync(path.join(tmpdir(), 'edgenet-empty-home-'));
    const withoutGo = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((d) => d && !existsSync(path.join(d, 'go')))
      .join(path.delimiter);
    // unshare -n: a network namespace of its own, with nothing but a loopback that is down.
    const plan = await execa(
      'unshare',
      ['-n', 'npx', '--no-install', 'edgenet', 'plan', '--config', 'edge.yaml', '--facts', 'facts.json', '--out', path.join(home, 'out')],
      { cwd: app, reject: false, extendEnv: false, env: { PATH: withoutGo, HOME: home, TERRAFORM_BINARY_NAME: env.TERRAFORM_BINARY_NAME } },
    );
    expect(plan.stderr).not.toMatch(/Failed to query|could not connect|no such host/i);
    expect(plan.exitCode).toBe(0);
    expect(plan.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);
    await expect(execa('go', ['version'], { env: { PATH: withoutGo }, extendEnv: false })).rejects.toThrow();
  });

  test('a separate cdktf app imports EdgeStack, MacvlanNetwork and RuntimeContainer from edgenet, synthesizes and places the provider lock', async () => {
    const app = path.join(dir, 'app');
    writeFileSync(
      path.join(app, 'app.ts'),
      `import { App } from 'cdktf';
import { EdgeStack, LanNetwork, MacvlanNetwork, RuntimeContainer, lockSynthesizedStack, resolveModel, validateConfig } from 'edgenet';

const config = validateConfig({ runtimes: [{ name: 'rt1', image: 'local/busybox:latest', vnics: [{ name: 'lan', network_mode: 'static', ip: '10.9.0.50' }] }] });
const facts = { interfaces: [{ name: 'lan0', operstate: 'UP', mac: null, ipv4: [{ address: '10.9.0.10', prefixlen: 24, subnet: '10.9.0.0/24' }], gateway: '10.9.0.1' }],
  default_interface: 'lan0', source: 'file', detected_at: '' };
const app = new App({ outdir: 'out' });
const stack = new EdgeStack(app, 'tiny', { model: resolveModel(config, facts) });
const kinds: unknown[] = [LanNetwork, MacvlanNetwork, RuntimeContainer];
console.log(stack.lanNetworks[0] instanceof MacvlanNetwork, stack.runtimes[0] instanceof RuntimeContainer, kinds.length);
app.synth();
lockSynthesizedStack(app.outdir, 'tiny');
`,
    );
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    await execa('node', [tsc, '--strict', '--esModuleInterop', '--skipLibCheck', '--module', 'commonjs', '--target', 'es2022', 'app.ts'], {
      cwd: app,
    });
    const run = await execa('node', ['app.js'], { cwd: app });
    expect(run.stdout.trim()).toBe('true true 3');
    const tf = JSON.parse(readFileSync(path.join(app, 'out', 'stacks', 'tiny', 'cdk.tf.json'), 'utf8'));
    const networks = Object.values<any>(tf.resource.docker_network).map((n) => n.name);
    expect(networks).toContain('macvlan_lan0_10.9.0.0_24');
    expect(Object.values<any>(tf.resource.docker_container)[0].name).toBe('rt1');
    // The package ships the providers' lock, and the app puts it beside cdk.tf.json.
    expect(readFileSync(path.join(app, 'out', 'stacks', 'tiny', '.terraform.lock.hcl'), 'utf8')).toBe(
      readFileSync(path.join(ROOT, '.terraform.lock.hcl'), 'utf8'),
    );
  });
});
