import { createHash } from 'crypto';
import { existsSync, mkdtempSync, promises as fs, readFileSync, writeFileSync } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Backoff } from '../../../watcher/common/backoff';
import { InterfaceReport } from '../../../watcher/common/protocol';
import { WatchStatus } from '../../../watcher/common/status';
import { Watcher } from '../../../watcher/watch/watcher';
import { config, runtime } from '../../helpers';
import { until } from '../../poll';
import { FIXTURES } from '../../paths';

/**
 * The watcher end to end in-process, on a real unix socket, with real child processes
 * for the engine: __tests__/fixtures/fake-engine.js injects the faults (failures, hangs,
 * a destroy-everything plan) that a real engine cannot produce on demand. The real
 * engine and netmon run in __tests__/e2e/watch.test.ts.
 */

const FAKE_ENGINE = path.join(FIXTURES, 'fake-engine.js');

const eth0 = (subnetPrefix: string, gateway: string | null = `${subnetPrefix}.1`, addresses = [`${subnetPrefix}.10`]): InterfaceReport => ({
  interface: 'eth0',
  index: 2,
  operstate: 'UP',
  gateway,
  timestamp: 't',
  ipv4_addresses: addresses.map((address) => ({
    address,
    prefixlen: 24,
    subnet: `${subnetPrefix}.0/24`,
    network_address: `${subnetPrefix}.0`,
  })),
});
const wlan0: InterfaceReport = { ...eth0('10.50.0'), interface: 'wlan0', index: 3 };

/** A netmon stand-in: sends discovery of `interfaces` on connect, and whatever lines the test writes. */
class FakeNetmon {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  constructor(
    readonly socketPath: string,
    public interfaces: InterfaceReport[],
  ) {}

  async listen(): Promise<void> {
    this.server = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.write(`${JSON.stringify({ type: 'network_discovery', seq: 1, data: { interfaces: this.interfaces, timestamp: 't' } })}\n`);
    });
    await new Promise<void>((r) => this.server!.listen(this.socketPath, r));
  }

  get clients(): number {
    return this.sockets.size;
  }

  change(report: InterfaceReport): void {
    this.interfaces = [...this.interfaces.filter((i) => i.interface !== report.interface), report];
    this.raw(JSON.stringify({ type: 'network_change', seq: 2, data: report }));
  }

  raw(line: string): void {
    for (const socket of this.sockets) socket.write(`${line}\n`);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((r) => this.server?.close(r));
  }
}

let dir: string;
let engineDir: string;
let netmon: FakeNetmon;
let watcher: Watcher | undefined;
let logs: Array<Record<string, any>>;

const calls = () =>
  existsSync(path.join(engineDir, 'calls.log'))
    ? readFileSync(path.join(engineDir, 'calls.log'), 'utf8').trim().split('\n').filter(Boolean)
    : [];
const commands = () => calls().map((c) => c.split(' ')[0]);
const status = (): WatchStatus => JSON.parse(readFileSync(path.join(dir, 'out', 'watch-status.json'), 'utf8'));
const inject = (name: string, content = '') => writeFileSync(path.join(engineDir, name), content);

const CONFIG = config([
  runtime('rt1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1.50' }] }),
  runtime('rt2', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] }),
]);

function makeWatcher(options: Partial<ConstructorParameters<typeof Watcher>[0]> = {}): Watcher {
  watcher = new Watcher({
    config: CONFIG,
    socketPath: netmon.socketPath,
    outdir: path.join(dir, 'out'),
    statusFile: path.join(dir, 'out', 'watch-status.json'),
    vnicsFile: path.join(dir, 'out', 'runtime_vnics.json'),
    factsFile: path.join(dir, 'out', 'watch-facts.json'),
    settleMs: 50,
    stepTimeoutMs: 20_000,
    retryBackoff: new Backoff({ baseMs: 200, maxMs: 5000, random: () => 0.5 }),
    reconnectBackoff: new Backoff({ baseMs: 50, maxMs: 200, random: () => 0.5 }),
    engineEnv: { TERRAFORM_BINARY_NAME: FAKE_ENGINE, FAKE_ENGINE_DIR: engineDir },
    dockerNetworks: async () => [],
    engineNames: async () => ({ containers: new Set(), networks: new Set() }),
    // The fake engine has no Docker beside it: no move is made first (the e2e covers that).
    moveFirst: false,
    log: (level, msg, fields) => logs.push({ level, msg, ...fields }),
    ...options,
  });
  return watcher;
}

