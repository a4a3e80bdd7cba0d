import execa from 'execa';
import { mkdtempSync, promises as fs, statSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { interfacesFromIp } from '../../watcher/netmon/ip-snapshot';
import { checkNetmon } from '../../watcher/netmon/health-check';
import { ChangeMessage, DiscoveryMessage } from '../../watcher/common/protocol';
import { collect } from '../netmon-collector';
import { until } from '../poll';
import { E2E_PREFIX } from '../../scripts/testbed/lan';
import { CLI } from '../../scripts/testbed/env';

/**
 * netmon against real netlink: it runs inside a network namespace made here, with
 * reportable links (lan0, lan1) and plumbing it must ignore (a bridge `br-test`, veth
 * peers named `veth*`). Debounce is 1 s to keep the suite short; the logic is the same at 3 s.
 */

const NS = `${E2E_PREFIX}-nm-${process.pid}`;
const DEBOUNCE_MS = 1000;
/** How long after the debounce an event may take to arrive (snapshot + socket) before we call it missing. */
const SLACK_MS = 1500;

jest.setTimeout(30000);

const nsIp = (...args: string[]) => execa('ip', ['-n', NS, ...args]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let socketPath: string;
let netmon: execa.ExecaChildProcess;
const clients: Array<Awaited<ReturnType<typeof collect>>> = [];

async function connect() {
  const client = await collect(socketPath);
  clients.push(client);
  await client.until(() => client.messages().length >= 1, 'discovery');
  return client;
}

const changesFor = (client: Awaited<ReturnType<typeof collect>>, name: string) =>
  client.changes().filter((r) => (r.message as ChangeMessage).data.interface === name);

beforeAll(async () => {
  await execa('ip', ['netns', 'del', NS], { reject: false });
  await execa('ip', ['netns', 'add', NS]);
  await nsIp('link', 'set', 'lo', 'up');
  for (const [link, peer] of [
    ['lan0', 'veth-lan0p'],
    ['lan1', 'veth-lan1p'],
  ]) {
    await nsIp('link', 'add', link, 'type', 'veth', 'peer', 'name', peer);
    await nsIp('link', 'set', link, 'up');
    await nsIp('link', 'set', peer, 'up');
  }
  await nsIp('link', 'add', 'br-test', 'type', 'bridge');
  await nsIp('link', 'set', 'br-test', 'up');
  await nsIp('addr', 'add', '10.61.0.10/24', 'dev', 'lan0');
  await nsIp('addr', 'add', '10.61.9.10/16', 'dev', 'lan0');
  await nsIp('route', 'add', 'default', 'via', '10.61.0.1', 'dev', 'lan0');
  await nsIp('addr', 'add', '10.62.0.10/24', 'dev', 'lan1');
  await nsIp('addr', 'add', '10.63.0.1/24', 'dev', 'br-test');
  await nsIp('addr', 'add', '10.64.0.1/24', 'dev', 'veth-lan0p');
  dir = mkdtempSync(path.join(os.tmpdir(), 'edgenet-netmon-'));
  socketPath = path.join(dir, 'run', 'netmon.sock');
  netmon = execa(
    'ip',
    ['netns', 'exec', NS, process.execPath, CLI, 'netmon', '--socket', socketPath, '--debounce', String(DEBOUNCE_MS / 1000)],
    { reject: false },
  );
  await until(() => statSync(socketPath, { throwIfNoEntry: false }) !== undefined, 'the socket', 10000);
}, 30000);

afterAll(async () => {
  clients.splice(0).forEach((c) => c.connection.close());
  if (netmon.exitCode === null) netmon.kill('SIGKILL');
  await execa('ip', ['netns', 'del', NS], { reject: false });
  await fs.rm(dir, { recursive: true, force: true });
});

test('the socket is 0660 and the health check passes', async () => {
  expect(statSync(socketPath).mode & 0o777).toBe(0o660);
  await expect(checkNetmon(socketPath)).resolves.toBe(2);
});

test('discovery lists exactly the reportable interfaces, as `ip -j addr` of the namespace has them', async () => {
  const client = await connect();
  const discovery = client.messages()[0] as DiscoveryMessage;
  expect(discovery.type).toBe('network_discovery');
  const { stdout } = await nsIp('-j', 'addr');
  const kernel = JSON.parse(stdout);
  const inet = (name: string) =>
    kernel
      .find((l: any) => l.ifname === name)
      .addr_info.filter((a: any) => a.family === 'inet')
      .map((a: any) => `${a.local}/${a.prefixlen}`);
  const reported = (name: string) => discovery.data.interfaces.find((i) => i.interface === name)!;
  expect(discovery.data.interfaces.map((i) => i.interface)).toEqual(
    ['lan0', 'lan1'].sort((a, b) => kernel.find((l: any) => l.ifname === a).ifindex - kernel.find((l: any) => l.ifname === b).ifindex),
  );
  for (const name of ['lan0', 'lan1']) {
    expect(reported(name).ipv4_addresses.map((a) => `${a.address}/${a.prefixlen}`)).toEqual(inet(name));
    expect(reported(name).index).toBe(kernel.find((l: any) => l.ifname === name).ifindex);
    expect(reported(name).operstate).toBe('UP');
  }
  expect(reported('lan0').ipv4_addresses).toEqual([
    { address: '10.61.0.10', prefixlen: 24, subnet: '10.61.0.0/24', network_address: '10.61.0.0' },
    { address: '10.61.9.10', prefixlen: 16, subnet: '10.61.0.0/16', network_address: '10.61.0.0' },
  ]);
  expect(reported('lan0').gateway).toBe('10.61.0.1');
  expect(reported('lan1').gateway).toBeNull();
  // The snapshot parser agrees with the kernel on everything it reports.
  expect(interfacesFromIp(stdout, '[]').find((s) => s.interface === 'lan1')!.ipv4_addresses).toEqual(reported('lan1').ipv4_addresses);
});

test('a subnet move (address and default route) is one network_change after the debounce; filtered links say nothing', async () => {
  const client = await connect();
  const started = Date.now();
  await nsIp('addr', 'del', '10.61.0.10/24', 'dev', 'lan0');
  await nsIp('addr', 'del', '10.61.9.10/16', 'dev', 'lan0');
  await nsIp('addr', 'add', '10.71.0.10/24', 'dev', 'lan0');
  await nsIp('route', 'replace', 'default', 'via', '10.71.0.1', 'dev', 'lan0');
  await nsIp('addr', 'add', '10.63.1.1/24', 'dev', 'br-test');
  await nsIp('addr', 'add', '10.64.1.1/24', 'dev', 'veth-lan0p');
  await client.until(() => client.changes().length >= 1, 'the change', DEBOUNCE_MS + SLACK_MS + 2000);
  await sleep(DEBOUNCE_MS + SLACK_MS);
  const changes = client.changes();
  expect(changes).toHaveLength(1);
  const change = changes[0].message as ChangeMessage;
  expect(change.data).toMatchObject({
    interface: 'lan0',
    operstate: 'UP',
    ipv4_addresses: [{ address: '10.71.0.10', prefixlen: 24, subnet: '10.71.0.0/24', network_address: '10.71.0.0' }],
    gateway: '10.71.0.1',
  });
  expect(changes[0].at - started).toBeGreaterThanOrEqual(DEBOUNCE_MS);
});

test('50 changes in 2 s on one interface yield one event with the final state', async () => {
  const client = await connect();
  let previous: string | undefined;
  const started = Date.now();
  let longestGap = 0;
  let last = started;
  for (let i = 1; i <= 50; i += 1) {
    // Paced at one change per 40 ms: 50 changes spread over 2 s.
    await sleep(Math.max(0, started + i * 40 - Date.now()));
    const address = `10.71.0.${100 + i}/24`;
    await nsIp('addr', 'add', address, 'dev', 'lan0');
    if (previous) await nsIp('addr', 'del', previous, 'dev', 'lan0');
    previous = address;
    longestGap = Math.max(longestGap, Date.now() - last);
    last = Date.now();
  }
  // Meaningful only if the burst never paused for a whole debounce.
  expect(longestGap).toBeLessThan(DEBOUNCE_MS);
  await client.until(() => client.changes().length >= 1, 'the change', DEBOUNCE_MS + SLACK_MS + 2000);
  await sleep(DEBOUNCE_MS + SLACK_MS);
  expect(client.changes()).toHaveLength(1);
  expect((client.changes()[0].message as ChangeMessage).data.ipv4_addresses.map((a) => a.address)).toEqual(['10.71.0.10', '10.71.0.150']);
});

test('20 clients all get every event while one client reads nothing', async () => {
  const stalled = await connect();
  stalled.connection.pause();
  const readers = await Promise.all(Array.from({ length: 20 }, () => connect()));
  const started = Date.now();
  await nsIp('addr', 'add', '10.62.5.10/24', 'dev', 'lan1');
  await nsIp('addr', 'del', '10.71.0.150/24', 'dev', 'lan0');
  for (const reader of readers) {
    await reader.until(() => reader.changes().length >= 2, 'both changes', DEBOUNCE_MS + SLACK_MS + 2000);
  }
  const latest = Math.max(...readers.flatMap((r) => r.changes().map((c) => c.at)));
  expect(latest - started).toBeLessThan(DEBOUNCE_MS + SLACK_MS + 2000);
  for (const reader of readers) {
    expect(changesFor(reader, 'lan1').map((c) => (c.message as ChangeMessage).data.ipv4_addresses.length)).toEqual([2]);
    expect(changesFor(reader, 'lan0')).toHaveLength(1);
  }
});

test('an interface that loses its last address, or goes down, is reported as such', async () => {
  const client = await connect();
  await nsIp('addr', 'flush', 'dev', 'lan1');
  await nsIp('link', 'set', 'lan0', 'down');
  await client.until(() => client.changes().length >= 2, 'both changes', DEBOUNCE_MS + SLACK_MS + 2000);
  expect((changesFor(client, 'lan1')[0].message as ChangeMessage).data).toMatchObject({ interface: 'lan1', ipv4_addresses: [] });
  expect((changesFor(client, 'lan0')[0].message as ChangeMessage).data).toMatchObject({ interface: 'lan0', operstate: 'DOWN' });
  const late = await connect();
  expect((late.messages()[0] as DiscoveryMessage).data.interfaces).toEqual([]);
  await nsIp('link', 'set', 'lan0', 'up');
  await client.until(() => changesFor(client, 'lan0').length >= 2, 'lan0 back up', DEBOUNCE_MS + SLACK_MS + 2000);
  expect((changesFor(client, 'lan0')[1].message as ChangeMessage).data).toMatchObject({ operstate: 'UP', gateway: null });
});

test('when the netlink monitor dies, netmon restarts it and resynchronises what changed meanwhile', async () => {
  const client = await connect();
  const { stdout } = await execa('pgrep', ['-P', String(netmon.pid), '-f', 'monitor']);
  const monitorPid = Number(stdout.trim().split('\n')[0]);
  process.kill(monitorPid, 'SIGKILL');
  // Changed while no monitor runs: only the resync can see it.
  await nsIp('addr', 'add', '10.62.7.10/24', 'dev', 'lan1');
  await client.until(() => changesFor(client, 'lan1').length >= 1, 'the resynchronised change', 500 + DEBOUNCE_MS + SLACK_MS + 2000);
  expect((changesFor(client, 'lan1')[0].message as ChangeMessage).data.ipv4_addresses.map((a) => a.address)).toEqual(['10.62.7.10']);
  const { stdout: after } = await execa('pgrep', ['-P', String(netmon.pid), '-f', 'monitor']);
  expect(Number(after.trim())).not.toBe(monitorPid);
});

test('SIGTERM stops netmon cleanly and removes the socket', async () => {
  const client = await connect();
  netmon.kill('SIGTERM');
  const result = await netmon;
  expect(result.exitCode).toBe(0);
  await client.until(() => client.closed() !== undefined, 'the connection to close');
  expect(statSync(socketPath, { throwIfNoEntry: false })).toBeUndefined();
});
