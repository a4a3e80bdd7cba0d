import execa from 'execa';
import { mkdtempSync, promises as fs, statSync, writeFileSync } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_IGNORED_PREFIXES } from '../../../lib/core/facts/interface-filter';
import { checkNetmon } from '../../../watcher/netmon/health-check';
import { resolveGroupId } from '../../../watcher/netmon/group';
import { NetmonDaemonOptions, netmonDaemonArgv } from '../../../watcher/netmon/daemon';
import { NetmonConnection } from '../../../watcher/watch/netmon-connection';
import { collect } from '../../netmon-collector';
import { until } from '../../poll';
import { CLI, FIXTURES } from '../../paths';

/**
 * netmon's socket as its daemon serves it (built by `npm run build`), with
 * __tests__/fixtures/fake-ip.js in place of iproute2: who may connect, what each client gets
 * and in what order, when a client is dropped, and whose socket file it may take over.
 */

const FAKE_IP = path.join(FIXTURES, 'fake-ip.js');

let dir: string;
let socketPath: string;
const daemons: execa.ExecaChildProcess[] = [];
const connections: NetmonConnection[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'edgenet-sock-'));
  socketPath = path.join(dir, 'netmon.sock');
  writeFileSync(path.join(dir, 'ip'), `#!/bin/sh\nFAKE_IP_DIR='${dir}' exec '${process.execPath}' '${FAKE_IP}' "$@"\n`, { mode: 0o755 });
  writeFileSync(
    path.join(dir, 'addr.json'),
    JSON.stringify([
      {
        ifindex: 2,
        ifname: 'eth0',
        flags: ['UP', 'LOWER_UP'],
        operstate: 'UP',
        addr_info: [{ family: 'inet', local: '192.168.1.10', prefixlen: 24 }],
      },
    ]),
  );
  writeFileSync(path.join(dir, 'monitor.log'), '');
});
afterEach(async () => {
  connections.splice(0).forEach((c) => c.close());
  for (const daemon of daemons.splice(0)) {
    daemon.kill('SIGTERM');
    await daemon;
  }
  await fs.rm(dir, { recursive: true, force: true });
});

interface Daemon {
  readonly process: execa.ExecaChildProcess;
  readonly output: () => string;
}

/** Starts the daemon on `socketPath`; resolves once it serves, or once it has exited (a refusal). */
async function daemon(options: Partial<NetmonDaemonOptions> = {}): Promise<Daemon> {
  const [file, ...args] = netmonDaemonArgv({
    socketPath,
    debounceMs: 1000,
    settleMs: 1000,
    ignoredPrefixes: DEFAULT_IGNORED_PREFIXES,
    ip: path.join(dir, 'ip'),
    sysClassNet: path.join(dir, 'no-sys'),
    ...options,
  });
  const child = execa(file, args, { reject: false });
  daemons.push(child);
  let output = '';
  child.stderr!.on('data', (d) => (output += d.toString()));
  let exited = false;
  void child.then(() => (exited = true));
  await until(
    () => exited || output.includes('"msg":"serving"'),
    () => `the daemon to serve (output: ${output})`,
    10000,
  );
  return { process: child, output: () => output };
}

async function collector() {
  const client = await collect(socketPath);
  connections.push(client.connection);
  return client;
}

/** A raw connection and every line it receives, parsed. */
async function raw() {
  const socket = net.connect(socketPath);
  const lines: any[] = [];
  let buffered = '';
  socket.on('data', (d) => {
    buffered += d.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts.map((l) => JSON.parse(l)));
  });
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  return { socket, lines };
}

/** The link eth0 going down: a change netmon reports at once. */
function linkDown(): void {
  writeFileSync(path.join(dir, 'addr.json'), JSON.stringify([{ ifindex: 2, ifname: 'eth0', flags: [], operstate: 'DOWN' }]));
  writeFileSync(path.join(dir, 'monitor.log'), '2: eth0: <BROADCAST,MULTICAST> mtu 1500 state DOWN\n', { flag: 'a' });
}

