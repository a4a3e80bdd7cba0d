import execa from 'execa';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import * as net from 'net';
import { tmpdir } from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { WatchStatus } from '../../watcher/common/status';
import { until } from '../poll';
import { NamespacedLan } from '../../scripts/testbed/lan';
import { CLI, docker, dockerCli, edgenet, env, linkMacs, reaches, removeDockerLeftovers } from '../../scripts/testbed/env';

/**
 * Beside the reference orchestrator agent, on the namespaced LAN and the real dockerd:
 * migrating its runtime_vnics.json, the plan naming what it left on the engine, a Wi-Fi
 * parent (by facts) getting an ipvlan network, and `edgenet watch` fed by a stand-in for the
 * reference's network monitor sidecar that sends the reference's shapes (seed 002 and the
 * issue's down/removed events). The steps share one LAN and run in order.
 */
jest.setTimeout(300_000);

const lan = new NamespacedLan(`${process.pid.toString(36).slice(-3)}a`);
const work = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-agent-'));
const PREFIX = '10.93.0';
const MOVED = '10.94.0';

/** Its runtime_vnics.json, in the reference agent's shape, on this LAN. */
function agentFile(): Record<string, unknown[]> {
  const network = `macvlan_${lan.parent}_${PREFIX}.0_24`;
  return {
    'agent-plc1': [
      {
        name: 'fieldbus',
        parent_interface: lan.parent,
        network_mode: 'static',
        ip: `${PREFIX}.50/24`,
        subnet: '255.255.255.0',
        gateway: lan.gateway,
        dns: [lan.gateway],
        mac: '02:42:0a:5d:00:32',
        mac_address: '02:42:0a:5d:00:32',
        docker_network_name: network,
        _interface_type: 'ethernet',
        _is_wifi: false,
        _network_method: 'macvlan',
      },
    ],
    'agent-plc2': [
      {
        name: 'fieldbus',
        parent_interface: lan.parent,
        network_mode: 'static',
        ip: `${PREFIX}.51`,
        subnet: `${PREFIX}.0/24`,
        gateway: lan.gateway,
        dns: [lan.gateway, '10.93.0.2'],
        mac_address: '0a:5e:11:22:33:44',
        docker_network_name: network,
      },
    ],
  };
}

/** What the reference agent left on a host: a runtime, its internal network, the macvlan network. */
const REFERENCE_OBJECTS = {
  container: 'agent-plc1',
  networks: () => ['agent-plc1_internal', `macvlan_${lan.parent}_${PREFIX}.0_24`],
};

async function removeReferenceObjects(): Promise<void> {
  await dockerCli(['rm', '-f', REFERENCE_OBJECTS.container]);
  for (const name of REFERENCE_OBJECTS.networks()) await dockerCli(['network', 'rm', name]);
}

const inspect = (container: string) => docker.get<any>(`/containers/${container}/json`);

beforeAll(async () => {
  await removeDockerLeftovers();
  await lan.down();
  await lan.up(PREFIX);
});

afterAll(async () => {
  for (const stack of ['migrated', 'wifi', 'watched']) {
    const dir = path.join(work, stack);
    if (existsSync(path.join(dir, 'edge.yaml'))) {
      await edgenet(['destroy', '--auto-approve', '--config', path.join(dir, 'edge.yaml'), '--out', path.join(dir, 'cdktf.out')]);
    }
  }
  await removeReferenceObjects();
  await lan.down();
});

