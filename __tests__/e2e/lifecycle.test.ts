import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { MANAGED_LABEL } from '../../lib/core/naming';
import { listNamespaces, NamespacedLan, removeLeftovers } from '../../scripts/testbed/lan';
import { docker, dockerCli, edgenet, ENGINE, env, linkMacs, reaches, removeDockerLeftovers } from '../../scripts/testbed/env';

/**
 * apply -> empty re-plan -> drift and heal -> subnet move -> destroy -> pool reuse,
 * against the real dockerd, engine and provider, on a LAN of network namespaces.
 * The steps build on each other, so they run in order in one file.
 */
jest.setTimeout(180_000);

const lan = new NamespacedLan(process.pid.toString(36).slice(-4));
const work = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-'));
const out = path.join(work, 'cdktf.out');
const factsFile = path.join(work, 'facts.json');
const configFile = path.join(work, 'edge.yaml');
const stackArgs = () => ['--config', configFile, '--facts', factsFile, '--out', out];

/** rt1's resolver, the LAN's first gateway: it stays when the LAN moves (a changed DNS is a new container, by the engine's rules). */
let rt1Dns: string | undefined;

function writeConfig(staticIp: string): void {
  rt1Dns ??= lan.gateway;
  writeFileSync(
    configFile,
    `stack: edge
docker_host: ${env.DOCKER_HOST}
profiles:
  plc: { image: local/busybox:latest, command: [sleep, infinity], vnic_defaults: { parent_interface: ${lan.parent} } }
runtimes:
  - name: rt1
    profile: plc
    vnics: [{ name: lan, network_mode: static, ip: ${staticIp}, dns: [${rt1Dns}] }]
  - name: rt2
    profile: plc
    vnics: [{ name: lan, network_mode: auto }]
  - name: worker
    profile: plc
    isolated: true
`,
  );
}

async function detectFacts(withDocker = false): Promise<void> {
  const args = ['facts', '--json', '--out', factsFile, ...(withDocker ? ['--docker-host', env.DOCKER_HOST] : [])];
  const result = await edgenet(args);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
}

async function ours(): Promise<{ containers: any[]; networks: any[] }> {
  const filter = encodeURIComponent(JSON.stringify({ label: [MANAGED_LABEL] }));
  return {
    containers: await docker.get<any[]>(`/containers/json?all=1&filters=${filter}`),
    networks: await docker.get<any[]>(`/networks?filters=${filter}`),
  };
}

/** The engine's network connects and disconnects since `since` (unix seconds), in the order it made them. */
async function networkEvents(since: number): Promise<{ action: string; network: string; container: string }[]> {
  const until = Math.ceil(Date.now() / 1000) + 1;
  const { stdout } = await dockerCli([
    'events',
    '--since',
    `${since}`,
    '--until',
    `${until}`,
    '--filter',
    'type=network',
    '--format',
    '{{json .}}',
  ]);
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line))
    .filter((e) => e.Action === 'connect' || e.Action === 'disconnect')
    .sort((a, b) => a.timeNano - b.timeNano)
    .map((e) => ({ action: e.Action, network: e.Actor.Attributes.name, container: e.Actor.Attributes.container }));
}

const endpoint = async (container: string, network: string) =>
  (await docker.get(`/containers/${container}/json`)).NetworkSettings.Networks[network];

beforeAll(async () => {
  await removeLeftovers();
  await removeDockerLeftovers();
  await lan.up('10.77.0');
  writeConfig('10.77.0.50');
  await detectFacts();
});

afterAll(async () => {
  await edgenet(['destroy', '--auto-approve', ...stackArgs()]);
  await dockerCli(['network', 'rm', 'legacy_lan']);
  await lan.down();
});

