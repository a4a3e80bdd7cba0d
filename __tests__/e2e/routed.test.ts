import execa from 'execa';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { NamespacedLan } from '../../scripts/testbed/lan';
import { until } from '../poll';
import { docker, dockerCli, edgenet, env, reaches, removeDockerLeftovers } from '../../scripts/testbed/env';

/**
 * A Wi-Fi parent on a kernel without ipvlan (this one): the facts say the LAN's parent is
 * Wi-Fi, and the LAN is routed. A host on the LAN (maindb, in its own namespace) pings each
 * runtime at its own address and finds the parent's MAC for it in its neighbour table: the
 * LAN never sees a MAC of the runtime's. It follows a subnet move without a restart, and
 * destroy leaves no veth and no proxy entry on the host.
 */
jest.setTimeout(300_000);

const lan = new NamespacedLan(`${process.pid.toString(36).slice(-3)}r`);
const work = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-routed-'));
const configFile = path.join(work, 'routed.yaml');
const factsFile = path.join(work, 'facts.json');
const out = path.join(work, 'cdktf.out');
const stackArgs = ['--config', configFile, '--facts', factsFile, '--out', out];
const RUNTIMES = ['rw1', 'rw2', 'rw3'];
/** rw3's vNIC takes a lease from the LAN's DHCP server. */
const DHCP_RUNTIME = 'rw3';
let forced = false;

/** This host's facts, with the LAN's parent a Wi-Fi station. */
async function writeWifiFacts(): Promise<void> {
  const detected = await edgenet(['facts', '--json']);
  expect(detected.exitCode).toBe(0);
  const facts = JSON.parse(detected.stdout);
  for (const i of facts.interfaces) if (i.name === lan.parent) i.type = 'wifi';
  writeFileSync(factsFile, JSON.stringify(facts));
}

/** The address a runtime's routed vNIC holds, as the runtime's own link shows it. */
async function routedAddress(runtime: string): Promise<string | undefined> {
  const { stdout } = await dockerCli(['exec', runtime, 'ip', '-o', '-4', 'addr', 'show', 'dev', 'rv-lan']);
  return /inet (\d+\.\d+\.\d+\.\d+)\/32/.exec(stdout)?.[1];
}

/** Waits for the address a routed vNIC holds (a dhcp one's once its lease is in). */
async function heldAddress(runtime: string, prefix: string): Promise<string> {
  await until(
    async () => (await routedAddress(runtime))?.startsWith(`${prefix}.`) === true,
    `${runtime} holding an address of ${prefix}.0/24`,
    60_000,
    500,
  );
  return (await routedAddress(runtime)) as string;
}

/** The DHCP server's lease for `address`: under the parent's MAC, whatever vNIC holds it. */
const leaseOf = (address: string) => lan.leases().find((l) => l.ip === address);

/** maindb pings `address`: true when it answers. */
async function maindbReaches(address: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const ping = await execa('ip', ['netns', 'exec', lan.dbNs, 'busybox', 'ping', '-c', '1', '-W', '2', address], { reject: false });
    if (ping.exitCode === 0) return true;
  }
  return false;
}

async function apply(): Promise<string> {
  const result = await edgenet(['apply', '--auto-approve', ...stackArgs]);
  expect({ exitCode: result.exitCode, stderr: result.exitCode === 0 ? '' : result.stderr.slice(-3000) }).toEqual({
    exitCode: 0,
    stderr: '',
  });
  return result.stdout;
}

const parentMac = () => readFileSync(`/sys/class/net/${lan.parent}/address`, 'utf8').trim();
const startedAt = async (name: string) => (await docker.get<any>(`/containers/${name}/json`)).State.StartedAt;

beforeAll(async () => {
  await removeDockerLeftovers();
  await lan.down();
  await lan.up('10.65.0');
  await lan.defaultRoute();
  await lan.startDhcp(100, 150);
  // This kernel has no ipvlan, so the facts' Wi-Fi parent alone makes the LAN routed; on a
  // kernel with ipvlan the config forces it.
  forced = await lan.kernelHasIpvlan();
  writeFileSync(
    configFile,
    `stack: routed
docker_host: ${env.DOCKER_HOST}
${forced ? `lans:\n  ${lan.parent}: { driver: routed }\n` : ''}runtimes:
${RUNTIMES.map((n) => `  - { name: ${n}, image: local/busybox:latest, command: [sleep, infinity], vnics: [{ name: lan, parent_interface: ${lan.parent}, network_mode: ${n === DHCP_RUNTIME ? 'dhcp' : 'auto'} }] }`).join('\n')}
`,
  );
});

