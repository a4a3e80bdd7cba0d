import execa from 'execa';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { hostAccessInterfaceName } from '../../lib/core/naming';
import { NamespacedLan } from '../../scripts/testbed/lan';
import { docker, edgenet, env, removeDockerLeftovers } from '../../scripts/testbed/env';
import { until } from '../poll';

/**
 * Host access on the namespaced LAN: the host (this machine's own network namespace, where
 * the engine runs) pings each runtime's LAN address. Without host access the kernel passes
 * nothing between the parent and its macvlan children, and the ping fails; with it the host
 * reaches every runtime, after a subnet move too, and destroy leaves no link behind.
 */
jest.setTimeout(300_000);

const lan = new NamespacedLan(`${process.pid.toString(36).slice(-3)}h`);
const work = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-host-access-'));
const configFile = path.join(work, 'host-access.yaml');
const out = path.join(work, 'cdktf.out');
const stackArgs = ['--config', configFile, '--out', out];
const link = () => hostAccessInterfaceName(lan.parent);

function writeConfig(hostAccess: boolean): void {
  writeFileSync(
    configFile,
    `stack: hostaccess
docker_host: ${env.DOCKER_HOST}
lans:
  ${lan.parent}: { host_access: ${hostAccess} }
runtimes:
  - { name: ha1, image: local/busybox:latest, command: [sleep, infinity], vnics: [{ name: lan, parent_interface: ${lan.parent}, network_mode: auto }] }
  - { name: ha2, image: local/busybox:latest, command: [sleep, infinity], vnics: [{ name: lan, parent_interface: ${lan.parent}, network_mode: auto }] }
`,
  );
}

async function apply(): Promise<void> {
  const result = await edgenet(['apply', '--auto-approve', ...stackArgs]);
  expect({ exitCode: result.exitCode, stderr: result.exitCode === 0 ? '' : result.stderr.slice(-3000) }).toEqual({
    exitCode: 0,
    stderr: '',
  });
}

/** Each runtime's address on the LAN, as the engine gave it. */
async function lanAddresses(): Promise<Record<string, string>> {
  const seen: Record<string, string> = {};
  for (const name of ['ha1', 'ha2']) {
    const networks = (await docker.get<any>(`/containers/${name}/json`)).NetworkSettings.Networks;
    seen[name] = Object.entries<any>(networks).find(([n]) => n.includes(lan.parent))?.[1].IPAddress;
  }
  return seen;
}

/** Whether the host, from its own network namespace, gets an answer from `address` (busybox ping: the host may have none). */
async function hostReaches(address: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await execa('busybox', ['ping', '-c', '1', '-W', '2', address], { reject: false })).exitCode === 0) return true;
  }
  return false;
}

const startedAt = async (name: string) => (await docker.get<any>(`/containers/${name}/json`)).State.StartedAt;

beforeAll(async () => {
  await removeDockerLeftovers();
  await lan.down();
  await lan.up('10.61.0');
  await lan.defaultRoute();
});

afterAll(async () => {
  await edgenet(['destroy', '--auto-approve', ...stackArgs]);
  await lan.down();
});

test('without host access the host cannot reach its own macvlan runtimes (the kernel rule host access is for)', async () => {
  writeConfig(false);
  await apply();
  for (const address of Object.values(await lanAddresses())) expect(await hostReaches(address)).toBe(false);
});

test('host_access: true gives the host a link of its own, and it reaches every runtime; the runtimes keep running', async () => {
  const before = { ha1: await startedAt('ha1'), ha2: await startedAt('ha2') };
  writeConfig(true);
  const plan = await edgenet(['plan', ...stackArgs]);
  expect(plan.stdout).toMatch(
    new RegExp(
      `host access ${link()} on ${lan.parent}: 10\\.61\\.0\\.\\d+ \\(MAC [0-9a-f:]{17}\\), reaching ha\\d/lan 10\\.61\\.0\\.\\d+, ha\\d/lan 10\\.61\\.0\\.\\d+$`,
      'm',
    ),
  );
  await apply();
  const addresses = await lanAddresses();
  for (const [name, address] of Object.entries(addresses))
    expect({ name, reached: await hostReaches(address) }).toEqual({ name, reached: true });
  expect({ ha1: await startedAt('ha1'), ha2: await startedAt('ha2') }).toEqual(before);
  const { stdout } = await execa('ip', ['-o', '-4', 'addr', 'show', 'dev', link()]);
  expect(stdout).toMatch(/inet 10\.61\.0\.\d+\/32/);
  expect((await edgenet(['plan', ...stackArgs])).stdout).toContain('No changes.');
});

test('status shows the link as the host has it; a link lost by hand comes back, and so it does after a restart', async () => {
  const status = JSON.parse((await edgenet(['status', '--json', ...stackArgs])).stdout).hosts[0].hostAccess;
  const addresses = Object.values(await lanAddresses());
  expect(status).toEqual([
    expect.objectContaining({ lan: lan.parent, interface: link(), state: 'present', routes: expect.arrayContaining(addresses) }),
  ]);
  expect(status[0].addresses).toEqual([status[0].planned]);
  expect((await edgenet(['drift', ...stackArgs])).exitCode).toBe(0);

  await execa('ip', ['link', 'del', link()]);
  await until(
    async () => (await execa('ip', ['link', 'show', link()], { reject: false })).exitCode === 0,
    'the link back, within its 10 s check',
    30_000,
    500,
  );
  expect(await hostReaches(addresses[0])).toBe(true);
  await execa('docker', ['restart', `edgenet_host_access_${lan.parent}`], { env: { DOCKER_HOST: env.DOCKER_HOST } });
  await until(async () => hostReaches(addresses[1]), 'the link back after a restart', 30_000, 1000);
});

test('after a subnet move the host reaches every runtime at its new address', async () => {
  await lan.move('10.62.0');
  await lan.defaultRoute();
  await apply();
  const addresses = await lanAddresses();
  for (const [name, address] of Object.entries(addresses)) {
    expect(address).toMatch(/^10\.62\.0\./);
    expect({ name, reached: await hostReaches(address) }).toEqual({ name, reached: true });
  }
  const { stdout } = await execa('ip', ['-o', '-4', 'addr', 'show', 'dev', link()]);
  expect(stdout).toMatch(/inet 10\.62\.0\.\d+\/32/);
});

test('destroy leaves nothing of it: no link on the host, no container', async () => {
  const result = await edgenet(['destroy', '--auto-approve', ...stackArgs]);
  expect(result.exitCode).toBe(0);
  expect((await execa('ip', ['link', 'show', link()], { reject: false })).exitCode).not.toBe(0);
  const names = (await docker.get<any[]>('/containers/json?all=1')).map((c) => c.Names[0]);
  expect(names).not.toContain(`/edgenet_host_access_${lan.parent}`);
});
