import execa from 'execa';
import { appendFileSync, mkdtempSync, promises as fs, writeFileSync } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_SETTLE_MS } from '../../../lib/cli/commands/netmon';
import { DEFAULT_IGNORED_PREFIXES } from '../../../lib/core/facts/interface-filter';
import { netmonDaemonArgv } from '../../../watcher/netmon/daemon';
import { until } from '../../poll';
import { FIXTURES } from '../../paths';

/**
 * netmon's daemon (built by `npm run build`) on a real socket, with __tests__/fixtures/fake-ip.js
 * in place of iproute2: the test writes what `ip -j addr` says and the lines `ip monitor`
 * prints. Real netlink runs in __tests__/e2e/netmon.test.ts; the timing rules under a clock
 * driven by hand in watcher/netmon/change_reporter_test.go.
 */

const FAKE_IP = path.join(FIXTURES, 'fake-ip.js');
const DEBOUNCE_MS = 1500;
/**
 * The reference's fixed wait (settle = debounce) unless a test says otherwise: these tests are
 * about what netmon reports; when it reports is watcher/netmon/change_reporter_test.go's, under a clock driven by hand.
 */
const SETTLE_MS = DEBOUNCE_MS;

interface Link {
  readonly index: number;
  readonly name: string;
  readonly up?: boolean;
  readonly addresses?: string[];
}

let dir: string;
let netmon: execa.ExecaChildProcess | undefined;
const sockets: net.Socket[] = [];

function setLinks(links: Link[]): void {
  const entries = links.map(({ index, name, up = true, addresses = [] }) => ({
    ifindex: index,
    ifname: name,
    flags: up ? ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'] : ['BROADCAST', 'MULTICAST'],
    operstate: up ? 'UP' : 'DOWN',
    address: '02:00:00:00:00:01',
    addr_info: addresses.map((a) => ({ family: 'inet', local: a.split('/')[0], prefixlen: Number(a.split('/')[1]) })),
  }));
  writeFileSync(path.join(dir, 'addr.json'), JSON.stringify(entries));
}

/** A line as `ip -o monitor` prints it. */
function monitor(line: string): void {
  appendFileSync(path.join(dir, 'monitor.log'), `${line}\n`);
}
const linkLine = (index: number, name: string, up: boolean, deleted = false) =>
  `${deleted ? 'Deleted ' : ''}${index}: ${name}: <BROADCAST,MULTICAST${up ? ',UP,LOWER_UP' : ''}> mtu 1500 qdisc noqueue state ${up ? 'UP' : 'DOWN'} group default \\    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff`;

/** A client like the reference agent: raw lines, each with its arrival time. */
async function client() {
  const socket = net.connect(path.join(dir, 'netmon.sock'));
  socket.on('error', () => undefined); // a client the daemon drops may see its connection reset
  sockets.push(socket);
  const lines: Array<{ value: any; at: number }> = [];
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const part of parts) lines.push({ value: JSON.parse(part), at: Date.now() });
  });
  await new Promise((r) => socket.once('connect', r));
  await until(() => lines.length >= 1, 'discovery');
  return {
    socket,
    lines,
    events: (type: string) => lines.filter((l) => l.value.type === type),
    replies: () => lines.filter((l) => l.value.type === undefined),
  };
}

async function start(links: Link[], sysClassNet = path.join(dir, 'no-sys'), settleMs = SETTLE_MS): Promise<void> {
  setLinks(links);
  writeFileSync(path.join(dir, 'monitor.log'), '');
  const [daemon, ...args] = netmonDaemonArgv({
    socketPath: path.join(dir, 'netmon.sock'),
    ip: path.join(dir, 'ip'),
    debounceMs: DEBOUNCE_MS,
    settleMs,
    ignoredPrefixes: DEFAULT_IGNORED_PREFIXES,
    sysClassNet,
  });
  netmon = execa(daemon, args, { reject: false });
  let output = '';
  netmon.stderr!.on('data', (d) => (output += d.toString()));
  await until(
    () => output.includes('"msg":"serving"'),
    () => `the daemon to serve (output: ${output})`,
    10000,
  );
}

/** What get_status answers now, asked on a connection of its own (which counts as a client). */
async function askStatus(): Promise<any> {
  const c = await client();
  c.socket.write('{"command":"get_status"}\n');
  await until(() => c.replies().length === 1, 'the status');
  c.socket.destroy();
  return c.replies()[0].value.status;
}

