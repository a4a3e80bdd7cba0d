import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { NamespacedLan } from '../../scripts/testbed/lan';
import { docker, dockerCli, edgenet, ENGINE, env, linkMacs, reaches, removeDockerLeftovers } from '../../scripts/testbed/env';

/**
 * Taking over a host the reference agent built, without a restart: its networks and names,
 * runtimes created through the engine API with static addresses and MACs, its
 * runtime_vnics.json; then `init --from-agent --docker-host` and `adopt`. On the namespaced
 * LAN and the real engine; the steps build on each other and run in order.
 */
jest.setTimeout(300_000);

const lan = new NamespacedLan(`${process.pid.toString(36).slice(-3)}t`);
const work = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-adopt-'));
const PREFIX = '10.95.0';
const MOVED = '10.96.0';
const configFile = path.join(work, 'edge.yaml');
const factsFile = path.join(work, 'facts.json');
const out = path.join(work, 'cdktf.out');
const args = () => ['--config', configFile, '--facts', factsFile, '--out', out];

/** The agent's runtimes: name, static address, the MAC it connects them with, their environment. */
const RUNTIMES = [
  { name: 'adopt-plc1', host: 50, mac: '0a:5e:00:00:00:50', env: ['PLC_MODE=run'] },
  { name: 'adopt-plc2', host: 51, mac: '0a:5e:00:00:00:51', env: [] },
];
const macvlan = () => `macvlan_${lan.parent}_${PREFIX}.0_24`;

/** Its runtime_vnics.json, in the reference agent's shape. */
function agentFile(): Record<string, unknown[]> {
  return Object.fromEntries(
    RUNTIMES.map((r) => [
      r.name,
      [
        {
          name: 'fieldbus',
          parent_interface: lan.parent,
          network_mode: 'static',
          ip: `${PREFIX}.${r.host}/24`,
          subnet: '255.255.255.0',
          gateway: lan.gateway,
          dns: [lan.gateway],
          mac_address: r.mac,
          docker_network_name: macvlan(),
        },
      ],
    ]),
  );
}

/** What the reference agent does at install, through the engine API: networks, then each runtime created, connected, started. */
async function buildLikeTheAgent(): Promise<void> {
  await docker.post('/networks/create', {
    Name: macvlan(),
    Driver: 'macvlan',
    Options: { parent: lan.parent },
    IPAM: { Config: [{ Subnet: lan.subnet, Gateway: lan.gateway }] },
  });
  for (const r of RUNTIMES) {
    await docker.post('/networks/create', { Name: `${r.name}_internal`, Driver: 'bridge', Internal: true });
    await docker.post(`/containers/create?name=${r.name}`, {
      Image: 'local/busybox:latest',
      Cmd: ['sleep', 'infinity'],
      Env: r.env,
      HostConfig: { NetworkMode: `${r.name}_internal`, RestartPolicy: { Name: 'unless-stopped' }, Dns: [lan.gateway] },
    });
    await docker.post(`/networks/${macvlan()}/connect`, {
      Container: r.name,
      EndpointConfig: { IPAMConfig: { IPv4Address: `${PREFIX}.${r.host}` }, MacAddress: r.mac },
    });
    await docker.post(`/containers/${r.name}/start`);
  }
}

/** What must survive: each runtime's container and when it started. */
const identities = () =>
  Promise.all(
    RUNTIMES.map(async (r) => {
      const c = await docker.get(`/containers/${r.name}/json`);
      return `${r.name} ${c.Id} ${c.State.StartedAt}`;
    }),
  );

async function detectFacts(): Promise<void> {
  const result = await edgenet(['facts', '--json', '--out', factsFile]);
  expect(result.exitCode).toBe(0);
}

const stateResources = async () => (await edgenet(['plan', ...args()])).stdout;

let before: string[] = [];

beforeAll(async () => {
  await removeDockerLeftovers();
  for (const r of RUNTIMES) await dockerCli(['rm', '-f', r.name]);
  await lan.down();
  await lan.up(PREFIX);
  await buildLikeTheAgent();
  before = await identities();
  writeFileSync(path.join(work, 'runtime_vnics.json'), JSON.stringify(agentFile(), null, 2));
  await detectFacts();
});

afterAll(async () => {
  await edgenet(['destroy', '--auto-approve', ...args()]);
  for (const r of RUNTIMES) await dockerCli(['rm', '-f', r.name]);
  for (const r of RUNTIMES) await dockerCli(['network', 'rm', `${r.name}_internal`]);
  await dockerCli(['network', 'rm', macvlan()]);
  await dockerCli(['rmi', 'local/adopt-other:1']);
  await lan.down();
});

