import execa from 'execa';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { CLI, ROOT } from '../paths';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'edgenet-test-'));

describe('edgenet CLI', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    execa('node', [CLI, ...args], {
      cwd: ROOT,
      reject: false,
      env: { ...env, NETWORK_INTERFACE: '', NETWORK_SUBNET: '', NETWORK_GATEWAY: '' },
    });

  test('synth writes DIR/stacks/<stack>/cdk.tf.json, the same bytes as the library and as main.ts', async () => {
    const out = tmp();
    const result = await run(['synth', '--config', 'examples/edge.yaml', '--facts', 'examples/facts.json', '--out', out]);
    expect(result.exitCode).toBe(0);
    const file = path.join(out, 'stacks', 'edge', 'cdk.tf.json');
    expect(result.stdout.trim()).toBe(file);
    const appOut = tmp();
    const app = await execa('node', [path.join(ROOT, 'dist', 'main.js')], {
      cwd: ROOT,
      reject: false,
      env: { EDGENET_CONFIG: 'examples/edge.yaml', EDGENET_FACTS: 'examples/facts.json', CDKTF_OUTDIR: appOut },
    });
    expect(app.exitCode).toBe(0);
    expect(readFileSync(path.join(appOut, 'stacks', 'edge', 'cdk.tf.json'), 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  test('fails on bad input with one line per problem and writes nothing', async () => {
    const dir = tmp();
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'runtimes:\n  - name: ra\n    image: x\n    vnics: [{ name: lan, network_mode: static }]\n  - name: ra\n    image: x\n',
    );
    const out = path.join(dir, 'out');
    const result = await run(['synth', '--config', bad, '--facts', 'examples/facts.json', '--out', out]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      '$.runtimes[0].vnics[0].ip: is required when network_mode is static, got nothing; expected an IPv4 address in the parent subnet',
      '$.runtimes[1].name: duplicates the runtime at $.runtimes[0], got "ra"; expected runtime names unique in the stack',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  test('validate exits 0 on the example and 1 on a facts problem', async () => {
    expect((await run(['validate', '--config', 'examples/edge.yaml'])).exitCode).toBe(0);
    const facts = path.join(tmp(), 'facts.json');
    const eth0 = { name: 'eth0', ipv4: [{ address: '192.168.1.50', prefixlen: 24, subnet: '192.168.1.0/24' }], gateway: '192.168.1.1' };
    writeFileSync(facts, JSON.stringify({ interfaces: [eth0], default_interface: 'eth0', source: 'file', detected_at: '' }));
    const result = await run(['validate', '--config', 'examples/edge.yaml', '--facts', facts]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim()).toBe(
      '$.runtimes[0].vnics[0].ip: is an address of the host itself, got "192.168.1.50"; expected a free address in 192.168.1.0/24',
    );
  });

  test('validate with facts says which driver each LAN gets and why', async () => {
    const facts = path.join(tmp(), 'facts.json');
    const wlan0 = {
      name: 'wlan0',
      type: 'wifi',
      ipv4: [{ address: '192.168.1.9', prefixlen: 24, subnet: '192.168.1.0/24' }],
      gateway: null,
    };
    writeFileSync(facts, JSON.stringify({ interfaces: [wlan0], default_interface: 'wlan0', source: 'file', detected_at: '' }));
    const config = path.join(tmp(), 'edge.yaml');
    writeFileSync(config, 'runtimes: [{ name: rt1, image: local/busybox:latest, vnics: [{ name: lan }] }]\n');
    const result = await run(['validate', '--config', config, '--facts', facts]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      "lan ipvlan_wlan0_192.168.1.0_24: ipvlan, because the host facts type wlan0 wifi: an access point drops frames from MACs that never associated, so the vNICs share wlan0's MAC",
    );
  });

  test('fails when the config file does not exist, naming it', async () => {
    const result = await run(['validate', '--config', 'nope.yaml']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('nope.yaml: cannot read config file');
  });

  test('fails on an unknown command or option', async () => {
    expect((await run(['frobnicate'])).exitCode).toBe(1);
    expect((await run(['synth', '--confg', 'x'])).stderr).toContain("Unknown option '--confg'");
  });

  test('facts shows each interface type, in the table and in JSON', async () => {
    const json = await run(['facts', '--json', '--proc-root', '__tests__/fixtures/proc-wifi']);
    expect(JSON.parse(json.stdout).interfaces.map((i: { type: string }) => i.type)).toEqual(['ethernet', 'wifi', 'wifi', 'wifi']);
    const table = await run(['facts', '--proc-root', '__tests__/fixtures/proc-wifi']);
    expect(table.stdout).toMatch(/^ {2}wifi0 +wifi +UP +192\.168\.50\.7 in 192\.168\.50\.0\/24; gateway \(none\)$/m);
    expect(table.stdout).toMatch(/^ {2}eth0 +ethernet +UP /m);
  });

  test('fails when a --proc-root file is malformed: exit 1, one line naming the file, no stack', async () => {
    const root = tmp();
    cpSync(path.join(ROOT, '__tests__/fixtures/proc-multi'), root, { recursive: true });
    writeFileSync(path.join(root, 'ip-addr.json'), '[{"ifindex": "one", "ifname": "eth0"}]');
    const result = await run(['facts', '--proc-root', root]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim()).toBe(
      `${path.join(root, 'ip-addr.json')}: [0].ifindex: is not an interface index, got "one"; expected an integer >= 1`,
    );
  });

  test('fails when a facts file holds nulls and wrong types: one line per problem, exit 1', async () => {
    const facts = path.join(tmp(), 'facts.json');
    writeFileSync(facts, JSON.stringify({ interfaces: [null, { name: 'eth0', operstate: 5, ipv4: [{ subnet: null }] }], source: [] }));
    const result = await run(['validate', '--config', 'examples/edge.yaml', '--facts', facts]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'facts.interfaces[0]: is not an object, got null; expected an object with name, operstate, type, mac, ipv4, gateway',
      'facts.interfaces[1].operstate: is not a string, got 5; expected UP, DOWN, UNKNOWN, ...',
      'facts.interfaces[1].ipv4[0].subnet: is not an IPv4 subnet, got null; expected a.b.c.d/n in network form',
      'facts.source: is not a string, got []; expected proc, env, file, netmon, ...',
    ]);
  });

  test('facts --proc-root reads fixtures and honours a partial override as an error', async () => {
    const ok = await run(['facts', '--json', '--proc-root', '__tests__/fixtures/proc-multi']);
    expect(JSON.parse(ok.stdout).default_interface).toBe('eth1');
    const partial = await execa('node', [CLI, 'facts', '--proc-root', '__tests__/fixtures/proc-multi'], {
      cwd: ROOT,
      reject: false,
      env: { NETWORK_INTERFACE: 'eth0' },
    });
    expect(partial.exitCode).toBe(1);
    expect(partial.stderr).toContain('env.NETWORK_SUBNET: is missing while other overrides are set');
  });
});

describe('edgenet CLI: changing a host', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    execa('node', [CLI, ...args], {
      cwd: ROOT,
      reject: false,
      env: { ...env, NETWORK_INTERFACE: '', NETWORK_SUBNET: '', NETWORK_GATEWAY: '' },
    });

  test.each(['apply', 'destroy'])('%s fails without a terminal or --auto-approve, names the flag and changes nothing', async (command) => {
    const out = mkdtempSync(path.join(tmpdir(), 'edgenet-refuse-'));
    const result = await run([command, '--config', 'examples/edge.yaml', '--facts', 'examples/facts.json', '--out', out]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`edgenet ${command}: refusing to change a host without confirmation`);
    expect(result.stderr).toContain('--auto-approve');
    expect(readdirSync(out)).toEqual([]);
  });

  test('fails when a tcp:// engine has no facts, saying how to give them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-tcp-'));
    const config = path.join(dir, 'edge.yaml');
    writeFileSync(config, 'docker_host: tcp://192.0.2.10:2376\nruntimes: [{ name: rt1, image: x }]\n');
    const result = await run(['synth', '--config', config, '--out', path.join(dir, 'out')]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("host edge: the engine at tcp://192.0.2.10:2376 cannot report the host's interfaces; give its facts");
  });

  test('fails when --facts would be used for several hosts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-fleet-'));
    const config = path.join(dir, 'fleet.yaml');
    writeFileSync(config, 'hosts: { a: {}, b: {} }\nruntimes: [{ name: rt1, image: x }]\n');
    const result = await run(['synth', '--config', config, '--facts', 'examples/facts.json', '--out', path.join(dir, 'out')]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("names one host's facts, but the config has several hosts (a, b); add --host NAME");
  });

  test('synth writes one stack per host, each with its own facts file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-fleet-'));
    const config = path.join(dir, 'fleet.yaml');
    writeFileSync(path.join(dir, 'facts.json'), readFileSync(path.join(ROOT, 'examples', 'facts.json')));
    writeFileSync(
      config,
      'hosts: { a: { facts: facts.json }, b: { facts: facts.json, runtimes: [rt2] } }\nruntimes: [{ name: rt1, image: x }, { name: rt2, image: x }]\n',
    );
    const out = path.join(dir, 'out');
    const result = await run(['synth', '--config', config, '--out', out]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      path.join(out, 'stacks', 'a', 'cdk.tf.json'),
      path.join(out, 'stacks', 'b', 'cdk.tf.json'),
    ]);
    const names = (stack: string) =>
      Object.values<any>(JSON.parse(readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8')).resource.docker_container).map(
        (c) => c.name,
      );
    expect([names('a'), names('b')]).toEqual([['rt1', 'rt2'], ['rt2']]);
  });
});

