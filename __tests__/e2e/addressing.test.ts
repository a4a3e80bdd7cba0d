import execa from 'execa';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { until } from '../poll';
import { NamespacedLan, removeLeftovers } from '../../scripts/testbed/lan';
import { docker, dockerCli, edgenet, env, removeDockerLeftovers } from '../../scripts/testbed/env';

/**
 * Addresses that are true on the LAN, on the namespaced LAN with dnsmasq as its DHCP server:
 * a dhcp vNIC holds a real lease (taken, shown by `edgenet status`, answered on, given back on
 * destroy, taken anew after a move); auto addresses stay where they are when runtimes are
 * added; a manager container reaches every runtime's internal network, and runtimes still
 * cannot reach each other's; an auto address something on the LAN holds is refused (arp_probe).
 */
jest.setTimeout(600_000);

const lan = new NamespacedLan(`a${process.pid.toString(36).slice(-3)}`);
const work = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-addressing-'));
const factsFile = path.join(work, 'facts.json');
const configFile = path.join(work, 'edge.yaml');
const out = path.join(work, 'cdktf.out');
const args = () => ['--config', configFile, '--facts', factsFile, '--out', out];

async function facts(): Promise<void> {
  const result = await edgenet(['facts', '--json', '--out', factsFile]);
  expect(result.exitCode).toBe(0);
}

function config(runtimes: string, extra = ''): void {
  writeFileSync(
    configFile,
    `stack: addressing
docker_host: ${env.DOCKER_HOST}
dhcp_client_image: local/busybox:latest
${extra}
profiles:
  plc: { image: local/busybox:latest, command: [sleep, infinity], vnic_defaults: { parent_interface: ${lan.parent} } }
runtimes:
${runtimes}
`,
  );
}

async function statusOf(part: 'vnics' | 'internal'): Promise<any[]> {
  const result = await edgenet(['status', '--json', ...args()]);
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout).hosts[0][part];
}
const status = () => statusOf('vnics');

// busybox's ping: the test bed installs busybox-static, and the machine may have no other ping.
const pingFromLan = (address: string) =>
  execa('ip', ['netns', 'exec', lan.lanNs, 'busybox', 'ping', '-c', '1', '-W', '2', address], { reject: false });

beforeAll(async () => {
  await removeLeftovers();
  await removeDockerLeftovers();
  await lan.up('10.88.0');
  await lan.startDhcp(100, 150);
  await facts();
});

afterAll(async () => {
  await edgenet(['destroy', '--auto-approve', ...args()]);
  await dockerCli(['rm', '-f', 'agent']);
  await lan.down();
});

describe('a dhcp vNIC', () => {
  beforeAll(() => config('  - { name: d1, profile: plc, vnics: [{ name: lan, network_mode: dhcp }] }'));

  test("takes a lease from the LAN's server, answers on it, and the plan stays empty", async () => {
    const applied = await edgenet(['apply', '--auto-approve', ...args()]);
    expect(applied.stderr).not.toMatch(/Error/);
    expect(applied.exitCode).toBe(0);
    await until(
      async () => lan.leases().some((l) => l.hostname === 'd1'),
      () => `a lease for d1 (dnsmasq: ${lan.dhcpLog.slice(-1500)})`,
      60_000,
    );
    const lease = lan.leases().find((l) => l.hostname === 'd1')!;
    expect(lease.ip).toMatch(/^10\.88\.0\.(1[0-4]\d|150)$/);
    await until(async () => (await status())[0].address === lease.ip, 'edgenet status to show the lease', 30_000);
    const [vnic] = await status();
    expect(vnic).toMatchObject({
      runtime: 'd1',
      vnic: 'lan',
      mode: 'dhcp',
      source: 'lease',
      address: lease.ip,
      lease: { server: '10.88.0.1' },
    });
    expect(Date.parse(vnic.lease.until)).toBeGreaterThan(Date.now());
    expect((await pingFromLan(lease.ip)).exitCode).toBe(0);
    const plan = await edgenet(['plan', ...args()]);
    expect(plan.stdout).toContain('No changes.');
    const human = await edgenet(['status', ...args()]);
    // RUNTIME VNIC NETWORK ADDRESS MAC FROM
    expect(human.stdout).toMatch(
      new RegExp(`d1\\s+lan\\s+\\S+\\s+${lease.ip.replace(/\./g, '\\.')}\\s+[0-9a-f:]{17}\\s+lease from 10\\.88\\.0\\.1 until `),
    );
  });

  test('after a move to a subnet the server now serves, it holds a new lease there', async () => {
    await lan.stopDhcp();
    await lan.move('10.89.0');
    await lan.startDhcp(100, 150);
    await facts();
    expect((await edgenet(['apply', '--auto-approve', ...args()])).exitCode).toBe(0);
    await until(
      async () => /^10\.89\.0\./.test((await status())[0].address ?? ''),
      () => `a lease on 10.89.0.0/24 (dnsmasq: ${lan.dhcpLog.slice(-1500)})`,
      60_000,
    );
    const { address } = (await status())[0];
    expect(lan.leases().find((l) => l.hostname === 'd1')?.ip).toBe(address);
    expect((await pingFromLan(address)).exitCode).toBe(0);
  });

  test('destroy gives the lease back', async () => {
    expect(lan.leases().some((l) => l.hostname === 'd1')).toBe(true);
    expect((await edgenet(['destroy', '--auto-approve', ...args()])).exitCode).toBe(0);
    await until(
      async () => !lan.leases().some((l) => l.hostname === 'd1'),
      () => `the lease released (dnsmasq: ${lan.dhcpLog.slice(-1500)})`,
      30_000,
    );
    expect(lan.dhcpLog).toMatch(/DHCPRELEASE/);
  });
});

