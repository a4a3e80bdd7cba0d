import { validateConfig } from '../../../lib/core/config/validate';
import { plain, problemsOf, runtime } from '../../helpers';

const vnic = (extra: Record<string, unknown>) => ({ name: 'lan', parent_interface: 'eth0', ...extra });
const oneVnic = (extra: Record<string, unknown>) => ({ runtimes: [runtime('rt1', { vnics: [vnic(extra)] })] });

describe('config validation', () => {
  test.each([
    [
      'fails when parent_subnet is not a CIDR',
      oneVnic({ parent_subnet: '192.168.1.0' }),
      '$.runtimes[0].vnics[0].parent_subnet: is not an IPv4 subnet in network form, got "192.168.1.0"',
    ],
    [
      'fails when parent_subnet has host bits set',
      oneVnic({ parent_subnet: '192.168.1.5/24' }),
      'expected the network address form 192.168.1.0/24',
    ],
    [
      'fails when ip is not an IPv4 address',
      oneVnic({ network_mode: 'static', ip: '192.168.1.300' }),
      '$.runtimes[0].vnics[0].ip: is not an IPv4 address, got "192.168.1.300"',
    ],
    [
      'fails when mac_address is not a MAC',
      oneVnic({ mac_address: '02:42:zz:00:00:01' }),
      '$.runtimes[0].vnics[0].mac_address: is not a MAC address',
    ],
    ['fails when mac_address is multicast', oneVnic({ mac_address: '01:00:5e:00:00:01' }), 'is a multicast MAC'],
    ['fails when mac_address is all zero', oneVnic({ mac_address: '00:00:00:00:00:00' }), 'is the all-zero MAC'],
    [
      'fails when ip is outside parent_subnet',
      oneVnic({ network_mode: 'static', parent_subnet: '10.0.0.0/24', ip: '10.0.1.5' }),
      '$.runtimes[0].vnics[0].ip: is outside the subnet 10.0.0.0/24, got "10.0.1.5"',
    ],
    [
      'fails when ip is the network address',
      oneVnic({ network_mode: 'static', parent_subnet: '10.0.0.0/24', ip: '10.0.0.0' }),
      'is the network address of 10.0.0.0/24',
    ],
    [
      'fails when ip is the broadcast address',
      oneVnic({ network_mode: 'static', parent_subnet: '10.0.0.0/24', ip: '10.0.0.255' }),
      'is the broadcast address of 10.0.0.0/24',
    ],
    [
      'fails when ip is the gateway',
      oneVnic({ network_mode: 'static', parent_subnet: '10.0.0.0/24', parent_gateway: '10.0.0.254', ip: '10.0.0.254' }),
      'is the gateway address',
    ],
    [
      'fails when the gateway is outside the subnet',
      oneVnic({ parent_subnet: '10.0.0.0/24', parent_gateway: '10.0.1.1' }),
      '$.runtimes[0].vnics[0].parent_gateway: is outside the subnet 10.0.0.0/24, got "10.0.1.1"',
    ],
    [
      'fails when static has no ip',
      oneVnic({ network_mode: 'static' }),
      '$.runtimes[0].vnics[0].ip: is required when network_mode is static',
    ],
    [
      'fails when ip is given in auto mode',
      oneVnic({ network_mode: 'auto', ip: '192.168.1.9' }),
      'is only allowed with network_mode static (this vNIC is auto)',
    ],
    [
      'fails when ip is given in dhcp mode',
      oneVnic({ network_mode: 'dhcp', ip: '192.168.1.9' }),
      'is only allowed with network_mode static (this vNIC is dhcp)',
    ],
    [
      'fails when network_mode is unknown',
      oneVnic({ network_mode: 'bridged' }),
      '$.runtimes[0].vnics[0].network_mode: is not valid, got "bridged"; expected one of static, auto, dhcp',
    ],
    [
      'fails when a field is misspelt',
      oneVnic({ parent_interfce: 'eth0' }),
      '$.runtimes[0].vnics[0].parent_interfce: is not a known field, got "parent_interfce"; expected did you mean "parent_interface"?',
    ],
    ['fails when a top-level field is unknown', { runtimes: [], stacks: 'x' }, '$.stacks: is not a known field'],
    [
      'fails when runtime names repeat',
      { runtimes: [runtime('ra'), runtime('ra')] },
      '$.runtimes[1].name: duplicates the runtime at $.runtimes[0], got "ra"',
    ],
    [
      'fails when vNIC names repeat in a runtime',
      { runtimes: [runtime('ra', { vnics: [vnic({}), vnic({ parent_interface: 'eth1' })] })] },
      '$.runtimes[0].vnics[1].name: duplicates another vNIC of runtime ra',
    ],
    [
      'fails when static ips repeat across runtimes',
      {
        runtimes: [
          runtime('ra', { vnics: [vnic({ network_mode: 'static', ip: '192.168.1.5' })] }),
          runtime('rb', { vnics: [vnic({ network_mode: 'static', ip: '192.168.1.5' })] }),
        ],
      },
      '$.runtimes[1].vnics[0].ip: is also the static ip of $.runtimes[0].vnics[0]',
    ],
    [
      'fails when MACs repeat across runtimes',
      {
        runtimes: [
          runtime('ra', { vnics: [vnic({ mac_address: '02:00:00:00:00:01' })] }),
          runtime('rb', { vnics: [vnic({ mac_address: '02:00:00:00:00:01' })] }),
        ],
      },
      '$.runtimes[1].vnics[0].mac_address: is also the MAC of $.runtimes[0].vnics[0]',
    ],
    [
      'fails when the profile is unknown',
      { profiles: { plc: {} }, runtimes: [runtime('ra', { profile: 'pcl' })] },
      '$.runtimes[0].profile: names no profile, got "pcl"; expected one of plc',
    ],
    [
      'fails when an isolated runtime has vNICs',
      { runtimes: [runtime('ra', { isolated: true, vnics: [vnic({})] })] },
      '$.runtimes[0].vnics: gives LAN vNICs to an isolated runtime',
    ],
    ['fails when an image is missing', { runtimes: [{ name: 'a' }] }, '$.runtimes[0].image: is required (here or in the profile)'],
    [
      'fails when a port is out of range',
      { runtimes: [runtime('ra', { ports: [{ internal: 70000 }] })] },
      '$.runtimes[0].ports[0].internal: is not a port number, got 70000',
    ],
    [
      'fails when two runtimes publish one host port',
      { runtimes: [runtime('ra', { ports: [{ internal: 80 }] }), runtime('rb', { ports: [{ internal: 81, external: 80 }] })] },
      '$.runtimes[1].ports[0].external: is already published by $.runtimes[0].ports',
    ],
    ['fails when runtimes is not a list', { runtimes: { a: 1 } }, '$.runtimes: is not a list'],
    [
      'fails when a command argument is not a string',
      { runtimes: [runtime('ra', { command: ['sleep', []] })] },
      '$.runtimes[0].command[1]: is not a string, got []; expected a string, e.g. sleep',
    ],
    [
      'fails when a profile name spans lines, and does not offer it',
      { profiles: { 'a\nb': {} }, runtimes: [runtime('ra', { profile: 'x' })] },
      '$.runtimes[0].profile: names no profile, got "x"; expected a profile defined under profiles (none are)',
    ],
    ['fails when a dns entry is not an address', oneVnic({ dns: ['dns.local'] }), '$.runtimes[0].vnics[0].dns[0]: is not an IPv4 address'],
    ['fails when a runtime name is not a valid Docker name', { runtimes: [runtime('a b')] }, '$.runtimes[0].name: is not valid, got "a b"'],
    ['fails when docker_host is not a URL', { docker_host: '/var/run/docker.sock', runtimes: [] }, '$.docker_host: is not valid'],
  ])('%s', (_name, raw, expected) => {
    expect(problemsOf(() => validateConfig(raw)).join('\n')).toContain(expected);
  });

  test('fails with every problem at once, not just the first', () => {
    const problems = problemsOf(() =>
      validateConfig({ runtimes: [runtime('ra', { vnics: [vnic({ network_mode: 'static', mac_address: 'x' })] }), runtime('ra')] }),
    );
    expect(problems).toHaveLength(3);
  });

  test('fails when a vNIC without a name is reported more than once', () => {
    const raw = {
      profiles: { plc: { vnics: [{ parent_interface: 'eth0' }] } },
      runtimes: [runtime('ra', { vnics: [{ parent_interface: 'eth0' }] }), runtime('rb', { profile: 'plc' })],
    };
    expect(problemsOf(() => validateConfig(raw))).toEqual([
      expect.stringMatching(/^\$\.profiles\.plc\.vnics\[0\]\.name: is required, got nothing; expected /),
      expect.stringMatching(/^\$\.runtimes\[0\]\.vnics\[0\]\.name: is required, got nothing; expected /),
    ]);
  });

  test('a profile-level vNIC error points at the profile', () => {
    const raw = { profiles: { plc: { vnics: [{ name: 'lan', network_mode: 'static' }] } }, runtimes: [runtime('ra', { profile: 'plc' })] };
    expect(problemsOf(() => validateConfig(raw))).toContain(
      '$.profiles.plc.vnics[0].ip: is required when network_mode is static, got nothing; expected an IPv4 address in the parent subnet',
    );
  });
});