test('validate names a stranded static vNIC by runtime and vNIC, with its address and the new subnet', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-stranded-'));
  const facts = JSON.parse(readFileSync(path.join(ROOT, 'examples', 'facts.json'), 'utf8'));
  facts.interfaces[0] = {
    ...facts.interfaces[0],
    ipv4: [{ address: '10.0.5.10', prefixlen: 24, subnet: '10.0.5.0/24' }],
    gateway: '10.0.5.1',
  };
  writeFileSync(path.join(dir, 'facts.json'), JSON.stringify(facts));
  writeFileSync(
    path.join(dir, 'edge.yaml'),
    'runtimes:\n  - { name: rt1, image: x, vnics: [{ name: lan, parent_interface: eth0, network_mode: static, ip: 192.168.1.50 }] }\n',
  );
  const result = await execa('node', [CLI, 'validate', '--config', path.join(dir, 'edge.yaml'), '--facts', path.join(dir, 'facts.json')], {
    reject: false,
    env: { NETWORK_INTERFACE: '', NETWORK_SUBNET: '', NETWORK_GATEWAY: '' },
  });
  expect(result.exitCode).toBe(0);
  expect(result.stderr).toBe(
    'warning: runtime rt1 vNIC lan: static 192.168.1.50 is outside the subnet 10.0.5.0/24; detached until its LAN comes back',
  );
});