describe('migrating from the reference agent', () => {
  const dir = path.join(work, 'migrated');
  const configFile = path.join(dir, 'edge.yaml');
  const args = () => ['--config', configFile, '--out', path.join(dir, 'cdktf.out')];

  beforeAll(async () => {
    await execa('mkdir', ['-p', dir]);
    writeFileSync(path.join(dir, 'runtime_vnics.json'), JSON.stringify(agentFile(), null, 2));
    const made = await edgenet([
      'init',
      '--from-agent',
      path.join(dir, 'runtime_vnics.json'),
      '--out',
      path.join(dir, 'migrated.yaml'),
      '--image',
      'local/busybox:latest',
    ]);
    expect(made.stderr).toBe('');
    expect(made.exitCode).toBe(0);
    // The reference's runtime image runs by itself; busybox needs to be told to stay up.
    const config = YAML.parse(readFileSync(path.join(dir, 'migrated.yaml'), 'utf8'));
    config.stack = 'migrated';
    config.profiles.agent.command = ['sleep', 'infinity'];
    writeFileSync(configFile, YAML.stringify(config));
    // What the reference agent left running on this host.
    const [internal, macvlan] = REFERENCE_OBJECTS.networks();
    await dockerCli(['network', 'create', '--internal', internal]);
    const gw = `--gateway=${lan.gateway}`;
    await dockerCli(['network', 'create', '-d', 'macvlan', '-o', `parent=${lan.parent}`, `--subnet=${lan.subnet}`, gw, macvlan]);
    await dockerCli([
      'run',
      '-d',
      '--name',
      REFERENCE_OBJECTS.container,
      '--network',
      internal,
      'local/busybox:latest',
      'sleep',
      'infinity',
    ]);
  });

  test('plan names every container and network of the same names left outside its state, one line each; apply refuses and changes nothing', async () => {
    const plan = await edgenet(['plan', ...args()]);
    expect(plan.exitCode).toBe(1);
    const conflicts = plan.stderr.split('\n').filter((l) => l.startsWith('conflict: '));
    expect(conflicts.map((l) => l.split(' exists ')[0])).toEqual([
      'conflict: container agent-plc1',
      'conflict: network agent-plc1_internal',
      `conflict: network macvlan_${lan.parent}_${PREFIX}.0_24`,
    ]);
    const apply = await edgenet(['apply', '--auto-approve', ...args()]);
    expect(apply.exitCode).toBe(1);
    expect(apply.stderr).toContain('refusing to apply: nothing was changed');
    expect(await docker.getOrUndefined(`/containers/agent-plc2/json`)).toBeUndefined();
  });

  test("once they are gone, the migrated config applies: the agent's static addresses, MACs and DNS", async () => {
    await removeReferenceObjects();
    const apply = await edgenet(['apply', '--auto-approve', ...args()]);
    expect(apply.stderr).not.toMatch(/Error|conflict/);
    expect(apply.exitCode).toBe(0);
    const network = `macvlan_${lan.parent}_${PREFIX}.0_24`;
    const tfJson = JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'migrated', 'cdk.tf.json'), 'utf8'));
    const attachments = Object.values<any>(tfJson.resource.edgenet_network_attachment);
    for (const [container, [theirs]] of Object.entries<any[]>(agentFile())) {
      const real = await inspect(container);
      expect(real.NetworkSettings.Networks[network].IPAddress).toBe(theirs.ip.split('/')[0]);
      expect(real.HostConfig.Dns).toEqual(theirs.dns);
      // The agent's MAC is in the plan and on the wire: on the runtime's link and in the LAN's neighbour table.
      expect(attachments.filter((a) => a.ipv4_address === theirs.ip.split('/')[0]).map((a) => a.mac_address)).toEqual([theirs.mac_address]);
      expect(await linkMacs(container)).toContain(theirs.mac_address);
      expect(await lan.neighbourMac(theirs.ip.split('/')[0])).toBe(theirs.mac_address);
    }
    expect(await reaches('agent-plc1', lan.maindb)).toBe(true);
    expect((await edgenet(['destroy', '--auto-approve', ...args()])).exitCode).toBe(0);
  });
});