/** The daemon's netlink monitor: the fake ip's `monitor` process below it. */
async function monitorPid(): Promise<number> {
  const { stdout } = await execa('pgrep', ['-P', String(netmon!.pid), '-f', 'fake-ip.js -o monitor'], { reject: false });
  return Number(stdout.trim().split('\n')[0] || 0);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'edgenet-netmon-unit-'));
  // The fake's directory goes in a wrapper: netmon's children get the real environment, not jest's copy.
  writeFileSync(path.join(dir, 'ip'), `#!/bin/sh\nFAKE_IP_DIR='${dir}' exec '${process.execPath}' '${FAKE_IP}' "$@"\n`, { mode: 0o755 });
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  netmon?.kill('SIGTERM');
  await netmon;
  netmon = undefined;
  await fs.rm(dir, { recursive: true, force: true });
});

const eth0: Link = { index: 2, name: 'eth0', addresses: ['192.168.1.10/24'] };

describe('commands', () => {
  test('get_status and get_netlink_status are answered at once with what netmon knows', async () => {
    await start([eth0, { index: 3, name: 'eth1', addresses: ['10.1.0.5/24'] }]);
    const c = await client();
    // A change waiting out the debounce shows as pending.
    setLinks([eth0, { index: 3, name: 'eth1', addresses: ['10.1.0.6/24'] }]);
    monitor('3: eth1    inet 10.1.0.6/24 scope global eth1\\       valid_lft forever preferred_lft forever');
    // Asked on this connection: another one, closed just before, may not be gone yet.
    const ask = async () => {
      const asked = c.replies().length;
      c.socket.write('{"command":"get_status"}\n');
      await until(() => c.replies().length > asked, 'the status');
      return c.replies()[asked].value.status;
    };
    await until(async () => (await ask()).pending_changes.length === 1, 'the change to be pending');
    const before = c.replies().length;
    const sent = Date.now();
    c.socket.write('{"command":"get_status"}\n{"command":"get_netlink_status"}\n');
    await until(() => c.replies().length === before + 2, 'both replies');
    const replies = c.replies().slice(before);
    expect(Math.max(...replies.map((r) => r.at)) - sent).toBeLessThan(1000);
    const [status, netlink] = replies.map((r) => r.value);
    expect(status).toEqual({
      success: true,
      status: {
        clients: 1,
        interfaces: ['eth0', 'eth1'],
        pending_changes: ['eth1'],
        debounce_ms: DEBOUNCE_MS,
        settle_ms: SETTLE_MS,
        netlink: {
          state: 'running',
          degraded: false,
          restarts: 0,
          lost_events: 0,
          last_event_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
          last_restart_at: null,
        },
      },
    });
    expect(netlink).toEqual({ success: true, status: status.status.netlink });
  });

  test("the reference agent's DHCP commands are unsupported, a bad line gets an error, and the connection stays", async () => {
    await start([eth0]);
    const c = await client();
    c.socket.write(
      '{"command":"start_dhcp","container_name":"rt1","vnic_name":"lan","mac_address":"02:00:00:00:00:09","container_pid":42}\n',
    );
    c.socket.write('this is not json\n{"command":"get_status"}\n');
    await until(() => c.replies().length === 3, 'three replies');
    expect(c.replies().map((r) => r.value.success)).toEqual([false, false, true]);
    expect(c.replies()[0].value).toEqual({ success: false, error: 'unsupported command: start_dhcp' });
    expect(c.socket.destroyed).toBe(false);
  });

  test('fails when a client sends 64 KiB without a newline: it is dropped', async () => {
    await start([eth0]);
    const c = await client();
    const closed = new Promise((r) => c.socket.once('close', r));
    c.socket.write('{"command":"'.padEnd(64 * 1024 + 1, 'x'));
    await closed;
    // The client asking is the only one left.
    await until(async () => (await askStatus()).clients === 1, 'the client to be gone');
  });

  test('while the netlink monitor keeps dying, the status says restarting and degraded', async () => {
    await start([eth0]);
    // The monitor is a child process that starts after netmon does: found before it is told to
    // die, so a loaded machine cannot race the test.
    let pid = 0;
    await until(async () => (pid = await monitorPid()) !== 0, 'the netlink monitor to run', 10000, 50);
    writeFileSync(path.join(dir, 'monitor-exit'), '');
    process.kill(pid, 'SIGKILL');
    await until(async () => (await askStatus()).netlink.state === 'restarting', 'the monitor to be restarting');
    expect((await askStatus()).netlink).toMatchObject({ state: 'restarting', degraded: true });
    await fs.rm(path.join(dir, 'monitor-exit'));
    await until(async () => (await askStatus()).netlink.state === 'running', 'the monitor to run again', 10000);
    expect((await askStatus()).netlink).toMatchObject({ degraded: true, restarts: 1, last_restart_at: expect.any(String) });
  });
});