describe('profile merge', () => {
  test('runtime fields override the profile, vnic_defaults merge field by field', () => {
    const valid = validateConfig({
      profiles: { plc: { image: 'openplc/runtime:3', command: ['run'], vnic_defaults: { network_mode: 'auto', dns: ['1.1.1.1'] } } },
      runtimes: [
        {
          name: 'rt1',
          profile: 'plc',
          image: 'local/busybox:latest',
          vnic_defaults: { parent_interface: 'eth0' },
          vnics: [{ name: 'lan', dns: ['192.168.1.1'] }],
        },
      ],
    });
    const rt = valid.runtimes[0];
    expect(rt.image).toBe('local/busybox:latest');
    expect(rt.command).toEqual(['run']);
    expect(plain(rt.vnics[0])).toMatchObject({ mode: 'auto', parentInterface: 'eth0', dns: ['192.168.1.1'] });
  });

  test('defaults: one host, stack edge, the engine left to the environment, local state, auto mode, unless-stopped', () => {
    const valid = validateConfig({ runtimes: [runtime('ra', { vnics: [{ name: 'lan' }] })] });
    expect(valid.hosts).toEqual([
      {
        name: 'edge',
        stack: 'edge',
        connection: { sshOpts: [] },
        state: { backend: 'local', options: { path: '../../../terraform.edge.tfstate' } },
      },
    ]);
    expect(valid.runtimes[0].vnics[0].mode).toBe('auto');
    expect(valid.runtimes[0].restart).toBe('unless-stopped');
  });
});

