import execa from 'execa';
import * as ipaddr from 'ipaddr.js';
import { mkdtempSync, promises as fs, statSync } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
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
 * The settle's rules (a complete change early, flaps, renewals) run last, against a second
 * netmon with the defaults (3 s debounce, 0.25 s settle) in a namespace of its own.
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
  netmon = execa('ip', ['netns', 'exec', NS, CLI, 'netmon', '--socket', socketPath, '--debounce', String(DEBOUNCE_MS / 1000)], {
    reject: false,
  });
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
  expect(reported('lan1').ipv4_addresses.map((a) => [a.subnet, a.network_address])).toEqual(
    inet('lan1').map((cidr: string) => {
      const [address, length] = cidr.split('/');
      const network = ipaddr.IPv4.networkAddressFromCIDR(cidr).toString();
      return address === undefined ? [] : [`${network}/${length}`, network];
    }),
  );
});

test('a subnet move (address and default route) is one network_change before the debounce; filtered links say nothing', async () => {
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
  // Complete (an address and the default route back) and quiet for the settle: no debounce.
  expect(changes[0].at - started).toBeLessThan(DEBOUNCE_MS);
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

/** A client written like the reference agent's: raw lines; a line without `type` is the reply to its last command. */
async function referenceClient() {
  const socket = net.connect(socketPath);
  const lines: Array<{ value: any; at: number }> = [];
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const part of parts) lines.push({ value: JSON.parse(part), at: Date.now() });
  });
  await new Promise((r) => socket.once('connect', r));
  const replies = () => lines.filter((l) => l.value.type === undefined);
  return {
    socket,
    lines,
    /** Sends one command line and resolves with its reply and how long it took. */
    async ask(line: string) {
      const before = replies().length;
      const sent = Date.now();
      socket.write(`${line}\n`);
      await until(() => replies().length > before, `the reply to ${line}`, 5000);
      const reply = replies()[before];
      return { reply: reply.value, ms: reply.at - sent };
    },
  };
}

const dataOf = (received: { message: unknown }) => (received.message as ChangeMessage).data;

test("a reference-style client's commands are each answered in under 1 s, in order, and the connection stays", async () => {
  const client = await referenceClient();
  try {
    await until(() => client.lines.length >= 1, 'discovery');
    const discovered = (client.lines[0].value as DiscoveryMessage).data.interfaces.map((i) => i.interface);
    const status = await client.ask('{"command": "get_status"}');
    const dhcp = await client.ask(
      '{"command": "start_dhcp", "container_name": "rt1", "vnic_name": "lan", "mac_address": "02:42:c0:a8:01:32", "container_pid": 1}',
    );
    const garbage = await client.ask('this is not json');
    const netlink = await client.ask('{"command": "get_netlink_status"}');
    for (const answer of [status, dhcp, garbage, netlink]) expect(answer.ms).toBeLessThan(1000);
    // The test before killed the monitor: it runs again, restarted once, and says so for a minute.
    expect(status.reply).toMatchObject({
      success: true,
      status: { interfaces: discovered, debounce_ms: DEBOUNCE_MS, netlink: { state: 'running', degraded: true, restarts: 1 } },
    });
    expect(status.reply.status.clients).toBeGreaterThanOrEqual(1);
    expect(dhcp.reply).toEqual({ success: false, error: 'unsupported command: start_dhcp' });
    expect(garbage.reply.success).toBe(false);
    expect(netlink.reply).toEqual({ success: true, status: status.reply.status.netlink });
    expect(client.socket.destroyed).toBe(false);
  } finally {
    client.socket.destroy();
  }
});