describe('interface type', () => {
  test('discovery and changes say wifi for what sysfs marks wireless or a wireless name, ethernet otherwise', async () => {
    await start(
      [
        eth0,
        { index: 3, name: 'wifi0', addresses: ['192.168.50.7/24'] },
        { index: 4, name: 'wlx001122334455', addresses: ['10.5.0.2/16'] },
      ],
      path.join(FIXTURES, 'proc-wifi', 'sys', 'class', 'net'),
    );
    const c = await client();
    expect(c.events('network_discovery')[0].value.data.interfaces.map((i: any) => [i.interface, i.type])).toEqual([
      ['eth0', 'ethernet'],
      ['wifi0', 'wifi'],
      ['wlx001122334455', 'wifi'],
    ]);
    setLinks([
      eth0,
      { index: 3, name: 'wifi0', addresses: ['192.168.50.8/24'] },
      { index: 4, name: 'wlx001122334455', addresses: ['10.5.0.2/16'] },
    ]);
    monitor('3: wifi0    inet 192.168.50.8/24 scope global wifi0\\       valid_lft forever preferred_lft forever');
    await until(() => c.events('network_change').length === 1, 'the change', DEBOUNCE_MS + 2000);
    expect(c.events('network_change')[0].value.data).toMatchObject({ interface: 'wifi0', type: 'wifi' });
  });
});