describe('config validation: names JavaScript gives every object', () => {
  test.each([
    ['a profile', { profiles: JSON.parse('{"__proto__": {"image": "a/b"}}'), runtimes: [] }, '$.profiles.__proto__'],
    ['a host', { hosts: { constructor: {} }, runtimes: [] }, '$.hosts.constructor'],
    ['a LAN', { lans: { toString: {} }, runtimes: [] }, '$.lans.toString'],
    ['a variable', { runtimes: [runtime('ra', { env: JSON.parse('{"__proto__": "x"}') })] }, '$.runtimes[0].env.__proto__'],
    ['a field', JSON.parse('{"__proto__": {"stack": "x"}, "runtimes": []}'), '$.__proto__'],
  ])('fails when %s is named like one, with its path, even where the schema would drop it', (_what, raw, path) => {
    const key = path.slice(path.lastIndexOf('.') + 1);
    expect(problemsOf(() => validateConfig(raw))).toEqual([
      `${path}: is a name JavaScript reserves on every object, got "${key}"; expected another name`,
    ]);
  });

  test('fails when a runtime is named like one, once', () => {
    expect(problemsOf(() => validateConfig({ runtimes: [runtime('__proto__'), runtime('valueOf')] }))).toEqual([
      '$.runtimes[0].name: is not valid, got "__proto__"; expected a container name matching /^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,62}$/',
      '$.runtimes[1].name: is a name JavaScript reserves on every object, got "valueOf"; expected another name (a container name matching /^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,62}$/)',
    ]);
  });
});