describe("the daemon's socket", () => {
  test('is created 0660, not world-accessible', async () => {
    await daemon();
    expect(statSync(socketPath).mode & 0o777).toBe(0o660);
  });

  test("fails when the socket does not get the group it is given, but the daemon's own", async () => {
    const own = process.getgid!();
    const gid = process.getuid!() === 0 ? own + 4242 : process.getgroups!().find((g) => g !== own);
    if (gid === undefined) {
      // No other group to give: asking for one we are not in must fail, not be ignored.
      const refused = await daemon({ gid: own + 4242 });
      expect((await refused.process).exitCode).toBe(1);
      expect(refused.output()).toMatch(/--group: giving .* to group \d+: .*operation not permitted/);
      return;
    }
    await daemon({ gid });
    expect(statSync(socketPath).gid).toBe(gid);
  });

  test('each client gets discovery first, then the changes, numbered by seq from 1', async () => {
    await daemon();
    const a = await collector();
    await a.until(() => a.messages().length === 1, 'discovery on a');
    const b = await collector();
    await b.until(() => b.messages().length === 1, 'discovery on b');
    linkDown();
    await a.until(() => a.messages().length === 2, 'the change on a', 5000);
    await b.until(() => b.messages().length === 2, 'the change on b', 5000);
    for (const client of [a, b]) {
      expect(client.messages().map((m) => [m.type, m.seq])).toEqual([
        ['network_discovery', 1],
        ['network_change', 2],
      ]);
    }
  });

  test('replies and events never share a line, replies come in order and carry no seq', async () => {
    await daemon();
    const client = await raw();
    for (let i = 0; i < 200; i += 1) client.socket.write(i % 2 === 0 ? `{"command":"get_netlink_status","n":${i}}\n` : `c${i}\n`);
    linkDown();
    await until(() => client.lines.length === 202, 'discovery, 200 replies and the change', 5000);
    client.socket.destroy();
    const replies = client.lines.filter((l) => l.type === undefined);
    expect(replies.map((r) => r.success)).toEqual(Array.from({ length: 200 }, (_, i) => i % 2 === 0));
    expect(replies.every((r) => r.seq === undefined)).toBe(true);
    expect(client.lines.filter((l) => l.type !== undefined).map((l) => [l.type, l.seq])).toEqual([
      ['network_discovery', 1],
      ['network_change', 2],
    ]);
  });

  test('fails when a client that stops reading is kept past its backlog bound, or holds up the others', async () => {
    const started = await daemon({ maxClientBacklogBytes: 4096 });
    const reader = await collector();
    await reader.until(() => reader.messages().length === 1, 'discovery');
    const stalled = await raw();
    stalled.socket.pause();
    // Every reply waits in the stalled client's backlog until the socket's buffers are full.
    stalled.socket.write('{"command":"get_status"}\n'.repeat(20_000));
    await until(
      () => started.output().includes('"msg":"client dropped"'),
      () => `the drop (output: ${started.output()})`,
      10000,
    );
    expect(started.output()).toMatch(/"msg":"client dropped","client":2,"reason":"not reading: \d+ bytes unsent"/);
    linkDown();
    await reader.until(() => reader.messages().length === 2, 'the change on the client that reads', 5000);
  });

  test('fails when a client that writes a line past 64 KiB is not dropped alone, with a log line', async () => {
    const started = await daemon();
    const other = await collector();
    const long = await raw();
    const closed = new Promise((r) => long.socket.once('close', r));
    long.socket.write('x'.repeat(64 * 1024 + 1));
    await closed;
    expect(started.output()).toContain('"reason":"sent a line longer than 65536 bytes without a newline"');
    linkDown();
    await other.until(() => other.messages().length === 2, 'the change on the client that behaved', 5000);
  });

  test('SIGTERM drops the clients and removes the socket file', async () => {
    const started = await daemon();
    const a = await collector();
    started.process.kill('SIGTERM');
    expect((await started.process).exitCode).toBe(0);
    await a.until(() => a.closed() !== undefined, 'close');
    await expect(fs.access(socketPath)).rejects.toThrow('ENOENT');
  });
});