test('a link going down is reported within 1 s as down, and deleting it within 1 s as removed', async () => {
  const client = await connect();
  await nsIp('link', 'add', 'lan2', 'type', 'veth', 'peer', 'name', 'veth-lan2p');
  await nsIp('link', 'set', 'veth-lan2p', 'up');
  await nsIp('link', 'set', 'lan2', 'up');
  await nsIp('addr', 'add', '10.65.0.10/24', 'dev', 'lan2');
  await client.until(() => changesFor(client, 'lan2').length >= 1, 'lan2 to appear', DEBOUNCE_MS + SLACK_MS + 2000);
  const down = Date.now();
  await nsIp('link', 'set', 'lan2', 'down');
  await client.until(() => changesFor(client, 'lan2').length >= 2, 'lan2 down', 2000);
  expect(changesFor(client, 'lan2')[1].at - down).toBeLessThan(1000);
  expect(dataOf(changesFor(client, 'lan2')[1])).toMatchObject({ interface: 'lan2', ipv4_addresses: [], status: 'down', operstate: 'DOWN' });
  const removed = Date.now();
  await nsIp('link', 'del', 'lan2');
  await client.until(() => changesFor(client, 'lan2').length >= 3, 'lan2 removed', 2000);
  expect(changesFor(client, 'lan2')[2].at - removed).toBeLessThan(1000);
  expect(dataOf(changesFor(client, 'lan2')[2])).toMatchObject({ interface: 'lan2', ipv4_addresses: [], status: 'removed' });
  // Nothing more comes of it once the debounce has passed.
  await sleep(DEBOUNCE_MS + SLACK_MS);
  expect(changesFor(client, 'lan2')).toHaveLength(3);
});

test('an interface renamed after start (as udev does: down, rename, up) is reported under its new name, the old name removed', async () => {
  const client = await connect();
  await nsIp('link', 'add', 'lan3', 'type', 'veth', 'peer', 'name', 'veth-lan3p');
  await nsIp('link', 'set', 'veth-lan3p', 'up');
  await nsIp('link', 'set', 'lan3', 'up');
  await nsIp('addr', 'add', '10.66.0.10/24', 'dev', 'lan3');
  await client.until(() => changesFor(client, 'lan3').length >= 1, 'lan3 to appear', DEBOUNCE_MS + SLACK_MS + 2000);
  const renamed = Date.now();
  await nsIp('link', 'set', 'lan3', 'down');
  await nsIp('link', 'set', 'lan3', 'name', 'ens9');
  await nsIp('link', 'set', 'ens9', 'up');
  await client.until(() => changesFor(client, 'ens9').length >= 1, 'ens9', DEBOUNCE_MS + SLACK_MS + 2000);
  // The old name ends removed, within 1 s; whether a `down` came first depends on whether
  // netmon looked before the rename (the three commands run milliseconds apart).
  const old = changesFor(client, 'lan3');
  expect(old.map((c) => dataOf(c).status)).toEqual([undefined, ...(old.length === 3 ? ['down'] : []), 'removed']);
  expect(old[old.length - 1].at - renamed).toBeLessThan(1000);
  expect(dataOf(changesFor(client, 'ens9')[0])).toMatchObject({
    interface: 'ens9',
    operstate: 'UP',
    ipv4_addresses: [{ address: '10.66.0.10', prefixlen: 24, subnet: '10.66.0.0/24', network_address: '10.66.0.0' }],
  });
  expect(dataOf(changesFor(client, 'ens9')[0]).status).toBeUndefined();
  const late = await connect();
  const names = (late.messages()[0] as DiscoveryMessage).data.interfaces.map((i) => i.interface);
  expect(names).toContain('ens9');
  expect(names).not.toContain('lan3');
  await nsIp('link', 'del', 'ens9');
});