describe('config validation: size of the input', () => {
  test('fails when the config nests deeper than the limit, before any rule walks it', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(problemsOf(() => validateConfig({ runtimes: deep }))[0]).toMatch(
      /^\$\.runtimes(\[0\]){31}: nests too deeply, got more than 32 levels/,
    );
  });
});

describe('config validation: container names', () => {
  const dhcp = (name: string) => ({ name, parent_interface: 'eth0', network_mode: 'dhcp' });
  const expected = 'expected a container name no other container of the stack has';

  test.each([
    [
      "fails when a runtime takes the name of another runtime's DHCP client",
      { runtimes: [runtime('ra', { vnics: [dhcp('lan')] }), runtime('ra_dhcp_lan')] },
      `$.runtimes[1].name: takes the container name of the DHCP client of runtime ra's vNIC lan, got "ra_dhcp_lan"; ${expected}`,
    ],
    [
      'fails when a DHCP client would take the name of an earlier runtime',
      { runtimes: [runtime('ra_dhcp_lan'), runtime('ra', { vnics: [dhcp('lan')] })] },
      `$.runtimes[1].vnics[0].name: gives its DHCP client the container name of the runtime at $.runtimes[0], got "ra_dhcp_lan"; ${expected}`,
    ],
    [
      'fails when two DHCP clients would share a name',
      { runtimes: [runtime('ra', { vnics: [dhcp('b_dhcp_c')] }), runtime('ra_dhcp_b', { vnics: [dhcp('c')] })] },
      `$.runtimes[1].vnics[0].name: gives its DHCP client the container name of the DHCP client of runtime ra's vNIC b_dhcp_c, got "ra_dhcp_b_dhcp_c"; ${expected}`,
    ],
    [
      'fails when a runtime takes the name of the manager container',
      { manager: { container: 'agent' }, runtimes: [runtime('agent')] },
      `$.runtimes[0].name: takes the container name of the manager container, got "agent"; ${expected}`,
    ],
    [
      "fails when the manager is edgenet's own netmon container",
      { netmon: { image: 'local/edgenet:1' }, manager: { container: 'edgenet_netmon' }, runtimes: [] },
      `$.manager.container: takes the container name of edgenet's netmon container, got "edgenet_netmon"; ${expected}`,
    ],
  ])('%s', (_name, raw, line) => {
    expect(problemsOf(() => validateConfig(raw))).toEqual([`${line} (a dhcp vNIC's client is <runtime>_dhcp_<vnic>)`]);
  });

  test('a DHCP client is named only for dhcp vNICs: an auto vNIC leaves the name free', () => {
    expect(() =>
      validateConfig({ runtimes: [runtime('ra', { vnics: [{ name: 'lan', network_mode: 'auto' }] }), runtime('ra_dhcp_lan')] }),
    ).not.toThrow();
  });
});

describe('manager and LAN options', () => {
  const pool = (value: string) => () => validateConfig({ manager: { container: 'agent', internal_pool: value }, runtimes: [] });

  test('fails when an internal pool of /8 to /24 is refused, or one wider or narrower is taken', () => {
    for (const ok of ['10.0.0.0/8', '172.31.0.0/16', '172.31.7.0/24']) expect(pool(ok)().manager?.internalPool?.toString()).toBe(ok);
    for (const bad of ['0.0.0.0/7', '172.31.7.0/25']) {
      expect(problemsOf(pool(bad))).toEqual([
        `$.manager.internal_pool: is not a pool of /24 subnets, got "${bad}"; expected a subnet of prefix length 8 to 24, e.g. 172.31.0.0/16`,
      ]);
    }
  });

  test('fails when arp_probe takes anything but a boolean', () => {
    expect(problemsOf(() => validateConfig({ lans: { eth0: { arp_probe: 'yes' } }, runtimes: [] }))).toEqual([
      '$.lans.eth0.arp_probe: is not a boolean, got "yes"; expected true or false',
    ]);
  });
});