test('1. apply creates the topology: networks, addresses, DNS; LAN reachable, isolated runtime cut off', async () => {
  const result = await edgenet(['apply', '--auto-approve', ...stackArgs()]);
  expect(result.stderr).not.toMatch(/Error/);
  expect(result.exitCode).toBe(0);

  const macvlan = await docker.get('/networks/macvlan_' + lan.parent + '_10.77.0.0_24');
  expect(macvlan).toMatchObject({
    Driver: 'macvlan',
    Options: { parent: lan.parent },
    IPAM: { Config: [{ Subnet: '10.77.0.0/24', Gateway: '10.77.0.1' }] },
  });
  for (const rt of ['rt1', 'rt2', 'worker']) expect((await docker.get(`/networks/${rt}_internal`)).Internal).toBe(true);

  expect((await endpoint('rt1', macvlan.Name)).IPAddress).toBe('10.77.0.50');
  const rt2Ip = (await endpoint('rt2', macvlan.Name)).IPAddress;
  expect(rt2Ip).toMatch(/^10\.77\.0\.\d+$/);
  expect(['10.77.0.0', '10.77.0.1', '10.77.0.10', '10.77.0.50', '10.77.0.255']).not.toContain(rt2Ip);
  expect(Object.keys((await docker.get('/containers/worker/json')).NetworkSettings.Networks)).toEqual(['worker_internal']);
  expect((await docker.get('/containers/rt1/json')).HostConfig.Dns).toEqual(['10.77.0.1']);

  expect(await reaches('rt1', lan.maindb)).toBe(true);
  expect(await reaches('rt2', lan.maindb)).toBe(true);
  expect(await reaches('worker', lan.maindb)).toBe(false);
});

/** The MAC each runtime's LAN vNIC declares in the synthesized stack, by runtime name. */
function declaredMacs(): Map<string, string> {
  const cdkTf = JSON.parse(readFileSync(path.join(out, 'stacks', 'edge', 'cdk.tf.json'), 'utf8'));
  const names = new Map(Object.entries<any>(cdkTf.resource.docker_container).map(([id, c]) => [`\${docker_container.${id}.id}`, c.name]));
  return new Map(Object.values<any>(cdkTf.resource.edgenet_network_attachment).map((a) => [names.get(a.container), a.mac_address]));
}

/** For each runtime: the declared MAC, whether its own links hold it, and the MAC the LAN's maindb sees for its address. */
async function macsOnTheWire(network: string): Promise<Record<string, { want: string; onLink: boolean; onLan?: string }>> {
  const seen: Record<string, { want: string; onLink: boolean; onLan?: string }> = {};
  for (const rt of ['rt1', 'rt2']) {
    const want = declaredMacs().get(rt) ?? 'none declared';
    seen[rt] = {
      want,
      onLink: (await linkMacs(rt)).includes(want),
      onLan: await lan.neighbourMac((await endpoint(rt, network)).IPAddress),
    };
  }
  return seen;
}

test("1b. the MAC each vNIC declares is the MAC on the wire: on its link and in the LAN's neighbour table", async () => {
  const seen = await macsOnTheWire(`macvlan_${lan.parent}_10.77.0.0_24`);
  for (const { want, onLink, onLan } of Object.values(seen)) {
    expect(want).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect({ onLink, onLan }).toEqual({ onLink: true, onLan: want });
  }
});

test('1c. an endpoint with another MAC shows in status, drift and plan; apply puts the declared one on the wire', async () => {
  const network = `macvlan_${lan.parent}_10.77.0.0_24`;
  const want = declaredMacs().get('rt2');
  const address = (await endpoint('rt2', network)).IPAddress;
  // Reconnected by hand without the MAC: the engine chooses one (20.10 from the address, 29 at random).
  expect((await dockerCli(['network', 'disconnect', network, 'rt2'])).exitCode).toBe(0);
  expect((await dockerCli(['network', 'connect', '--ip', address, network, 'rt2'])).exitCode).toBe(0);
  const other = (await endpoint('rt2', network)).MacAddress;
  expect(other).not.toBe(want);
  expect(await linkMacs('rt2')).toContain(other);

  const status = JSON.parse((await edgenet(['status', '--json', ...stackArgs()])).stdout);
  expect(status.hosts[0].vnics.find((v: any) => v.runtime === 'rt2').mac).toBe(other);
  const drift = await edgenet(['drift', '--json', ...stackArgs()]);
  expect(drift.exitCode).toBe(2);
  expect(drift.stdout).toContain(`has MAC ${other}`);
  expect((await edgenet(['plan', ...stackArgs()])).stdout).not.toContain('No changes.');
  expect((await edgenet(['apply', '--auto-approve', ...stackArgs()])).exitCode).toBe(0);
  expect(await linkMacs('rt2')).toContain(want);
  expect(await lan.neighbourMac((await endpoint('rt2', network)).IPAddress)).toBe(want);
  expect((await edgenet(['plan', ...stackArgs()])).stdout).toContain('No changes.');
  expect((await edgenet(['drift', ...stackArgs()])).exitCode).toBe(0);
});

