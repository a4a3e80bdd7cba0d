import { cpSync, mkdtempSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { detectFacts } from '../../../lib/host/facts/detect';
import { checkFacts } from '../../../lib/core/facts/check';
import { applyOverride, readOverride } from '../../../lib/core/facts/override';
import { parseProcNetRoute } from '../../../lib/core/facts/proc';
import { problemsOf } from '../../helpers';
import { FIXTURES } from '../../paths';

const fixture = (name: string) => path.join(FIXTURES, name);
const now = () => new Date('2026-11-22T12:00:00Z');

describe('detectFacts from fixture /proc files', () => {
  test('several interfaces: the default route with a private address wins; container plumbing is skipped', async () => {
    const facts = await detectFacts({ procRoot: fixture('proc-multi'), env: {}, now });
    expect(facts.interfaces.map((i) => i.name)).toEqual(['eth0', 'eth1']);
    expect(facts.default_interface).toBe('eth1');
    expect(facts.interfaces[1]).toEqual({
      name: 'eth1',
      operstate: 'UP',
      type: 'ethernet',
      mac: '52:54:00:00:00:02',
      gateway: '10.0.0.254',
      ipv4: [{ address: '10.0.0.7', prefixlen: 24, subnet: '10.0.0.0/24' }],
    });
    expect(facts.detected_at).toBe('2026-11-22T12:00:00.000Z');
  });

  test('no default route: the first private interface, gateway null', async () => {
    const facts = await detectFacts({ procRoot: fixture('proc-nodefault'), env: {}, now });
    expect(facts.default_interface).toBe('ens4');
    expect(facts.interfaces.find((i) => i.name === 'ens4')!.gateway).toBeNull();
  });

  test('only non-private addresses: no default interface', async () => {
    const facts = await detectFacts({ procRoot: fixture('proc-public'), env: {}, now });
    expect(facts.default_interface).toBeNull();
    expect(facts.interfaces[0].gateway).toBe('192.0.2.1');
  });

  test('Wi-Fi: sysfs says so under --proc-root (wireless or phy80211), else the name does; the rest is Ethernet', async () => {
    const facts = await detectFacts({ procRoot: fixture('proc-wifi'), env: {}, now });
    expect(facts.interfaces.map((i) => [i.name, i.type])).toEqual([
      ['eth0', 'ethernet'],
      ['wifi0', 'wifi'],
      ['ath1', 'wifi'],
      ['wlx001122334455', 'wifi'],
    ]);
  });

  test('a --proc-root without sys/ leaves the type to the name', async () => {
    const facts = await detectFacts({ procRoot: fixture('proc-multi'), env: {}, now });
    expect(facts.interfaces.every((i) => i.type === 'ethernet')).toBe(true);
  });

  test('an override of an interface not visible here takes its type from its name', async () => {
    const env = { NETWORK_INTERFACE: 'wlp2s0', NETWORK_SUBNET: '172.16.0.0/16', NETWORK_GATEWAY: '172.16.0.1' };
    const facts = await detectFacts({ procRoot: fixture('proc-multi'), env, now });
    expect(facts.interfaces[0]).toMatchObject({ name: 'wlp2s0', type: 'wifi' });
  });

  test('an override of a visible interface keeps its detected type', async () => {
    const env = { NETWORK_INTERFACE: 'wifi0', NETWORK_SUBNET: '192.168.50.0/24', NETWORK_GATEWAY: '192.168.50.1' };
    const facts = await detectFacts({ procRoot: fixture('proc-wifi'), env, now });
    expect(facts.interfaces[0]).toMatchObject({ name: 'wifi0', type: 'wifi' });
  });

  test('all three overrides define the interface even when it is not visible', async () => {
    const env = { NETWORK_INTERFACE: 'ens192', NETWORK_SUBNET: '172.16.0.0/16', NETWORK_GATEWAY: '172.16.0.1' };
    const facts = await detectFacts({ procRoot: fixture('proc-multi'), env, now });
    expect(facts.default_interface).toBe('ens192');
    expect(facts.source).toBe('env');
    expect(facts.interfaces[0]).toMatchObject({
      name: 'ens192',
      gateway: '172.16.0.1',
      ipv4: [{ address: null, prefixlen: 16, subnet: '172.16.0.0/16' }],
    });
  });

  test('an override of a visible interface keeps its own address', () => {
    const override = readOverride({ NETWORK_INTERFACE: 'eth0', NETWORK_SUBNET: '192.168.1.0/24', NETWORK_GATEWAY: '192.168.1.254' })!;
    const facts = applyOverride(
      checkFacts({
        interfaces: [
          { name: 'eth0', ipv4: [{ address: '192.168.1.10', prefixlen: 24, subnet: '192.168.1.0/24' }], gateway: '192.168.1.1' },
        ],
        source: 'proc',
      }),
      override,
    );
    expect(facts.interfaces[0]).toMatchObject({ gateway: '192.168.1.254', ipv4: [{ address: '192.168.1.10' }] });
    expect(facts.source).toBe('proc+env');
  });

  test('fails when only some overrides are set', () => {
    expect(problemsOf(() => readOverride({ NETWORK_INTERFACE: 'eth0', NETWORK_SUBNET: '10.0.0.0/24' }))).toEqual([
      'env.NETWORK_GATEWAY: is missing while other overrides are set, got ["NETWORK_INTERFACE","NETWORK_SUBNET"]; expected all of NETWORK_INTERFACE, NETWORK_SUBNET, NETWORK_GATEWAY together, or none',
    ]);
  });

  test('fails when the override gateway is outside the override subnet', () => {
    expect(
      problemsOf(() => readOverride({ NETWORK_INTERFACE: 'eth0', NETWORK_SUBNET: '10.0.0.0/24', NETWORK_GATEWAY: '10.0.1.1' })).join(),
    ).toContain('env.NETWORK_GATEWAY: is outside the subnet 10.0.0.0/24');
  });

  test.each([
    ['lo', 'is the loopback interface, which cannot carry macvlan, got "lo"; expected a physical or virtual Ethernet interface, e.g. eth0'],
    ['eth0:1', 'is not an interface name, got "eth0:1"; expected a Linux interface name of 1 to 15 characters, without a colon'],
  ])('fails when the override interface cannot carry macvlan: %s', (iface, message) => {
    expect(
      problemsOf(() => readOverride({ NETWORK_INTERFACE: iface, NETWORK_SUBNET: '10.0.0.0/24', NETWORK_GATEWAY: '10.0.0.1' })),
    ).toEqual([`env.NETWORK_INTERFACE: ${message}`]);
  });

  test('fails when the override subnet is not a subnet', () => {
    expect(
      problemsOf(() => readOverride({ NETWORK_INTERFACE: 'eth0', NETWORK_SUBNET: '10.0.0.1/24', NETWORK_GATEWAY: '10.0.0.1' })).join(),
    ).toContain('env.NETWORK_SUBNET: is not an IPv4 subnet in network form');
  });

  /** A copy of proc-multi with one file replaced. */
  function damaged(file: string, content: string): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'edgenet-proc-'));
    cpSync(fixture('proc-multi'), root, { recursive: true });
    writeFileSync(path.join(root, file), content);
    return root;
  }

  test('fails when ip-addr.json under --proc-root is not JSON: one line naming the file', async () => {
    const root = damaged('ip-addr.json', '[{"ifname": "eth0",\n');
    await expect(detectFacts({ procRoot: root, env: {} })).rejects.toThrow(
      new RegExp(`^${path.join(root, 'ip-addr.json')}: is not JSON \\([^\\n]*\\); expected the output of ip -j addr$`),
    );
  });

  test('fails when an ip-addr.json entry is null: names the file and the entry', async () => {
    const root = damaged('ip-addr.json', '[null]');
    await expect(detectFacts({ procRoot: root, env: {} })).rejects.toThrow(
      `${path.join(root, 'ip-addr.json')}: [0]: is not an object, got null; expected a link as ip -j addr prints it`,
    );
  });

  test('fails when net/route has a garbled row: names the file and the line', async () => {
    const root = damaged('net/route', 'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\neth0\tnope\n');
    await expect(detectFacts({ procRoot: root, env: {} })).rejects.toThrow(
      `${path.join(root, 'net', 'route')}: line 2: has too few columns`,
    );
  });

  test('fails when net/dev has no header: names the file', async () => {
    const root = damaged('net/dev', 'eth0: 0 0\n');
    await expect(detectFacts({ procRoot: root, env: {} })).rejects.toThrow(
      `${path.join(root, 'net', 'dev')}: line 1: is not the interface table header`,
    );
  });

  test('fails when a fixture file is missing, naming it', async () => {
    await expect(detectFacts({ procRoot: fixture('nowhere'), env: {} })).rejects.toThrow(/nowhere\/net\/route: cannot read/);
  });

  test('route parsing decodes little-endian hex and flags', () => {
    const [route] = parseProcNetRoute(
      'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\neth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\n',
    );
    expect(route).toEqual({ iface: 'eth0', destination: 0, gateway: 0xc0a80101, flags: 3, metric: 100, mask: 0 });
  });
});