async function started(options: Partial<ConstructorParameters<typeof Watcher>[0]> = {}): Promise<Watcher> {
  const w = makeWatcher(options);
  await w.start();
  await until(() => status().last_attempt !== null, 'the first reconcile', 15000);
  return w;
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'edgenet-watch-'));
  engineDir = path.join(dir, 'engine');
  await fs.mkdir(engineDir);
  logs = [];
  netmon = new FakeNetmon(path.join(dir, 'netmon.sock'), [eth0('192.168.1'), wlan0]);
  await netmon.listen();
});

afterEach(async () => {
  await watcher?.stop();
  watcher = undefined;
  await netmon.close();
  await fs.rm(dir, { recursive: true, force: true });
});

test('discovery leads to synth, plan, guard and apply of that plan; status, facts and runtime_vnics.json are written', async () => {
  await started();
  expect(commands()).toEqual(['init', 'state', 'plan', 'show', 'apply']);
  expect(calls()[2]).toContain('-out=edgenet.tfplan');
  expect(calls()[4]).toContain('edgenet.tfplan');
  const tfJson = readFileSync(path.join(dir, 'out', 'stacks', 'edge', 'cdk.tf.json'), 'utf8');
  expect(status()).toMatchObject({
    state: 'idle',
    last_applied: { hash: createHash('sha256').update(tfJson).digest('hex') },
    last_error: null,
    failures: 0,
    netmon: { connected: true, interfaces: 2 },
  });
  const vnics = JSON.parse(readFileSync(path.join(dir, 'out', 'runtime_vnics.json'), 'utf8'));
  expect(vnics.rt1[0]).toMatchObject({
    name: 'lan',
    parent_interface: 'eth0',
    parent_subnet: '192.168.1.0/24',
    subnet: '192.168.1.0/24',
    gateway: '192.168.1.1',
    network_mode: 'static',
    ip: '192.168.1.50',
  });
  expect(vnics.rt2[0]).toMatchObject({ network_mode: 'static', addressing: 'auto', docker_network_name: 'macvlan_eth0_192.168.1.0_24' });
  expect(JSON.parse(readFileSync(path.join(dir, 'out', 'watch-facts.json'), 'utf8'))).toMatchObject({
    source: 'netmon',
    default_interface: 'eth0',
  });
});

test('plans refresh on the first run and after a failure; right after its own successful apply the watcher skips the refresh', async () => {
  await started();
  const plans = () => calls().filter((c) => c.startsWith('plan'));
  expect(plans()[0]).not.toContain('-refresh=false');
  netmon.change(eth0('192.168.1', '192.168.1.254'));
  await until(() => plans().length === 2 && status().state === 'idle', 'the second plan', 10000);
  expect(plans()[1]).toContain('-refresh=false');
  inject('fail-apply', '1');
  netmon.change(eth0('192.168.1', '192.168.1.253'));
  await until(
    () => plans().length === 4 && status().last_applied !== null && status().failures === 0 && status().state === 'idle',
    'the failure and the retry',
    10000,
  );
  expect(plans()[2]).toContain('-refresh=false');
  expect(plans()[3]).not.toContain('-refresh=false');
});

test("fails when the engine's runs do not yield the CPU to the runtimes (niceness 10 by default)", async () => {
  await started();
  expect(readFileSync(path.join(engineDir, 'nice-plan'), 'utf8')).toBe(String(Math.max(10, os.getPriority())));
  expect(readFileSync(path.join(engineDir, 'nice-apply'), 'utf8')).toBe(String(Math.max(10, os.getPriority())));
});

test('fails when the niceness asked is not the one the engine runs at', async () => {
  await started({ engineNiceness: 0 });
  expect(readFileSync(path.join(engineDir, 'nice-apply'), 'utf8')).toBe(String(os.getPriority()));
});