test('2. a plan right after apply is empty', async () => {
  const result = await edgenet(['plan', ...stackArgs()]);
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toContain('No changes.');
});

test('3a. drift: a container disconnected out of band is found, named, and healed by apply', async () => {
  const network = `macvlan_${lan.parent}_10.77.0.0_24`;
  expect((await dockerCli(['network', 'disconnect', network, 'rt2'])).exitCode).toBe(0);
  const drift = await edgenet(['drift', '--json', ...stackArgs()]);
  expect(drift.exitCode).toBe(2);
  const report = JSON.parse(drift.stdout);
  expect(report.findings).toContainEqual(
    expect.objectContaining({ source: 'engine', action: 'disconnected', detail: `container rt2 is not connected to ${network}` }),
  );
  expect((await edgenet(['apply', '--auto-approve', ...stackArgs()])).exitCode).toBe(0);
  expect((await edgenet(['drift', ...stackArgs()])).exitCode).toBe(0);
  expect(await reaches('rt2', lan.maindb)).toBe(true);
});

test('3b. drift: a removed container is reported by the refresh and healed by apply', async () => {
  expect((await dockerCli(['rm', '-f', 'rt1'])).exitCode).toBe(0);
  const drift = await edgenet(['drift', ...stackArgs()]);
  expect(drift.exitCode).toBe(2);
  expect(drift.stdout).toMatch(/docker_container\.Runtimes_rt1_Container_\w+\s+state\s+delete/);
  expect((await edgenet(['apply', '--auto-approve', ...stackArgs()])).exitCode).toBe(0);
  expect((await edgenet(['drift', ...stackArgs()])).exitCode).toBe(0);
});

test('3c. drift: a network removed out of band is reported and healed', async () => {
  await dockerCli(['rm', '-f', 'worker']);
  expect((await dockerCli(['network', 'rm', 'worker_internal'])).exitCode).toBe(0);
  const drift = await edgenet(['drift', '--json', ...stackArgs()]);
  expect(drift.exitCode).toBe(2);
  expect(JSON.parse(drift.stdout).findings.map((f: any) => f.address)).toContainEqual(
    expect.stringMatching(/^docker_network\.Runtimes_worker_Internal_/),
  );
  expect((await edgenet(['apply', '--auto-approve', ...stackArgs()])).exitCode).toBe(0);
  expect((await edgenet(['drift', ...stackArgs()])).exitCode).toBe(0);
});