describe('auto addresses', () => {
  test('stay where they are when runtimes are added, also ones whose names sort first', async () => {
    config('  - { name: r1, profile: plc, vnics: [{ name: lan }] }');
    expect((await edgenet(['apply', '--auto-approve', ...args()])).exitCode).toBe(0);
    const before = (await status()).find((v) => v.runtime === 'r1').address;
    const lock = JSON.parse(readFileSync(path.join(work, 'edge.lock.json'), 'utf8'));
    expect(lock.stacks.addressing['r1/lan']).toEqual({ lan: lan.parent, host: Number(before.split('.')[3]) });
    const newcomers = Array.from({ length: 12 }, (_, i) => `  - { name: a${i}, profile: plc, vnics: [{ name: lan }] }`).join('\n');
    config(`${newcomers}\n  - { name: r1, profile: plc, vnics: [{ name: lan }] }`);
    const id = (await docker.get('/containers/r1/json')).Id;
    expect((await edgenet(['apply', '--auto-approve', ...args()])).exitCode).toBe(0);
    expect((await status()).find((v) => v.runtime === 'r1').address).toBe(before);
    expect((await docker.get('/containers/r1/json')).Id).toBe(id);
    expect((await edgenet(['destroy', '--auto-approve', ...args()])).exitCode).toBe(0);
  });
});