describe('link events', () => {
  test('a link going down is reported at once, with status down and no addresses; coming back waits for the debounce', async () => {
    await start([eth0]);
    const c = await client();
    const started = Date.now();
    setLinks([{ ...eth0, up: false }]);
    monitor(linkLine(2, 'eth0', false));
    await until(() => c.events('network_change').length === 1, 'the down event');
    expect(c.events('network_change')[0].at - started).toBeLessThan(1000);
    expect(c.events('network_change')[0].value.data).toMatchObject({
      interface: 'eth0',
      index: 2,
      ipv4_addresses: [],
      gateway: null,
      status: 'down',
    });
    const back = Date.now();
    setLinks([eth0]);
    monitor(linkLine(2, 'eth0', true));
    await until(() => c.events('network_change').length === 2, 'the up event', DEBOUNCE_MS + 2000);
    expect(c.events('network_change')[1].at - back).toBeGreaterThanOrEqual(DEBOUNCE_MS);
    expect(c.events('network_change')[1].value.data).toMatchObject({
      interface: 'eth0',
      operstate: 'UP',
      ipv4_addresses: [{ address: '192.168.1.10' }],
    });
    expect(c.events('network_change')[1].value.data.status).toBeUndefined();
  });

  test('a deleted link is reported at once as removed', async () => {
    await start([eth0]);
    const c = await client();
    const started = Date.now();
    setLinks([]);
    monitor(linkLine(2, 'eth0', false, true));
    await until(() => c.events('network_change').length === 1, 'the removed event');
    expect(c.events('network_change')[0].at - started).toBeLessThan(1000);
    expect(c.events('network_change')[0].value.data).toMatchObject({ interface: 'eth0', ipv4_addresses: [], status: 'removed' });
  });

  test('a renamed link: the old name is removed at once, the new name reported after the debounce', async () => {
    await start([eth0]);
    const c = await client();
    setLinks([{ ...eth0, name: 'enp3s0' }]);
    monitor(linkLine(2, 'enp3s0', true));
    await until(() => c.events('network_change').length === 1, 'the removal of the old name');
    expect(c.events('network_change')[0].value.data).toMatchObject({ interface: 'eth0', status: 'removed' });
    await until(() => c.events('network_change').length === 2, 'the new name', DEBOUNCE_MS + 2000);
    expect(c.events('network_change')[1].value.data).toMatchObject({
      interface: 'enp3s0',
      index: 2,
      ipv4_addresses: [{ address: '192.168.1.10' }],
    });
  });

  test('after a rename, an address change that ip monitor still prints under the old name is reported under the new one', async () => {
    await start([eth0]);
    const c = await client();
    setLinks([{ ...eth0, name: 'enp3s0' }]);
    monitor(linkLine(2, 'enp3s0', true));
    await until(() => c.events('network_change').length === 2, 'the rename', DEBOUNCE_MS + 2000);
    setLinks([{ ...eth0, name: 'enp3s0', addresses: ['10.9.0.5/24'] }]);
    monitor('2: eth0    inet 10.9.0.5/24 scope global enp3s0\\       valid_lft forever preferred_lft forever');
    await until(() => c.events('network_change').length === 3, 'the address change', DEBOUNCE_MS + 2000);
    expect(c.events('network_change')[2].value.data).toMatchObject({ interface: 'enp3s0', ipv4_addresses: [{ address: '10.9.0.5' }] });
  });

  test('after a rename, a route change that ip monitor prints under the old name is still seen', async () => {
    await start([eth0]);
    const c = await client();
    setLinks([{ ...eth0, name: 'enp3s0' }]);
    monitor(linkLine(2, 'enp3s0', true));
    await until(() => c.events('network_change').length === 2, 'the rename', DEBOUNCE_MS + 2000);
    writeFileSync(path.join(dir, 'route.json'), JSON.stringify([{ dst: 'default', gateway: '192.168.1.254', dev: 'enp3s0' }]));
    monitor('default via 192.168.1.254 dev eth0 ');
    await until(() => c.events('network_change').length === 3, 'the gateway change', DEBOUNCE_MS + 2000);
    expect(c.events('network_change')[2].value.data).toMatchObject({ interface: 'enp3s0', gateway: '192.168.1.254' });
  });

  test('a look that did not wait for the debounce reports only down or removed: a link found up but changed waits like any change', async () => {
    await start([eth0]);
    const c = await client();
    const started = Date.now();
    setLinks([{ ...eth0, addresses: ['192.168.1.11/24'] }]);
    monitor(linkLine(2, 'eth0', false));
    await until(() => c.events('network_change').length === 1, 'the change', DEBOUNCE_MS + 2000);
    expect(c.events('network_change')[0].at - started).toBeGreaterThanOrEqual(DEBOUNCE_MS);
    expect(c.events('network_change')[0].value.data).toMatchObject({ interface: 'eth0', ipv4_addresses: [{ address: '192.168.1.11' }] });
  });

  test('a rename while the monitor was down is found by the resynchronisation, and later lines map to the new name', async () => {
    await start([eth0]);
    const c = await client();
    let pid = 0;
    await until(async () => (pid = await monitorPid()) !== 0, 'the netlink monitor to run', 10000, 50);
    process.kill(pid, 'SIGKILL');
    setLinks([{ ...eth0, name: 'enp3s0' }]);
    await until(() => c.events('network_change').length === 2, 'the resynchronised rename', 500 + DEBOUNCE_MS + 3000);
    expect(c.events('network_change').map((e) => [e.value.data.interface, e.value.data.status])).toEqual([
      ['eth0', 'removed'],
      ['enp3s0', undefined],
    ]);
    setLinks([{ ...eth0, name: 'enp3s0', addresses: ['10.9.0.5/24'] }]);
    monitor('2: eth0    inet 10.9.0.5/24 scope global enp3s0\\       valid_lft forever preferred_lft forever');
    await until(() => c.events('network_change').length === 3, 'the address change', DEBOUNCE_MS + 2000);
    expect(c.events('network_change')[2].value.data).toMatchObject({ interface: 'enp3s0', ipv4_addresses: [{ address: '10.9.0.5' }] });
  });

  test('a flap (down then up again before the check) is not reported as down', async () => {
    await start([eth0]);
    const c = await client();
    // The link line says down, but by the time netmon looks the link is up again, unchanged.
    monitor(linkLine(2, 'eth0', false));
    await new Promise((r) => setTimeout(r, DEBOUNCE_MS + 700));
    expect(c.events('network_change')).toEqual([]);
  });
});

describe('the settle', () => {
  test('with the default settle, a complete change is reported well before the debounce; the status says both', async () => {
    await start([eth0], undefined, DEFAULT_SETTLE_MS);
    const c = await client();
    const started = Date.now();
    setLinks([{ ...eth0, addresses: ['10.9.0.5/24'] }]);
    monitor('2: eth0    inet 10.9.0.5/24 scope global eth0\\       valid_lft forever preferred_lft forever');
    await until(() => c.events('network_change').length === 1, 'the change', DEBOUNCE_MS + 2000);
    expect(c.events('network_change')[0].at - started).toBeLessThan(DEBOUNCE_MS);
    expect(c.events('network_change')[0].value.data).toMatchObject({ interface: 'eth0', ipv4_addresses: [{ address: '10.9.0.5' }] });
    expect(await askStatus()).toMatchObject({ debounce_ms: DEBOUNCE_MS, settle_ms: DEFAULT_SETTLE_MS, pending_changes: [] });
  });
});
