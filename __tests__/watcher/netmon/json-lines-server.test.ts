import { mkdtempSync, promises as fs, statSync, writeFileSync } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import execa from 'execa';
import { checkNetmon } from '../../../watcher/netmon/health-check';
import { resolveGroupId } from '../../../watcher/netmon/group';
import { claimSocketPath, JsonLinesClient, JsonLinesServer, socketAnswers } from '../../../watcher/netmon/json-lines-server';
import { NetmonConnection } from '../../../watcher/watch/netmon-connection';
import { collect } from '../../netmon-collector';
import { until } from '../../poll';
import { CLI } from '../../paths';

const discovery = { type: 'network_discovery', data: { interfaces: [], timestamp: 't' } };
const change = (n: number, pad = '') => ({
  type: 'network_change',
  data: { interface: `eth${n}`, index: n, operstate: 'UP', ipv4_addresses: [], gateway: null, timestamp: pad || 't' },
});

let dir: string;
const servers: JsonLinesServer[] = [];
const connections: NetmonConnection[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'edgenet-sock-'));
});
afterEach(async () => {
  connections.splice(0).forEach((c) => c.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await fs.rm(dir, { recursive: true, force: true });
});

async function serve(extra: Partial<Parameters<typeof JsonLinesServer.listen>[0]> = {}): Promise<JsonLinesServer> {
  const server = await JsonLinesServer.listen({ socketPath: path.join(dir, 'netmon.sock'), onConnect: (c) => c.send(discovery), ...extra });
  servers.push(server);
  return server;
}

async function collector(socketPath: string) {
  const client = await collect(socketPath);
  connections.push(client.connection);
  return client;
}

describe('JsonLinesServer', () => {
  test('creates the socket 0660, not world-accessible', async () => {
    const server = await serve();
    expect(statSync(server.socketPath).mode & 0o777).toBe(0o660);
  });

  test("gives the socket the configured group, not the daemon's own", async () => {
    // A group other than our own: as root any gid; otherwise one of our supplementary groups.
    const own = process.getgid!();
    const gid = process.getuid!() === 0 ? own + 4242 : process.getgroups!().find((g) => g !== own);
    if (gid === undefined) {
      // No other group to give: asking for one we are not in must fail, not be ignored.
      await expect(serve({ gid: own + 4242 })).rejects.toThrow(/EPERM|operation not permitted/i);
      return;
    }
    const server = await serve({ gid });
    expect(statSync(server.socketPath).gid).toBe(gid);
    expect(statSync(server.socketPath).gid).not.toBe(own);
  });

  test('fails when the mode would give others access', async () => {
    await expect(serve({ mode: 0o666 })).rejects.toThrow(
      'socket mode 666: others may not have access; allowed: a mode without the last digit, e.g. 660',
    );
  });

  test('each client gets discovery first, then broadcasts, numbered by seq from 1', async () => {
    const server = await serve();
    const a = await collector(server.socketPath);
    await a.until(() => a.messages().length === 1, 'discovery');
    server.broadcast(change(1));
    const b = await collector(server.socketPath);
    server.broadcast(change(2));
    await a.until(() => a.messages().length === 3, 'two changes on a');
    await b.until(() => b.messages().length === 2, 'discovery and one change on b');
    expect(a.messages().map((m) => [m.type, m.seq])).toEqual([
      ['network_discovery', 1],
      ['network_change', 2],
      ['network_change', 3],
    ]);
    expect(b.messages().map((m) => [m.type, m.seq])).toEqual([
      ['network_discovery', 1],
      ['network_change', 2],
    ]);
  });

  test('input from a client is ignored, malformed or not, and does not disturb it', async () => {
    const server = await serve();
    const raw = net.connect(server.socketPath);
    await new Promise((r) => raw.once('connect', r));
    raw.write('{"type": garbage\n\x00\x01\nhello\n');
    const lines: string[] = [];
    raw.on('data', (d) => lines.push(...d.toString().split('\n').filter(Boolean)));
    await new Promise((r) => setTimeout(r, 100));
    server.broadcast(change(1));
    await new Promise((r) => setTimeout(r, 100));
    raw.destroy();
    expect(lines.map((l) => JSON.parse(l).type)).toEqual(['network_discovery', 'network_change']);
  });

  test("a client's lines are answered in order, one reply line each, without type or seq; the connection stays", async () => {
    const server = await serve({ onLine: (_c, line) => (line.trim() === '' ? undefined : { success: line !== 'bad', echo: line }) });
    const raw = net.connect(server.socketPath);
    const lines: string[] = [];
    raw.on('data', (d) => lines.push(...d.toString().split('\n').filter(Boolean)));
    await new Promise((r) => raw.once('connect', r));
    raw.write('one\nbad\n\nth');
    raw.write('ree\n');
    await until(() => lines.length === 4, 'discovery and three replies');
    server.broadcast(change(1));
    await until(() => lines.length === 5, 'the change after the replies');
    raw.destroy();
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { type: 'network_discovery', seq: 1, data: discovery.data },
      { success: true, echo: 'one' },
      { success: false, echo: 'bad' },
      { success: true, echo: 'three' },
      { ...change(1), seq: 2 },
    ]);
  });

  test('replies and events never share a line, however they are mixed', async () => {
    const server = await serve({ onLine: (_c, line) => ({ success: true, echo: line }) });
    const raw = net.connect(server.socketPath);
    let text = '';
    raw.on('data', (d) => (text += d.toString()));
    await new Promise((r) => raw.once('connect', r));
    for (let i = 0; i < 200; i += 1) {
      raw.write(`c${i}\n`);
      server.broadcast(change(i));
      if (i % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    await until(() => text.split('\n').filter(Boolean).length === 401, 'all 401 lines', 5000);
    raw.destroy();
    const parsed = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(parsed.filter((m) => m.type === 'network_change').map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    expect(parsed.filter((m) => m.type === undefined).map((m) => m.echo)).toEqual(Array.from({ length: 200 }, (_, i) => `c${i}`));
  });

  test('fails when a client writes more than the line bound without a newline: it alone is dropped, with a log line', async () => {
    const logs: Array<[string, Record<string, unknown> | undefined]> = [];
    const server = await serve({
      maxLineBytes: 1024,
      onLine: () => ({ success: true }),
      log: (message, fields) => logs.push([message, fields]),
    });
    const other = await collector(server.socketPath);
    const raw = net.connect(server.socketPath);
    raw.on('error', () => undefined);
    raw.resume();
    await new Promise((r) => raw.once('connect', r));
    const closed = new Promise((r) => raw.once('close', r));
    raw.write('x'.repeat(1025));
    await closed;
    expect(logs).toContainEqual(['client dropped', { client: 2, reason: 'sent a line longer than 1024 bytes without a newline' }]);
    server.broadcast(change(1));
    await other.until(() => other.messages().length === 2, 'the change on the client that behaved');
    expect(server.clientCount).toBe(1);
  });

  test('a client that stops reading is dropped once its backlog passes the bound; the others get everything', async () => {
    const server = await serve({ maxClientBacklogBytes: 64 * 1024 });
    const slow = await collector(server.socketPath);
    const fast = await collector(server.socketPath);
    await slow.until(() => slow.messages().length === 1, 'discovery');
    slow.connection.pause();
    const big = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 200; i += 1) {
      server.broadcast(change(i, big));
      await new Promise((r) => setImmediate(r));
    }
    await fast.until(() => fast.messages().length === 201, 'all 200 changes on the fast client', 10000);
    expect(server.clientCount).toBe(1);
  });

  test('close drops clients and removes the socket file', async () => {
    const server = await serve();
    const a = await collector(server.socketPath);
    await server.close();
    servers.splice(0);
    await a.until(() => a.closed() !== undefined, 'close');
    await expect(fs.access(server.socketPath)).rejects.toThrow('ENOENT');
  });
});

describe('stale socket', () => {
  test('a socket file nobody answers on (left by a crash) is replaced', async () => {
    const socketPath = path.join(dir, 'netmon.sock');
    // A real crash: a process binds the socket and is killed, leaving the file behind.
    await execa(
      process.execPath,
      ['-e', `require('net').createServer().listen(${JSON.stringify(socketPath)}, () => process.kill(process.pid, 'SIGKILL'))`],
      { reject: false },
    );
    expect(statSync(socketPath).isSocket()).toBe(true);
    expect(await socketAnswers(socketPath)).toBe(false);
    const server = await serve();
    const a = await collector(server.socketPath);
    await a.until(() => a.messages().length === 1, 'discovery from the new server');
  });

  test('fails when another server answers on the socket, and leaves it alone', async () => {
    const first = await serve();
    await expect(claimSocketPath(first.socketPath)).rejects.toThrow(
      `${first.socketPath}: another process is serving this socket; stop it first or pick another --socket`,
    );
    expect(await socketAnswers(first.socketPath)).toBe(true);
  });

  test('fails when the path is a regular file, and does not delete it', async () => {
    const file = path.join(dir, 'netmon.sock');
    writeFileSync(file, 'precious');
    await expect(serve()).rejects.toThrow(`${file}: exists and is not a socket; refusing to replace it`);
    expect(await fs.readFile(file, 'utf8')).toBe('precious');
  });
});

describe('health check', () => {
  test('healthy when a discovery arrives', async () => {
    const server = await serve({
      onConnect: (c: JsonLinesClient) => c.send({ type: 'network_discovery', data: { interfaces: [change(1).data], timestamp: 't' } }),
    });
    await expect(checkNetmon(server.socketPath)).resolves.toBe(1);
  });

  test('fails when no socket is there', async () => {
    const missing = path.join(dir, 'absent.sock');
    await expect(checkNetmon(missing)).rejects.toThrow(`netmon at ${missing} is not healthy: connect ENOENT`);
  });

  test('fails when the server accepts but says nothing (hung daemon)', async () => {
    const server = await serve({ onConnect: () => undefined });
    await expect(checkNetmon(server.socketPath, 200)).rejects.toThrow('is not healthy: no discovery within 200 ms');
  });

  test('fails when the first line is not a discovery', async () => {
    const server = await serve({ onConnect: (c) => c.send(change(1)) });
    await expect(checkNetmon(server.socketPath)).rejects.toThrow('first line is not a network_discovery');
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
    const socketPath = path.join(dir, 'n.sock');
    const result = await execa('node', [CLI, 'netmon', '--socket', socketPath, '--debounce', 'soon'], { reject: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('--debounce: "soon" is not a number of seconds; allowed: a number >= 0, e.g. 3 or 0.5');
    await expect(fs.access(socketPath)).rejects.toThrow('ENOENT');
  });
});
