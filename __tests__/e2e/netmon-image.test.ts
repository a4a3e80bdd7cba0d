import execa from 'execa';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { WatchStatus } from '../../watcher/common/status';
import { DiscoveryMessage } from '../../watcher/common/protocol';
import { collect } from '../netmon-collector';
import { until } from '../poll';
import { NamespacedLan } from '../../scripts/testbed/lan';
import { CLI, docker, edgenet, env, removeDockerLeftovers } from '../../scripts/testbed/env';

/**
 * The daemons' image on the real test bed (scripts/testbed/image.sh builds it, as the
 * Dockerfile does for users): the stack runs netmon from it (config `netmon`, the
 * NetworkMonitor construct), in the host's network namespace, serving its socket in a bound
 * directory; a watcher on the host listens there. When the namespaced LAN moves, netmon in
 * its container hears it, and the runtime answers on the new subnet with its declared MAC,
 * as the LAN's maindb sees it.
 */
jest.setTimeout(300_000);

const lan = new NamespacedLan(`${process.pid.toString(36).slice(-3)}i`);
const work = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-image-'));
const out = path.join(work, 'cdktf.out');
const configFile = path.join(work, 'image.yaml');
const socketDir = path.join(work, 'run');
const socketPath = path.join(socketDir, 'netmon.sock');
const statusFile = path.join(out, 'watch-status.json');
const stackArgs = () => ['--config', configFile, '--out', out];

let watcher: execa.ExecaChildProcess | undefined;
let watcherLog = '';

const status = (): WatchStatus | undefined => (existsSync(statusFile) ? JSON.parse(readFileSync(statusFile, 'utf8')) : undefined);
const vnic = () => JSON.parse(readFileSync(path.join(out, 'runtime_vnics.json'), 'utf8')).ir1[0];

beforeAll(async () => {
  expect(env.EDGENET_IMAGE).toBeTruthy();
  await removeDockerLeftovers();
  await lan.down();
  await lan.up('10.71.0');
  await lan.defaultRoute();
  writeFileSync(
    configFile,
    `stack: image
docker_host: ${env.DOCKER_HOST}
netmon: { image: ${env.EDGENET_IMAGE}, socket_dir: ${socketDir} }
runtimes:
  - name: ir1
    image: local/busybox:latest
    command: [sleep, infinity]
    vnics: [{ name: lan, parent_interface: ${lan.parent}, network_mode: auto }]
`,
  );
});

afterAll(async () => {
  if (watcher !== undefined && watcher.exitCode === null) watcher.kill('SIGTERM');
  await watcher;
  await edgenet(['destroy', '--auto-approve', ...stackArgs()]);
  await lan.down();
});

test('the stack runs netmon from the image, in the host network namespace, answering on its socket', async () => {
  const apply = await edgenet(['apply', '--auto-approve', ...stackArgs()]);
  expect({ exitCode: apply.exitCode, stderr: apply.exitCode === 0 ? '' : apply.stderr }).toEqual({ exitCode: 0, stderr: '' });
  const container = await docker.get<any>('/containers/edgenet_netmon/json');
  expect(container.Config.Image).toBe(env.EDGENET_IMAGE);
  expect(container.HostConfig.NetworkMode).toBe('host');
  await until(() => existsSync(socketPath), 'the socket of netmon in its container', 30_000);
  const client = await collect(socketPath);
  try {
    await client.until(() => client.messages().length > 0, 'the discovery');
    // It sees the host's interfaces: the LAN's parent, with its subnet.
    const discovery = client.messages()[0] as DiscoveryMessage;
    expect(discovery.data.interfaces.find((i) => i.interface === lan.parent)?.ipv4_addresses.map((a) => a.subnet)).toEqual([
      '10.71.0.0/24',
    ]);
  } finally {
    client.connection.close();
  }
});

test('a watcher on that socket follows a subnet move; the LAN sees the runtime at its new address with its declared MAC', async () => {
  watcher = execa('node', [CLI, 'watch', '--socket', socketPath, '--config', configFile, '--out', out], { reject: false, env });
  watcher.stderr!.on('data', (d) => (watcherLog += d.toString()));
  const idleAfter = (since: number) =>
    until(
      () => {
        const s = status();
        return s?.state === 'idle' && s.last_applied !== null && Date.parse(s.last_applied.at) > since;
      },
      () => `the watcher idle after an apply (log: ${watcherLog.slice(-2000)})`,
      240_000,
    );
  await idleAfter(0);
  const before = vnic();
  const moved = Date.now();
  await lan.move('10.72.0');
  await lan.defaultRoute();
  await idleAfter(moved);
  const after = vnic();
  expect(after.subnet).toBe('10.72.0.0/24');
  expect(after.mac_address).toBe(before.mac_address);
  expect(await lan.neighbourMac(after.ip)).toBe(after.mac_address);
});