afterAll(async () => {
  await edgenet(['destroy', '--auto-approve', ...stackArgs]);
  await lan.down();
});

test('a Wi-Fi parent on a kernel without ipvlan: the plan says routed and why, and a host on the LAN reaches every runtime at the parent MAC', async () => {
  await writeWifiFacts();
  const stdout = await apply();
  expect(stdout).toContain(
    forced
      ? `lan routed_${lan.parent}_10.65.0.0_24: routed, because lans.${lan.parent}.driver says routed`
      : `lan routed_${lan.parent}_10.65.0.0_24: routed, because the host facts type ${lan.parent} wifi and the kernel has no ipvlan`,
  );
  for (const runtime of RUNTIMES) {
    const address = await heldAddress(runtime, '10.65.0');
    expect({ runtime, answers: await maindbReaches(address) }).toEqual({ runtime, answers: true });
    expect({ runtime, mac: await lan.neighbourMac(address) }).toEqual({ runtime, mac: parentMac() });
    expect(await reaches(runtime, lan.maindb)).toBe(true);
  }
  // The lease is the server's, asked under the parent's MAC (all the LAN sees) and the vNIC's own client identifier.
  const leased = await heldAddress(DHCP_RUNTIME, '10.65.0');
  expect(leaseOf(leased)).toEqual({ ip: leased, mac: parentMac(), hostname: DHCP_RUNTIME });
  expect(Number(leased.split('.')[3])).toBeGreaterThanOrEqual(100);
  // status shows each routed vNIC as its keeper holds it.
  const status = JSON.parse((await edgenet(['status', '--json', ...stackArgs])).stdout).hosts[0].vnics;
  for (const runtime of RUNTIMES) {
    expect(status.find((v: any) => v.runtime === runtime)).toMatchObject({
      network: `routed_${lan.parent}_10.65.0.0_24`,
      address: await routedAddress(runtime),
      source: runtime === DHCP_RUNTIME ? 'lease' : 'auto',
      mac: null,
    });
  }
  // No Docker network for a routed LAN: nothing on the engine claims the parent.
  const networks = (await docker.get<any[]>('/networks')).map((n) => n.Name);
  expect(networks.filter((n) => n.includes(lan.parent))).toEqual([]);
  expect((await edgenet(['plan', ...stackArgs])).stdout).toContain('No changes.');
  expect((await edgenet(['drift', ...stackArgs])).exitCode).toBe(0);
});

test('it follows a subnet move without restarting the runtimes', async () => {
  const before = await Promise.all(RUNTIMES.map(startedAt));
  await lan.move('10.66.0');
  await lan.defaultRoute();
  await lan.startDhcp(100, 150);
  await writeWifiFacts();
  await apply();
  for (const runtime of RUNTIMES) {
    const address = await heldAddress(runtime, '10.66.0');
    expect({ runtime, answers: await maindbReaches(address) }).toEqual({ runtime, answers: true });
    expect({ runtime, mac: await lan.neighbourMac(address) }).toEqual({ runtime, mac: parentMac() });
  }
  expect(await Promise.all(RUNTIMES.map(startedAt))).toEqual(before);
  const { stdout: proxies } = await execa('ip', ['neigh', 'show', 'proxy', 'dev', lan.parent]);
  expect(proxies).not.toMatch(/10\.65\.0\./);
});

test('destroy leaves no veth and no proxy entry on the host', async () => {
  expect((await edgenet(['destroy', '--auto-approve', ...stackArgs])).exitCode).toBe(0);
  const { stdout: links } = await execa('ip', ['-o', 'link']);
  expect(links.split('\n').filter((l) => / erv[0-9a-f]{10}[@:]/.test(l))).toEqual([]);
  expect((await execa('ip', ['neigh', 'show', 'proxy', 'dev', lan.parent])).stdout.trim()).toBe('');
});
