import execa from 'execa';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { WatchStatus } from '../../watcher/common/status';
import { until } from '../poll';
import { NamespacedLan } from '../../scripts/testbed/lan';
import { CLI, docker, dockerCli, edgenet, ENGINE, env, linkMacs, reaches, removeDockerLeftovers } from '../../scripts/testbed/env';
import { MacAddress } from '../../lib/core/values';

/**
 * Continuity on a subnet move, on the real test bed with netmon and the watcher: ten
 * runtimes (auto, static, and static on a LAN whose subnet the config pins) follow the move
 * of their LAN without a restart — same containers, same PID 1 — while a static address that
 * cannot live on the new subnet is stranded alone and named. A vNIC disconnected out of band
 * is healed by the periodic resync, again without a restart.
 */
jest.setTimeout(600_000);

const moving = new NamespacedLan(`${process.pid.toString(36).slice(-3)}m`);
const pinned = new NamespacedLan(`${process.pid.toString(36).slice(-3)}p`);
const work = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-continuity-'));
const out = path.join(work, 'cdktf.out');
const configFile = path.join(work, 'continuity.yaml');
const socketPath = path.join(work, 'run', 'netmon.sock');
const statusFile = path.join(out, 'watch-status.json');
const AUTO = ['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07'];
const STRANDED = 'c08';
const TWO_LANS = ['c09', 'c10'];
const ALL = [...AUTO, STRANDED, ...TWO_LANS];

let netmon: execa.ExecaChildProcess;
let watcher: execa.ExecaChildProcess;
let watcherLog = '';

const status = (): WatchStatus | undefined => (existsSync(statusFile) ? JSON.parse(readFileSync(statusFile, 'utf8')) : undefined);
const lanNetwork = (prefix: string) => `macvlan_${moving.parent}_${prefix}.0_24`;
const inspect = (name: string) => docker.get(`/containers/${name}/json`);

/** What must survive a move: the container, its PID 1 (and when it started), its internal endpoint. */
async function identity(name: string): Promise<{ id: string; pid: number; startedAt: string; internalMac: string }> {
  const c = await inspect(name);
  return {
    id: c.Id,
    pid: c.State.Pid,
    startedAt: c.State.StartedAt,
    internalMac: c.NetworkSettings.Networks[`${name}_internal`].MacAddress,
  };
}

/** Waits for an apply after `since` of a plan input other than `previousHash` (a resync re-applies the same one). */
async function appliedAfter(since: number, previousHash?: string, timeoutMs = 300_000): Promise<WatchStatus> {
  await until(
    () => {
      const s = status();
      return (
        s !== undefined &&
        s.last_applied !== null &&
        Date.parse(s.last_applied.at) > since &&
        s.last_applied.hash !== previousHash &&
        s.state === 'idle'
      );
    },
    () => `an apply after ${new Date(since).toISOString()} (log: ${watcherLog.slice(-3000)})`,
    timeoutMs,
  );
  return status() as WatchStatus;
}

beforeAll(async () => {
  await removeDockerLeftovers();
  await moving.down();
  await pinned.down();
  await moving.up('10.85.0');
  await moving.defaultRoute();
  await pinned.up('10.86.0');
  const runtime = (name: string, vnics: string) => `  - { name: ${name}, profile: plc, vnics: [${vnics}] }`;
  const onMoving = (extra = '') => `{ name: lan, parent_interface: ${moving.parent}${extra} }`;
  const onPinned = (ip: string) =>
    `{ name: ot, parent_interface: ${pinned.parent}, parent_subnet: 10.86.0.0/24, network_mode: static, ip: ${ip} }`;
  writeFileSync(
    configFile,
    `stack: continuity
docker_host: ${env.DOCKER_HOST}
profiles:
  plc: { image: local/busybox:latest, command: [sleep, infinity], vnic_defaults: { network_mode: auto } }
runtimes:
${AUTO.map((name) => runtime(name, onMoving())).join('\n')}
${runtime(STRANDED, onMoving(', network_mode: static, ip: 10.85.0.60'))}
${runtime('c09', `${onMoving()}, ${onPinned('10.86.0.70')}`)}
${runtime('c10', `${onMoving()}, ${onPinned('10.86.0.71')}`)}
`,
  );
  netmon = execa(CLI, ['netmon', '--socket', socketPath], { reject: false });
  await until(() => existsSync(socketPath), 'the netmon socket', 15_000);
  watcher = execa('node', [CLI, 'watch', '--socket', socketPath, '--config', configFile, '--out', out, '--settle', '1', '--resync', '5'], {
    reject: false,
    env,
  });
  watcher.stderr?.on('data', (d: Buffer) => (watcherLog += d.toString()));
});

afterAll(async () => {
  for (const child of [watcher, netmon]) if (child !== undefined && child.exitCode === null) child.kill('SIGTERM');
  await Promise.all([watcher, netmon].filter(Boolean));
  // Kept for whoever reads a failure: the whole log, not the tail a message can carry.
  writeFileSync(path.join(work, 'watcher.log'), watcherLog);
  process.stdout.write(`continuity e2e: the watcher's log is in ${path.join(work, 'watcher.log')}\n`);
  await edgenet(['destroy', '--auto-approve', '--config', configFile, '--facts', path.join(out, 'watch-facts.json'), '--out', out]);
  await moving.down();
  await pinned.down();
});

const before = new Map<string, Awaited<ReturnType<typeof identity>>>();
const offsets = new Map<string, string>();
let convergedHash: string | undefined;