test('init --from-agent --docker-host writes the runtimes as the engine runs them', async () => {
  const made = await edgenet([
    'init',
    '--from-agent',
    path.join(work, 'runtime_vnics.json'),
    '--docker-host',
    env.DOCKER_HOST,
    '--out',
    configFile,
  ]);
  expect(made.stderr).toBe('');
  expect(made.exitCode).toBe(0);
  const config = YAML.parse(readFileSync(configFile, 'utf8'));
  const plc1 = config.runtimes.find((r: any) => r.name === 'adopt-plc1');
  expect(plc1).toMatchObject({
    image: 'local/busybox:latest',
    command: ['sleep', 'infinity'],
    env: { PLC_MODE: 'run' },
    restart: 'unless-stopped',
  });
  // The MAC the LAN knows each vNIC by is the one on the wire (Engine 20.10 chose its own on connect).
  for (const r of RUNTIMES) {
    const vnic = config.runtimes.find((x: any) => x.name === r.name).vnics[0];
    expect(vnic.ip).toBe(`${PREFIX}.${r.host}`);
    expect(await linkMacs(r.name)).toContain(vnic.mac_address);
    // Engine 29 applied the agent's MAC on connect; 20.10 chose its own, which the LAN knows.
    expect(vnic.mac_address === r.mac).toBe(ENGINE === '29');
  }
  config.stack = 'adopted';
  writeFileSync(configFile, YAML.stringify(config));
});

test('a config that differs in image is refused, one line naming the runtime and the attribute; nothing changes', async () => {
  expect((await dockerCli(['commit', 'adopt-plc2', 'local/adopt-other:1'])).exitCode).toBe(0);
  const config = YAML.parse(readFileSync(configFile, 'utf8'));
  const differing = {
    ...config,
    runtimes: config.runtimes.map((r: any) => (r.name === 'adopt-plc1' ? { ...r, image: 'local/adopt-other:1' } : r)),
  };
  const differingFile = path.join(work, 'differing.yaml');
  writeFileSync(differingFile, YAML.stringify(differing));
  const refused = await edgenet([
    'adopt',
    '--auto-approve',
    '--config',
    differingFile,
    '--facts',
    factsFile,
    '--out',
    path.join(work, 'refused.out'),
  ]);
  const lines = refused.stderr.split('\n').filter((l) => l.startsWith('runtime '));
  // Refused for another reason (an engine error, say): the diff shows what adopt printed.
  expect({ exitCode: refused.exitCode, lines: lines.length === 1 ? lines : refused.stderr }).toEqual({
    exitCode: 1,
    lines: [expect.stringMatching(/^runtime adopt-plc1 would be replaced \(restarted\), container adopt-plc1: image: /)],
  });
  expect(await identities()).toEqual(before);
  expect(await stateResources()).toMatch(/Plan: \d+ to add/);
});

test('adopt imports what runs: same containers, same start, empty plan, no drift, each runtime answers with its MAC', async () => {
  const adopted = await edgenet(['adopt', '--auto-approve', ...args()]);
  expect(adopted.stderr).not.toMatch(/Error|refusing/);
  expect(adopted.exitCode).toBe(0);
  expect(adopted.stderr).toContain('`edgenet destroy` removes them');
  expect(adopted.stdout).toMatch(/Apply complete! Resources: \d+ imported/);
  expect(await identities()).toEqual(before);
  expect((await edgenet(['plan', ...args()])).stdout).toContain('No changes.');
  expect((await edgenet(['drift', ...args()])).exitCode).toBe(0);
  const config = YAML.parse(readFileSync(configFile, 'utf8'));
  for (const r of RUNTIMES) {
    const mac = config.runtimes.find((x: any) => x.name === r.name).vnics[0].mac_address;
    expect(await linkMacs(r.name)).toContain(mac);
    expect(await lan.neighbourMac(`${PREFIX}.${r.host}`)).toBe(mac);
    expect(await reaches(r.name, lan.maindb)).toBe(true);
  }
});

test('after adoption a subnet move is followed without a restart', async () => {
  await lan.move(MOVED);
  await detectFacts();
  // The agent's addresses are static: on the new subnet they are stranded until the operator gives them new ones.
  const stranded = await edgenet(['plan', ...args()]);
  expect(stranded.stderr).toContain(`runtime adopt-plc1 vNIC fieldbus: static ${PREFIX}.50 is outside the subnet ${MOVED}.0/24`);
  // The operator's fix: each address, and the gateway the agent recorded with it, on the new subnet.
  // The resolvers stay: a container's DNS is fixed when it is created (a change would restart it).
  const config = YAML.parse(readFileSync(configFile, 'utf8'));
  for (const vnic of config.runtimes.flatMap((r: any) => r.vnics)) {
    for (const field of ['ip', 'gateway']) if (vnic[field]) vnic[field] = vnic[field].replace(`${PREFIX}.`, `${MOVED}.`);
  }
  writeFileSync(configFile, YAML.stringify(config));
  const moved = await edgenet(['apply', '--auto-approve', ...args()]);
  expect(moved.stderr).not.toMatch(/Error|warning/);
  expect(moved.exitCode).toBe(0);
  expect(await identities()).toEqual(before);
  for (const r of RUNTIMES) {
    const c = await docker.get(`/containers/${r.name}/json`);
    expect(c.NetworkSettings.Networks[`macvlan_${lan.parent}_${MOVED}.0_24`]?.IPAddress).toBe(`${MOVED}.${r.host}`);
    expect(await reaches(r.name, lan.maindb)).toBe(true);
  }
  expect((await edgenet(['plan', ...args()])).stdout).toContain('No changes.');
});

test('destroy removes what was adopted', async () => {
  expect((await edgenet(['destroy', '--auto-approve', ...args()])).exitCode).toBe(0);
  for (const r of RUNTIMES) expect(await docker.getOrUndefined(`/containers/${r.name}/json`)).toBeUndefined();
});