describe('a Wi-Fi parent', () => {
  const dir = path.join(work, 'wifi');
  const configFile = path.join(dir, 'edge.yaml');
  const factsFile = path.join(dir, 'facts.json');
  const args = () => ['--config', configFile, '--facts', factsFile, '--out', path.join(dir, 'cdktf.out')];

  test('a parent the facts type wifi, on a kernel the facts say has ipvlan, gets an ipvlan L2 network, and the plan says why; the runtime answers on the LAN where the kernel has ipvlan', async () => {
    await execa('mkdir', ['-p', dir]);
    expect((await edgenet(['facts', '--json', '--out', factsFile])).exitCode).toBe(0);
    const facts = JSON.parse(readFileSync(factsFile, 'utf8'));
    facts.interfaces.find((i: { name: string }) => i.name === lan.parent).type = 'wifi';
    // As the facts of a host whose kernel has ipvlan say (on one without it, routed.test.ts).
    facts.kernel = { macvlan: true, ipvlan: true };
    writeFileSync(factsFile, JSON.stringify(facts));
    writeFileSync(
      configFile,
      `stack: wifi
runtimes:
  - { name: wifi-rt, image: local/busybox:latest, command: [sleep, infinity], vnics: [{ name: lan, parent_interface: ${lan.parent}, network_mode: static, ip: ${PREFIX}.60 }] }
`,
    );
    const name = `ipvlan_${lan.parent}_${PREFIX}.0_24`;
    const plan = await edgenet(['plan', ...args()]);
    expect(plan.exitCode).toBe(0);
    expect(plan.stdout).toContain(`lan ${name}: ipvlan, because the host facts type ${lan.parent} wifi: an access point drops frames`);

    try {
      const apply = await edgenet(['apply', '--auto-approve', ...args()]);
      const created = (await docker.get<any[]>('/networks')).find((n) => n.Name === name);
      expect({ driver: created?.Driver, options: created?.Options }).toEqual({
        driver: 'ipvlan',
        options: { parent: lan.parent, ipvlan_mode: 'l2' },
      });
      if (await lan.kernelHasIpvlan()) {
        expect(apply.exitCode).toBe(0);
        expect(await reaches('wifi-rt', lan.maindb)).toBe(true);
      } else {
        // The network is Docker's; the endpoint is the kernel's: without ipvlan the engine's refusal is shown as it is
        // (terraform wraps its error text, so the words are compared, not the line breaks).
        expect(apply.exitCode).toBe(1);
        expect(apply.stderr.replace(/\s+/g, ' ')).toContain('failed to create the ipvlan port: operation not supported');
      }
    } finally {
      // The ipvlan network holds the LAN's subnet: the tests after this one need it gone, whatever happened here.
      expect((await edgenet(['destroy', '--auto-approve', ...args()])).exitCode).toBe(0);
    }
  });
});