test('ten runtimes converge: each on its LANs, reaching maindb', async () => {
  const s = await appliedAfter(0);
  expect(s.last_error).toBeNull();
  convergedHash = s.last_applied!.hash;
  for (const name of ALL) {
    before.set(name, await identity(name));
    const address = (await inspect(name)).NetworkSettings.Networks[lanNetwork('10.85.0')]?.IPAddress as string;
    expect(address).toMatch(/^10\.85\.0\.\d+$/);
    offsets.set(name, address.split('.')[3]);
  }
  expect(offsets.get(STRANDED)).toBe('60');
  for (const name of ['c01', 'c09']) expect(await reaches(name, moving.maindb)).toBe(true);
  expect(await reaches('c10', pinned.maindb)).toBe(true);
});

test('a subnet move reconnects every runtime without a restart; the static that cannot follow is stranded and named', async () => {
  const moved = Date.now();
  await moving.move('10.87.0');
  await moving.defaultRoute();
  const s = await appliedAfter(moved, convergedHash);
  process.stdout.write(`continuity e2e: move to recorded apply took ${((Date.parse(s.last_applied!.at) - moved) / 1000).toFixed(1)} s\n`);

  for (const name of ALL) expect(await identity(name)).toEqual(before.get(name));
  for (const name of [...AUTO, ...TWO_LANS]) {
    const address = (await inspect(name)).NetworkSettings.Networks[lanNetwork('10.87.0')]?.IPAddress;
    // Auto addresses keep their host part on the new subnet.
    expect(address).toBe(`10.87.0.${offsets.get(name)}`);
  }
  for (const name of TWO_LANS)
    expect((await inspect(name)).NetworkSettings.Networks[`macvlan_${pinned.parent}_10.86.0.0_24`]).toBeDefined();
  for (const name of ['c01', 'c07', 'c09']) expect(await reaches(name, moving.maindb)).toBe(true);
  expect(await reaches('c10', pinned.maindb)).toBe(true);

  // The declared MACs moved with them, on the wire: each runtime's link, and the LAN's neighbour table.
  for (const name of [...AUTO, ...TWO_LANS]) expect(await linkMacs(name)).toContain(MacAddress.derive(name, 'lan').toString());
  for (const name of ['c01', 'c10']) {
    expect(await moving.neighbourMac(`10.87.0.${offsets.get(name)}`)).toBe(MacAddress.derive(name, 'lan').toString());
  }

  // The watcher made the move's calls before its plan: every runtime on the moving LAN but the stranded one,
  // in the order the engine allows (Engine 29 takes the new network beside the old one).
  const order = ENGINE === '29' ? 'make-before-break' : 'break-before-make';
  expect(watcherLog).toMatch(
    new RegExp(`move first: ${lanNetwork('10.85.0')} -> ${lanNetwork('10.87.0')}, 9 runtime\\(s\\) reconnected in \\d+ ms \\(${order}\\)`),
  );
  expect(Object.keys((await inspect(STRANDED)).NetworkSettings.Networks)).toEqual([`${STRANDED}_internal`]);
  expect(s.stranded).toEqual([
    {
      runtime: STRANDED,
      vnic: 'lan',
      ip: '10.85.0.60',
      subnet: '10.87.0.0/24',
      reason: 'is outside the subnet 10.87.0.0/24',
      since: expect.any(String),
    },
  ]);
  expect(watcherLog).toContain(
    `runtime ${STRANDED} vNIC lan: static 10.85.0.60 is outside the subnet 10.87.0.0/24; detached until its LAN comes back`,
  );

  const names = (await docker.get<any[]>('/networks')).map((n) => n.Name);
  expect(names).not.toContain(lanNetwork('10.85.0'));
  // The watcher resyncs every 5 s and holds the state's lock while it plans: like any operator
  // beside it, the test plans again when the lock was taken.
  let plan = { stdout: '', stderr: '' };
  await until(
    async () => {
      plan = await edgenet([
        'plan',
        '--config',
        configFile,
        '--facts',
        path.join(out, 'watch-facts.json'),
        '--out',
        path.join(work, 'plan.out'),
      ]);
      return !plan.stderr.includes('Error acquiring the state lock');
    },
    () => `a plan not blocked by the watcher's lock (last: ${plan.stderr.slice(-500)})`,
    60_000,
    500,
  );
  // With stderr beside it, so a failing plan says why.
  expect(`${plan.stdout}\n${plan.stderr}`).toContain('No changes.');
});

test('a vNIC disconnected out of band is healed by the periodic resync, without a restart', async () => {
  const since = Date.now();
  expect((await dockerCli(['network', 'disconnect', lanNetwork('10.87.0'), 'c03'])).exitCode).toBe(0);
  await until(
    async () => (await inspect('c03')).NetworkSettings.Networks[lanNetwork('10.87.0')] !== undefined,
    () => `c03 reconnected by a resync (log: ${watcherLog.slice(-2000)})`,
    120_000,
  );
  expect(await identity('c03')).toEqual(before.get('c03'));
  expect((await inspect('c03')).NetworkSettings.Networks[lanNetwork('10.87.0')].IPAddress).toBe(`10.87.0.${offsets.get('c03')}`);
  await until(
    () => (status()?.last_resync ? Date.parse(status()!.last_resync!.at) > since && status()!.last_resync!.drift_found : false),
    'the resync in the status',
    30_000,
  );
});