describe('the manager', () => {
  test("reaches every runtime on its internal network; runtimes still cannot reach each other's", async () => {
    expect((await dockerCli(['run', '-d', '--name', 'agent', 'local/busybox:latest', 'sleep', 'infinity'])).exitCode).toBe(0);
    config(
      ['  - { name: m1, profile: plc, vnics: [{ name: lan }] }', '  - { name: m2, profile: plc, isolated: true }'].join('\n'),
      'manager: { container: agent }',
    );
    const applied = await edgenet(['apply', '--auto-approve', ...args()]);
    expect(applied.stderr).not.toMatch(/Error/);
    expect(applied.exitCode).toBe(0);
    const agent = (await docker.get('/containers/agent/json')).NetworkSettings.Networks;
    const internal = async (name: string) =>
      (await docker.get(`/containers/${name}/json`)).NetworkSettings.Networks[`${name}_internal`].IPAddress as string;
    for (const name of ['m1', 'm2']) {
      expect(agent[`${name}_internal`].IPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect((await dockerCli(['exec', 'agent', 'ping', '-c', '1', '-W', '2', await internal(name)])).exitCode).toBe(0);
    }
    expect((await dockerCli(['exec', 'm1', 'ping', '-c', '1', '-W', '2', await internal('m2')])).exitCode).not.toBe(0);
    expect((await edgenet(['plan', ...args()])).stdout).toContain('No changes.');
    // edgenet status shows the addresses the engine chose, the manager's beside each runtime's.
    expect(await statusOf('internal')).toEqual(
      await Promise.all(
        ['m1', 'm2'].map(async (name) => ({
          runtime: name,
          network: `${name}_internal`,
          address: await internal(name),
          manager: agent[`${name}_internal`].IPAddress,
          source: 'engine',
        })),
      ),
    );
  });

  test('with an internal pool: each runtime at .2 of its /24, the manager at .3, set on existing runtimes too', async () => {
    config(
      ['  - { name: m1, profile: plc, vnics: [{ name: lan }] }', '  - { name: m2, profile: plc, isolated: true }'].join('\n'),
      'manager: { container: agent, internal_pool: 10.250.0.0/16 }',
    );
    // The runtimes of the test above move to internal networks of the pool: created anew with them.
    const applied = await edgenet(['apply', '--auto-approve', ...args()]);
    expect(applied.stderr).not.toMatch(/Error/);
    expect(applied.exitCode).toBe(0);
    const lock = JSON.parse(readFileSync(path.join(work, 'edge.lock.json'), 'utf8')).stacks.addressing;
    const agent = (await docker.get('/containers/agent/json')).NetworkSettings.Networks;
    for (const name of ['m1', 'm2']) {
      const prefix = `10.250.${lock[name].host}`;
      const network = await docker.get(`/networks/${name}_internal`);
      expect(network.IPAM.Config).toEqual([{ Subnet: `${prefix}.0/24`, Gateway: `${prefix}.1` }]);
      expect((await docker.get(`/containers/${name}/json`)).NetworkSettings.Networks[`${name}_internal`].IPAddress).toBe(`${prefix}.2`);
      expect(agent[`${name}_internal`].IPAddress).toBe(`${prefix}.3`);
      expect((await dockerCli(['exec', 'agent', 'ping', '-c', '1', '-W', '2', `${prefix}.2`])).exitCode).toBe(0);
    }
    expect((await dockerCli(['exec', 'm1', 'ping', '-c', '1', '-W', '2', `10.250.${lock.m2.host}.2`])).exitCode).not.toBe(0);
    expect((await edgenet(['plan', ...args()])).stdout).toContain('No changes.');
    expect((await statusOf('internal')).map((n) => [n.runtime, n.address, n.manager, n.source])).toEqual(
      ['m1', 'm2'].map((name) => [name, `10.250.${lock[name].host}.2`, `10.250.${lock[name].host}.3`, 'internal_pool']),
    );
    const human = (await edgenet(['status', ...args()])).stdout;
    expect(human).toMatch(/RUNTIME\s+INTERNAL NETWORK\s+ADDRESS\s+MANAGER\s+FROM/);
    expect(human).toMatch(
      new RegExp(`m1\\s+m1_internal\\s+10\\.250\\.${lock.m1.host}\\.2\\s+10\\.250\\.${lock.m1.host}\\.3\\s+internal_pool`),
    );
  });
});

describe('arp_probe', () => {
  test('refuses an auto address something on the LAN answers for, before its first use; a free one is given and not asked again', async () => {
    const host = (address: string) => Number(address.split('.')[3]);
    const lans = (index: number) => `lans: { ${lan.parent}: { auto_range: '${index}', arp_probe: true } }`;
    const links = JSON.parse((await execa('ip', ['-n', lan.dbNs, '-j', 'link', 'show'])).stdout) as Array<{
      ifname: string;
      address: string;
    }>;
    const maindbMac = links.find((l) => l.ifname !== 'lo')?.address;

    // maindb holds the only address of the auto range.
    config('  - { name: p1, profile: plc, vnics: [{ name: lan }] }', lans(host(lan.maindb)));
    const refused = await edgenet(['plan', ...args()]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(
      `$.lans.${lan.parent}.arp_probe: found the auto address of runtime p1 vNIC lan in use on the LAN (${maindbMac} answers ARP for it), got "${lan.maindb}"; expected a free address: add ${lan.maindb} to lans.${lan.parent}.exclude`,
    );
    const lockFile = path.join(work, 'edge.lock.json');
    const recorded = () => (existsSync(lockFile) ? JSON.parse(readFileSync(lockFile, 'utf8')).stacks.addressing?.['p1/lan'] : undefined);
    expect(recorded()).toBeUndefined();

    const free = host(lan.maindb) + 1;
    config('  - { name: p1, profile: plc, vnics: [{ name: lan }] }', lans(free));
    const applied = await edgenet(['apply', '--auto-approve', ...args()]);
    expect(applied.stderr).not.toMatch(/Error/);
    expect(applied.exitCode).toBe(0);
    expect(applied.stderr).toContain('arp_probe: asking the LAN whether 1 new auto address(es) of stack addressing are free');
    expect(recorded()).toEqual({ lan: lan.parent, host: free });
    // Recorded now: the runtime that answers for it is not asked about.
    const again = await edgenet(['plan', ...args()]);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).not.toContain('arp_probe');
    expect(again.stdout).toContain('No changes.');
  });
});