describe('a socket file already there', () => {
  test('a socket file nobody answers on (left by a crash) is replaced', async () => {
    // A real crash: a process binds the socket and is killed, leaving the file behind.
    await execa(
      process.execPath,
      ['-e', `require('net').createServer().listen(${JSON.stringify(socketPath)}, () => process.kill(process.pid, 'SIGKILL'))`],
      { reject: false },
    );
    expect(statSync(socketPath).isSocket()).toBe(true);
    await daemon();
    const a = await collector();
    await a.until(() => a.messages().length === 1, 'discovery from the new daemon');
  });

  test('fails when another daemon answers on the socket: the second exits 1 and leaves it alone', async () => {
    await daemon();
    const second = await daemon();
    expect((await second.process).exitCode).toBe(1);
    expect(second.output()).toContain(`${socketPath}: another process is serving this socket; stop it first or pick another --socket`);
    const a = await collector();
    await a.until(() => a.messages().length === 1, 'discovery from the first');
  });

  test('fails when the path is a regular file, and does not delete it', async () => {
    writeFileSync(socketPath, 'precious');
    const refused = await daemon();
    expect((await refused.process).exitCode).toBe(1);
    expect(refused.output()).toContain(`${socketPath}: exists and is not a socket; refusing to replace it`);
    expect(await fs.readFile(socketPath, 'utf8')).toBe('precious');
  });
});

describe('health check', () => {
  /** A stand-in server that greets each client with `greeting` (nothing: a hung daemon). */
  async function server(greeting?: object): Promise<net.Server> {
    const s = net.createServer((c) => (greeting ? c.write(`${JSON.stringify(greeting)}\n`) : undefined));
    await new Promise<void>((r) => s.listen(socketPath, r));
    return s;
  }

  test('healthy when a discovery arrives, from the daemon', async () => {
    await daemon();
    await expect(checkNetmon(socketPath)).resolves.toBe(1);
  });

  test('fails when no socket is there', async () => {
    await expect(checkNetmon(socketPath)).rejects.toThrow(`netmon at ${socketPath} is not healthy: connect ENOENT`);
  });

  test('fails when the server accepts but says nothing (hung daemon)', async () => {
    const s = await server();
    await expect(checkNetmon(socketPath, 200)).rejects.toThrow('is not healthy: no discovery within 200 ms');
    s.close();
  });

  test('fails when the first line is not a discovery', async () => {
    const s = await server({ type: 'network_change', data: {} });
    await expect(checkNetmon(socketPath)).rejects.toThrow('first line is not a network_discovery');
    s.close();
  });

  test('the CLI exits 1 with the reason when unhealthy', async () => {
    const result = await execa('node', [CLI, 'netmon', '--check', '--socket', path.join(dir, 'absent.sock')], { reject: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('is not healthy: connect ENOENT');
  });
});

describe('netmon options', () => {
  test('resolves a group by name or number', async () => {
    const groups = path.join(dir, 'group');
    writeFileSync(groups, 'root:x:0:\nedgenet:x:1234:alice\n');
    await expect(resolveGroupId('edgenet', groups)).resolves.toBe(1234);
    await expect(resolveGroupId('42', groups)).resolves.toBe(42);
  });

  test('fails when the group does not exist', async () => {
    const groups = path.join(dir, 'group');
    writeFileSync(groups, 'root:x:0:\n');
    await expect(resolveGroupId('nobody-here', groups)).rejects.toThrow(
      `--group: no group "nobody-here" in ${groups}; allowed: an existing group name or a numeric gid`,
    );
  });

  test('fails when --debounce is not a number of seconds, before creating anything', async () => {
    const result = await execa('node', [CLI, 'netmon', '--socket', socketPath, '--debounce', 'soon'], { reject: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('--debounce: "soon" is not a number of seconds; allowed: a number >= 0, e.g. 3 or 0.5');
    await expect(fs.access(socketPath)).rejects.toThrow('ENOENT');
  });
});