test('a link named like a USB Wi-Fi adapter (wlx...) is typed wifi; the veths named lan* are ethernet', async () => {
  const client = await connect();
  await nsIp('link', 'add', 'wlx02aabbccdd01', 'type', 'veth', 'peer', 'name', 'veth-wlxp');
  await nsIp('link', 'set', 'veth-wlxp', 'up');
  await nsIp('link', 'set', 'wlx02aabbccdd01', 'up');
  await nsIp('addr', 'add', '10.67.0.10/24', 'dev', 'wlx02aabbccdd01');
  await client.until(() => changesFor(client, 'wlx02aabbccdd01').length >= 1, 'the wlx link', DEBOUNCE_MS + SLACK_MS + 2000);
  expect(dataOf(changesFor(client, 'wlx02aabbccdd01')[0]).type).toBe('wifi');
  const late = await connect();
  const types = Object.fromEntries((late.messages()[0] as DiscoveryMessage).data.interfaces.map((i) => [i.interface, i.type]));
  expect(types).toMatchObject({ lan0: 'ethernet', lan1: 'ethernet', wlx02aabbccdd01: 'wifi' });
  await nsIp('link', 'del', 'wlx02aabbccdd01');
});

test('SIGTERM stops netmon cleanly and removes the socket', async () => {
  const client = await connect();
  netmon.kill('SIGTERM');
  const result = await netmon;
  expect(result.exitCode).toBe(0);
  await client.until(() => client.closed() !== undefined, 'the connection to close');
  expect(statSync(socketPath, { throwIfNoEntry: false })).toBeUndefined();
});