describe("edgenet watch fed by a stand-in for the reference's network monitor sidecar", () => {
  const dir = path.join(work, 'watched');
  const configFile = path.join(dir, 'edge.yaml');
  const out = path.join(dir, 'cdktf.out');
  const socketPath = path.join(dir, 'netmon.sock');
  const statusFile = path.join(out, 'watch-status.json');
  const clients: net.Socket[] = [];
  let sidecar: net.Server;
  let watcher: execa.ExecaChildProcess;
  let log = '';
  let index = 0;

  const status = (): WatchStatus | undefined => (existsSync(statusFile) ? JSON.parse(readFileSync(statusFile, 'utf8')) : undefined);
  /** The reference's interface report (seed 002, with its `type`): its timestamps have no zone. */
  const report = (prefix: string) => ({
    interface: lan.parent,
    index,
    operstate: 'UP',
    type: 'ethernet',
    ipv4_addresses: [{ address: `${prefix}.10`, prefixlen: 24, subnet: `${prefix}.0/24`, network_address: `${prefix}.0` }],
    gateway: `${prefix}.1`,
    timestamp: '2025-11-20T20:30:45.123456',
  });
  const send = (message: unknown) => clients.forEach((c) => c.write(`${JSON.stringify(message)}\n`));
  const startedAt = async () =>
    Object.fromEntries(await Promise.all(['wr1', 'wr2'].map(async (n) => [n, (await inspect(n)).State.StartedAt])));
  const appliedAfter = (since: number) =>
    until(
      () => {
        const s = status();
        return s?.last_applied != null && Date.parse(s.last_applied.at) > since && s.state === 'idle';
      },
      () => `an apply after ${new Date(since).toISOString()} (log: ${log.slice(-2000)})`,
      240_000,
    );

  beforeAll(async () => {
    await execa('mkdir', ['-p', dir]);
    index = JSON.parse((await execa('ip', ['-j', 'link', 'show', lan.parent])).stdout)[0].ifindex;
    writeFileSync(
      configFile,
      `stack: watched
profiles:
  plc: { image: local/busybox:latest, command: [sleep, infinity], vnic_defaults: { parent_interface: ${lan.parent} } }
runtimes:
  - { name: wr1, profile: plc, vnics: [{ name: lan, network_mode: auto }] }
  - { name: wr2, profile: plc, vnics: [{ name: lan, network_mode: auto }] }
`,
    );
    // Written from seed 002 and the issue: a discovery on connect, then the sidecar's other lines.
    sidecar = net.createServer((socket) => {
      clients.push(socket);
      socket.on('error', () => undefined);
      socket.write(
        `${JSON.stringify({ type: 'network_discovery', data: { interfaces: [report(lan.prefix)], timestamp: '2025-11-20T20:30:45.123456' } })}\n`,
      );
      socket.write(`${JSON.stringify({ type: 'device_discovery', data: { devices: [] } })}\n`);
      socket.write(`${JSON.stringify({ success: true, status: { running: true } })}\n`);
    });
    await new Promise<void>((resolve) => sidecar.listen(socketPath, resolve));
    watcher = execa(
      'node',
      [CLI, 'watch', '--socket', socketPath, '--config', configFile, '--out', out, '--settle', '1', '--resync', '0'],
      {
        reject: false,
        env,
      },
    );
    watcher.stderr!.on('data', (d) => (log += d.toString()));
  });

  afterAll(async () => {
    watcher?.kill('SIGTERM');
    await watcher;
    clients.forEach((c) => c.destroy());
    await new Promise((resolve) => sidecar?.close(resolve));
  });

  test('converges on the discovery; the sidecar’s other event types and replies are skipped and counted', async () => {
    await appliedAfter(0);
    for (const runtime of ['wr1', 'wr2'])
      expect((await inspect(runtime)).NetworkSettings.Networks[`macvlan_${lan.parent}_${PREFIX}.0_24`]).toBeDefined();
    expect(await reaches('wr1', lan.maindb)).toBe(true);
    expect(status()!.netmon.skipped).toEqual({ device_discovery: 1, reply: 1 });
  });

  test("the reference's down, then up on the same subnet, applies nothing and restarts nothing", async () => {
    const before = { applied: status()!.last_applied, started: await startedAt() };
    send({ type: 'network_change', data: { interface: lan.parent, ipv4_addresses: [], status: 'down' } });
    await until(() => status()?.parents_away?.[lan.parent]?.why === 'down', `${lan.parent} down in the status`, 10_000);
    send({ type: 'network_change', data: report(lan.prefix) });
    await until(() => Object.keys(status()?.parents_away ?? {}).length === 0, `${lan.parent} back in the status`, 10_000);
    // Past the settle time: a reconcile, if any, would have started by now.
    await new Promise((r) => setTimeout(r, 3000));
    expect({ applied: status()!.last_applied, state: status()!.state, started: await startedAt() }).toEqual({ ...before, state: 'idle' });
    expect(await reaches('wr2', lan.maindb)).toBe(true);
  });

  test('a subnet move is followed: the runtimes reconnect on the new subnet without a restart', async () => {
    const before = await startedAt();
    const moved = Date.now();
    await lan.move(MOVED);
    send({ type: 'network_change', data: report(MOVED) });
    await appliedAfter(moved);
    for (const runtime of ['wr1', 'wr2']) {
      expect((await inspect(runtime)).NetworkSettings.Networks[`macvlan_${lan.parent}_${MOVED}.0_24`]?.IPAddress).toMatch(
        /^10\.94\.0\.\d+$/,
      );
    }
    expect(await startedAt()).toEqual(before);
    expect(await reaches('wr1', lan.maindb)).toBe(true);
  });
});