test('4. subnet move: a static ip that no longer fits is stranded and named, the others move; once fixed, it moves too', async () => {
  const rt2Offset = (await endpoint('rt2', `macvlan_${lan.parent}_10.77.0.0_24`)).IPAddress.split('.')[3];
  const containerIds = () => Promise.all(['rt1', 'rt2'].map(async (name) => (await docker.get(`/containers/${name}/json`)).Id));
  // Moved, not replaced: checked after each apply; a failure shows what that apply did.
  const kept = async (apply: { stderr: string }) =>
    (await containerIds()).every((id, i) => id === ids[i]) ? 'kept' : `replaced by this apply:\n${apply.stderr}`;
  const ids = await containerIds();
  await lan.move('10.78.0');
  await detectFacts();
  const old = `macvlan_${lan.parent}_10.77.0.0_24`;
  const moved = `macvlan_${lan.parent}_10.78.0.0_24`;
  // The plan shows Terraform's order; where apply makes before it breaks, a line says so first.
  const planned = await edgenet(['plan', ...stackArgs()]);
  const firstLine = `lan ${moved}: apply moves 1 runtime(s) to it first, make before break, then ${old} goes`;
  if (ENGINE === '29') expect(planned.stdout).toContain(firstLine);
  else expect(planned.stdout).not.toContain('apply moves');
  const since = Math.floor(Date.now() / 1000) - 1;
  const stranded = await edgenet(['apply', '--auto-approve', ...stackArgs()]);
  expect(stranded.exitCode).toBe(0);
  // A plain apply moves in the order the engine allows: Engine 29 connects rt2 to the new LAN
  // before its old endpoint goes; 20.10 keeps the plan's order (it refuses a second network).
  const rt2 = ids[1];
  const events = (await networkEvents(since)).filter((e) => e.container === rt2).map((e) => `${e.action} ${e.network}`);
  const connected = events.indexOf(`connect ${moved}`);
  const disconnected = events.lastIndexOf(`disconnect ${old}`);
  expect({ connected: connected >= 0, disconnected: disconnected >= 0 }).toEqual({ connected: true, disconnected: true });
  if (ENGINE === '29') {
    expect(stranded.stderr).toMatch(
      new RegExp(`move first: ${old} -> ${moved}, 1 runtime\\(s\\) reconnected in \\d+ ms \\(make-before-break\\)`),
    );
    expect(events.indexOf(`disconnect ${old}`)).toBeGreaterThan(connected);
  } else {
    expect(stranded.stderr).not.toContain('move first');
    expect(connected).toBeGreaterThan(disconnected);
  }
  // The declared MAC answers at the new address, as the LAN sees it.
  expect(await lan.neighbourMac(`10.78.0.${rt2Offset}`)).toBe(declaredMacs().get('rt2'));
  expect(stranded.stderr).toContain(
    'warning: runtime rt1 vNIC lan: static 10.77.0.50 is outside the subnet 10.78.0.0/24; detached until its LAN comes back',
  );
  expect((await endpoint('rt2', moved)).IPAddress).toBe(`10.78.0.${rt2Offset}`);
  expect(await endpoint('rt1', moved)).toBeUndefined();
  expect(await kept(stranded)).toBe('kept');

  writeConfig('10.78.0.50');
  const applied = await edgenet(['apply', '--auto-approve', ...stackArgs()]);
  expect(applied.exitCode).toBe(0);
  const names = (await docker.get<any[]>('/networks')).map((n) => n.Name);
  expect(names).not.toContain(`macvlan_${lan.parent}_10.77.0.0_24`);
  expect(names).toContain(moved);
  expect((await endpoint('rt1', moved)).IPAddress).toBe('10.78.0.50');
  expect((await endpoint('rt2', moved)).IPAddress).toBe(`10.78.0.${rt2Offset}`);
  expect(await kept(applied)).toBe('kept');
  expect(await reaches('rt2', lan.maindb)).toBe(true);
  expect((await edgenet(['plan', ...stackArgs()])).stdout).toContain('No changes.');
});

test('6. destroy leaves no container or network of ours', async () => {
  expect((await edgenet(['destroy', '--auto-approve', ...stackArgs()])).exitCode).toBe(0);
  expect(await ours()).toEqual({ containers: [], networks: [] });
});

test('5. pool overlap: a macvlan network made outside edgenet on the same parent and subnet is reused', async () => {
  expect(
    (
      await dockerCli([
        'network',
        'create',
        '-d',
        'macvlan',
        '--subnet',
        lan.subnet,
        '--gateway',
        lan.gateway,
        '-o',
        `parent=${lan.parent}`,
        'legacy_lan',
      ])
    ).exitCode,
  ).toBe(0);
  await detectFacts(true);
  const applied = await edgenet(['apply', '--auto-approve', ...stackArgs()]);
  expect(applied.stderr).not.toMatch(/Pool overlaps/);
  expect(applied.exitCode).toBe(0);
  const macvlans = (await docker.get<any[]>('/networks')).filter((n) => n.Driver === 'macvlan').map((n) => n.Name);
  expect(macvlans).toEqual(['legacy_lan']);
  expect((await endpoint('rt1', 'legacy_lan')).IPAddress).toBe('10.78.0.50');
  expect(await reaches('rt1', lan.maindb)).toBe(true);
  expect((await edgenet(['destroy', '--auto-approve', ...stackArgs()])).exitCode).toBe(0);
  expect(await ours()).toEqual({ containers: [], networks: [] });
  expect((await docker.get('/networks/legacy_lan')).Name).toBe('legacy_lan');
});

test("cleanup check: this suite's namespaces exist only while it runs", async () => {
  expect((await listNamespaces()).sort()).toEqual([lan.lanNs, lan.dbNs].sort());
});