describe('with the default debounce (3 s) and settle (0.25 s)', () => {
  const NS2 = `${E2E_PREFIX}-nms-${process.pid}`;
  const DEFAULT_DEBOUNCE_MS = 3000;
  const ns2 = (...args: string[]) => execa('ip', ['-n', NS2, ...args]);
  /** Several changes in one `ip` process: milliseconds apart, well inside the settle. */
  const batch = (...lines: string[]) => execa('ip', ['-n', NS2, '-batch', '-'], { input: `${lines.join('\n')}\n` });
  let socket2: string;
  let netmon2: execa.ExecaChildProcess;

  /** One link per test, so that no test's reports hold back another's. */
  async function link(name: string, cidr: string, gateway: string | null, metric: number, lifetime?: number): Promise<void> {
    await ns2('link', 'add', name, 'type', 'veth', 'peer', 'name', `veth-${name}p`);
    await ns2('link', 'set', `veth-${name}p`, 'up');
    await ns2('link', 'set', name, 'up');
    await ns2('addr', 'add', cidr, 'dev', name, ...(lifetime ? ['valid_lft', String(lifetime), 'preferred_lft', String(lifetime)] : []));
    if (gateway) await ns2('route', 'add', 'default', 'via', gateway, 'dev', name, 'metric', String(metric));
  }

  async function connect2() {
    const client = await collect(socket2);
    clients.push(client);
    await client.until(() => client.messages().length >= 1, 'discovery');
    return client;
  }

  beforeAll(async () => {
    await execa('ip', ['netns', 'del', NS2], { reject: false });
    await execa('ip', ['netns', 'add', NS2]);
    await ns2('link', 'set', 'lo', 'up');
    await link('mv0', '10.68.0.10/24', '10.68.0.1', 10);
    await link('ab0', '10.69.0.10/24', '10.69.0.1', 20);
    await link('fl0', '10.70.0.10/24', '10.70.0.1', 30);
    await link('rn0', '10.72.0.10/24', '10.72.0.1', 40, 300);
    socket2 = path.join(dir, 'defaults', 'netmon.sock');
    netmon2 = execa('ip', ['netns', 'exec', NS2, CLI, 'netmon', '--socket', socket2], { reject: false });
    await until(() => statSync(socket2, { throwIfNoEntry: false }) !== undefined, 'the socket', 10000);
  }, 30000);

  afterAll(async () => {
    if (netmon2.exitCode === null) netmon2.kill('SIGKILL');
    await execa('ip', ['netns', 'del', NS2], { reject: false });
  });

  test('a DHCP-style move (address deleted, new address, default route) is reported once, with the new subnet, well under the debounce', async () => {
    const client = await connect2();
    const started = Date.now();
    await ns2('addr', 'del', '10.68.0.10/24', 'dev', 'mv0');
    await ns2('addr', 'add', '10.78.0.10/24', 'dev', 'mv0');
    await ns2('route', 'replace', 'default', 'via', '10.78.0.1', 'dev', 'mv0', 'metric', '10');
    await client.until(() => changesFor(client, 'mv0').length >= 1, 'the move', DEFAULT_DEBOUNCE_MS + SLACK_MS);
    const reportedAfter = changesFor(client, 'mv0')[0].at - started;
    await sleep(DEFAULT_DEBOUNCE_MS + SLACK_MS);
    expect(changesFor(client, 'mv0')).toHaveLength(1);
    expect(dataOf(changesFor(client, 'mv0')[0])).toMatchObject({
      interface: 'mv0',
      ipv4_addresses: [{ address: '10.78.0.10', prefixlen: 24, subnet: '10.78.0.0/24', network_address: '10.78.0.0' }],
      gateway: '10.78.0.1',
    });
    expect(reportedAfter).toBeLessThan(1000);
  });

  test('A -> B -> A inside the settle reports nothing', async () => {
    const client = await connect2();
    await batch(
      'addr del 10.69.0.10/24 dev ab0',
      'addr add 10.79.0.10/24 dev ab0',
      'route replace default via 10.79.0.1 dev ab0 metric 20',
      'addr del 10.79.0.10/24 dev ab0',
      'addr add 10.69.0.10/24 dev ab0',
      'route replace default via 10.69.0.1 dev ab0 metric 20',
    );
    await sleep(DEFAULT_DEBOUNCE_MS + SLACK_MS);
    expect(changesFor(client, 'ab0')).toEqual([]);
  });

  test('a lease renewal that re-adds the same address reports nothing', async () => {
    const client = await connect2();
    await ns2('addr', 'change', '10.72.0.10/24', 'dev', 'rn0', 'valid_lft', '300', 'preferred_lft', '300');
    await ns2('addr', 'replace', '10.72.0.10/24', 'dev', 'rn0', 'valid_lft', '299', 'preferred_lft', '299');
    await ns2('route', 'replace', 'default', 'via', '10.72.0.1', 'dev', 'rn0', 'metric', '40');
    await sleep(DEFAULT_DEBOUNCE_MS + SLACK_MS);
    expect(changesFor(client, 'rn0')).toEqual([]);
  });

  test('a link that flaps every second for 10 s (carrier lost and back) makes at most one report per debounce', async () => {
    const client = await connect2();
    const started = Date.now();
    for (let second = 0; second < 10; second += 1) {
      await sleep(Math.max(0, started + second * 1000 - Date.now()));
      await ns2('link', 'set', 'veth-fl0p', 'down');
      await sleep(Math.max(0, started + second * 1000 + 500 - Date.now()));
      await ns2('link', 'set', 'veth-fl0p', 'up');
    }
    await client.until(() => changesFor(client, 'fl0').length >= 2, 'the link back up', DEFAULT_DEBOUNCE_MS + SLACK_MS + 1000);
    await sleep(DEFAULT_DEBOUNCE_MS);
    const reports = changesFor(client, 'fl0');
    // Down at once; up once the link has been quiet for the debounce, as it was.
    expect(reports.map((r) => dataOf(r).status ?? dataOf(r).operstate)).toEqual(['down', 'UP']);
    expect(dataOf(reports[1])).toMatchObject({ ipv4_addresses: [{ address: '10.70.0.10' }], gateway: '10.70.0.1' });
    for (let i = 1; i < reports.length; i += 1) expect(reports[i].at - reports[i - 1].at).toBeGreaterThanOrEqual(DEFAULT_DEBOUNCE_MS);
    expect(reports[0].at - started).toBeLessThan(1000);
  }, 40000);
});