test('--full-refresh refreshes on every plan', async () => {
  await started({ fullRefresh: true });
  netmon.change(eth0('192.168.1', '192.168.1.254'));
  await until(() => calls().filter((c) => c.startsWith('plan')).length === 2, 'the second plan', 10000);
  expect(calls().filter((c) => c.includes('-refresh=false'))).toEqual([]);
});

test('a failing engine is retried with doubling backoff; success resets it', async () => {
  inject('fail-apply', '3');
  await started();
  await until(() => status().last_applied !== null, 'the apply to succeed', 15000);
  const retries = logs.filter((l) => l.msg === 'reconcile failed').map((l) => l.retry_in_ms);
  expect(retries).toEqual([200, 400, 800]);
  expect(commands().filter((c) => c === 'apply')).toHaveLength(4);
  expect(status()).toMatchObject({ failures: 0, last_error: null, next_retry_at: null, state: 'idle' });
});

test('changes on interfaces no vNIC uses do nothing; a subnet move on the parent re-applies', async () => {
  await started();
  const before = calls().length;
  netmon.change({ ...wlan0, ipv4_addresses: [] });
  await new Promise((r) => setTimeout(r, 300));
  expect(calls()).toHaveLength(before);
  expect(logs.find((l) => l.msg === 'network_change' && l.interface === 'wlan0')).toMatchObject({ relevant: false });
  netmon.change(eth0('192.168.1', '192.168.1.254'));
  await until(() => commands().filter((c) => c === 'apply').length === 2, 'the second apply', 10000);
  const tfJson = JSON.parse(readFileSync(path.join(dir, 'out', 'stacks', 'edge', 'cdk.tf.json'), 'utf8'));
  expect(JSON.stringify(tfJson.resource.docker_network)).toContain('192.168.1.254');
});

test('a static IP that no longer fits strands that vNIC alone: the others follow, the status and the log name it; it comes back with its LAN', async () => {
  await started();
  netmon.change(eth0('10.0.0'));
  await until(() => commands().filter((c) => c === 'apply').length === 2, 'the apply of the move', 10000);
  await until(
    () => status().stranded.length === 1 && /^10\.0\.0\./.test(status().runtimes.rt2?.lan?.address ?? ''),
    'the move in the status',
    5000,
  );
  expect(status().stranded).toEqual([
    {
      runtime: 'rt1',
      vnic: 'lan',
      ip: '192.168.1.50',
      subnet: '10.0.0.0/24',
      reason: 'is outside the subnet 10.0.0.0/24',
      since: expect.any(String),
    },
  ]);
  expect(logs.find((l) => l.level === 'warn' && l.runtime === 'rt1')?.msg).toBe(
    'runtime rt1 vNIC lan: static 192.168.1.50 is outside the subnet 10.0.0.0/24; detached until its LAN comes back',
  );
  const tfJson = readFileSync(path.join(dir, 'out', 'stacks', 'edge', 'cdk.tf.json'), 'utf8');
  expect(tfJson).not.toContain('192.168.1.50');
  expect(status().runtimes.rt2.lan.address).toMatch(/^10\.0\.0\./);
  expect(status().runtimes.rt1).toEqual({});

  netmon.change(eth0('192.168.1'));
  await until(() => status().stranded.length === 0, 'the vNIC back', 10000);
  await until(() => status().runtimes.rt1?.lan?.address === '192.168.1.50', 'rt1 holding its address again', 10000);
  expect(logs.some((l) => l.msg === 'runtime rt1 vNIC lan: its LAN is back; attaching it again')).toBe(true);
});

test('between changes, a periodic resync plans with a refresh and heals what it finds; status and metrics say so', async () => {
  const metricsFile = path.join(dir, 'out', 'edgenet.prom');
  inject('plan-exit', '0');
  await started({ resyncMs: 300, metricsFile });
  await until(() => status().last_resync !== null, 'a resync', 10000);
  expect(status().last_resync).toMatchObject({ drift_found: false });
  const resyncPlans = calls().filter((c) => c.startsWith('plan') && !c.includes('-refresh=false'));
  expect(resyncPlans.length).toBeGreaterThanOrEqual(2);
  inject('plan-exit', '2');
  await until(() => status().last_resync?.drift_found === true, 'a resync that finds drift', 10000);
  expect(commands()).toContain('apply');
  expect(logs.some((l) => l.msg === 'drift found and healed')).toBe(true);
  await until(() => /edgenet_watch_drift_found_total\{stack="edge"\} [1-9]/.test(readFileSync(metricsFile, 'utf8')), 'the metric', 5000);
  const metrics = readFileSync(metricsFile, 'utf8');
  expect(metrics).toMatch(/^# TYPE edgenet_watch_resyncs_total counter$/m);
  expect(metrics).toMatch(/^edgenet_watch_last_apply_timestamp_seconds\{stack="edge"\} \d{10}$/m);
  expect(metrics).toMatch(/^edgenet_watch_stranded_vnics\{stack="edge"\} 0$/m);
  expect(metrics).toMatch(/^edgenet_watch_netmon_connected\{stack="edge"\} 1$/m);
});

test('a resync of 0 never checks on its own', async () => {
  inject('plan-exit', '0');
  await started({ resyncMs: 0 });
  const before = calls().length;
  await new Promise((r) => setTimeout(r, 700));
  expect(calls()).toHaveLength(before);
  expect(status().last_resync).toBeNull();
});

test('back to facts already applied: nothing runs', async () => {
  await started();
  const before = calls().length;
  netmon.change(eth0('10.0.0'));
  await new Promise((r) => setTimeout(r, 10));
  netmon.change(eth0('192.168.1'));
  await until(() => status().last_attempt?.outcome === 'unchanged', 'the no-op', 5000);
  expect(calls()).toHaveLength(before);
});

test('a parent going down or away moves nothing; the status names it; back on the same subnet nothing is applied', async () => {
  await started();
  const before = calls().length;
  netmon.change({ ...eth0('192.168.1'), operstate: 'DOWN', ipv4_addresses: [], status: 'down' });
  await until(() => status().parents_away?.eth0 !== undefined, 'eth0 away in the status', 5000);
  expect(status().parents_away).toEqual({ eth0: { why: 'down', since: expect.any(String) } });
  expect(logs.some((l) => l.level === 'warn' && l.msg === 'eth0 is down; keeping runtimes as they are')).toBe(true);
  // wlan0 is no vNIC's parent: its going away is no one's concern.
  netmon.change({ ...wlan0, status: 'removed', ipv4_addresses: [] });
  netmon.change(eth0('192.168.1'));
  await until(() => status().parents_away?.eth0 === undefined, 'eth0 back', 5000);
  await until(() => status().last_attempt?.outcome === 'unchanged', 'the no-op', 5000);
  expect(status().parents_away).toEqual({});
  expect(calls()).toHaveLength(before);
});

test('refuses to act on empty facts and says why', async () => {
  // A first discovery with no usable interface: there are facts, but nothing in them.
  await netmon.close();
  netmon = new FakeNetmon(netmon.socketPath, [{ ...eth0('192.168.1'), operstate: 'DOWN', ipv4_addresses: [] }]);
  await netmon.listen();
  await started();
  expect(status().last_error).toMatchObject({ kind: 'refused', message: expect.stringContaining('facts came back empty') });
  expect(calls()).toEqual([]);
});

test('a reconnect whose discovery shows a parent down keeps its last state: nothing runs', async () => {
  await started();
  const before = calls().length;
  await netmon.close();
  netmon = new FakeNetmon(netmon.socketPath, [{ ...eth0('192.168.1'), operstate: 'DOWN', ipv4_addresses: [] }, wlan0]);
  await netmon.listen();
  await until(() => status().parents_away?.eth0 !== undefined, 'eth0 away in the status', 5000);
  await until(() => status().last_attempt?.outcome === 'unchanged', 'the no-op', 5000);
  expect(calls()).toHaveLength(before);
});

test('refuses a plan that would destroy every runtime, and never applies it', async () => {
  inject(
    'plan.json',
    JSON.stringify({
      resource_changes: ['rt1', 'rt2'].map((name) => ({
        address: `docker_container.${name}`,
        type: 'docker_container',
        change: { actions: ['delete'], before: { name } },
      })),
    }),
  );
  await started();
  expect(commands()).toEqual(['init', 'state', 'plan', 'show']);
  expect(status().last_error).toMatchObject({ kind: 'refused' });
  expect(status().last_error!.message).toContain(
    'the plan would destroy every runtime container (docker_container.rt1, docker_container.rt2) and create none',
  );
});

test('refuses to apply over containers and networks of the same names made outside its state, naming each, before planning', async () => {
  await started({ engineNames: async () => ({ containers: new Set(['rt1', 'other']), networks: new Set(['rt2_internal']) }) });
  expect(commands()).toEqual(['init', 'state']);
  expect(status().last_error).toMatchObject({ kind: 'refused' });
  expect(status().last_error!.message.split('\n')).toEqual([
    'refusing to apply: nothing was changed',
    expect.stringMatching(
      /^conflict: container rt1 exists on the engine but not in the state of stack edge \(it would be docker_container\.Runtimes_rt1_Container_\w+\)/,
    ),
    expect.stringMatching(/^conflict: network rt2_internal exists on the engine but not in the state of stack edge/),
  ]);
});

test('an engine step that hangs gets SIGINT after the step timeout, and is retried', async () => {
  inject('hang-apply');
  await started({ stepTimeoutMs: 500 });
  await until(() => calls().includes('SIGINT apply'), 'SIGINT to the engine', 5000);
  await until(() => status().failures >= 1, 'the failure', 5000);
  expect(status().last_error!.message).toContain('timed out after 500 ms and was interrupted');
  expect(status().next_retry_at).not.toBeNull();
});

test('stop during an apply interrupts the engine (SIGINT), waits for it and starts nothing new', async () => {
  inject('hang-apply');
  const w = makeWatcher();
  await w.start();
  await until(() => commands().includes('apply'), 'the apply to start', 10000);
  await w.stop();
  watcher = undefined;
  expect(calls()).toContain('SIGINT apply');
  expect(status().state).toBe('stopped');
  const after = calls().length;
  netmon.change(eth0('192.168.1', '192.168.1.254'));
  await new Promise((r) => setTimeout(r, 500));
  expect(calls()).toHaveLength(after);
});

test('a malformed line from netmon is skipped and the stream goes on', async () => {
  await started();
  netmon.raw('{"type":"network_change","data":');
  netmon.raw('not json at all');
  netmon.change(eth0('192.168.1', '192.168.1.254'));
  await until(() => commands().filter((c) => c === 'apply').length === 2, 'the apply after the bad lines', 10000);
  expect(logs.filter((l) => l.msg === 'skipped a malformed line from netmon')).toHaveLength(2);
});

test('when the socket dies the watcher reconnects; an interface the next discovery leaves out is away with its last state', async () => {
  await started();
  await netmon.close();
  await until(() => status().netmon.connected === false, 'the disconnect', 5000);
  netmon = new FakeNetmon(netmon.socketPath, [eth0('192.168.1', '192.168.1.254')]);
  await netmon.listen();
  await until(() => commands().filter((c) => c === 'apply').length === 2, 'the apply after reconnecting', 10000);
  expect(status().netmon).toEqual({ connected: true, interfaces: 2 });
  // wlan0, left out, is no parent: nothing away that anyone needs to hear about.
  expect(status().parents_away).toEqual({});
  expect(logs.filter((l) => l.msg === 'netmon unavailable; reconnecting').length).toBeGreaterThanOrEqual(1);
});

test('--once reconciles the current discovery and returns 0; 1 when it fails', async () => {
  expect(await makeWatcher().once()).toBe(0);
  expect(commands()).toEqual(['init', 'state', 'plan', 'show', 'apply']);
  watcher = undefined;
  inject('fail-apply', '1');
  expect(await makeWatcher().once()).toBe(1);
  expect(status().last_error).toMatchObject({ kind: 'failed' });
  watcher = undefined;
});

test('--once fails when no netmon answers', async () => {
  await netmon.close();
  await expect(makeWatcher().once()).rejects.toThrow(`cannot reach netmon at ${netmon.socketPath}: connect ENOENT`);
  watcher = undefined;
});
