import { validateConfig } from '../../../lib/core/config/validate';
import { plain, problemsOf, runtime } from '../../helpers';

const NAME_EXPECTED = 'expected a name matching /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/';
const vnic = (extra: Record<string, unknown>) => ({ name: 'lan', parent_interface: 'eth0', ...extra });
const oneVnic = (extra: Record<string, unknown>) => ({ runtimes: [runtime('ra', { vnics: [vnic(extra)] })] });

describe('validateConfig: the settings a valid config carries', () => {
  test('fails when netmon without socket_dir does not get the default socket directory', () => {
    expect(validateConfig({ netmon: { image: 'local/edgenet:1' }, runtimes: [] }).netmon).toEqual({
      image: 'local/edgenet:1',
      socketDir: '/var/orchestrator',
    });
  });

  test('fails when the socket_dir netmon gives is not kept', () => {
    expect(validateConfig({ netmon: { image: 'local/edgenet:1', socket_dir: '/run/edge' }, runtimes: [] }).netmon).toEqual({
      image: 'local/edgenet:1',
      socketDir: '/run/edge',
    });
  });

  test('fails when the LAN settings are not kept by parent interface, with exclude defaulting to none', () => {
    const valid = validateConfig({
      lans: { eth0: { auto_range: '100-199', exclude: ['192.168.1.5'], driver: 'ipvlan', arp_probe: true }, eth1: {} },
      runtimes: [],
    });
    expect(plain([...valid.lans])).toEqual([
      ['eth0', { autoRange: '100-199', exclude: ['192.168.1.5'], driver: 'ipvlan', arpProbe: true }],
      ['eth1', { exclude: [], arpProbe: false }],
    ]);
  });

  test('fails when the DHCP client image is not busybox:1.36 by default', () => {
    expect(validateConfig({ runtimes: [] }).dhcpClientImage).toBe('busybox:1.36');
  });

  test('fails when the dhcp_client_image the config gives is not used', () => {
    expect(validateConfig({ dhcp_client_image: 'local/udhcpc:2', runtimes: [] }).dhcpClientImage).toBe('local/udhcpc:2');
  });

  test('fails when the manager container is not carried, or appears without a manager', () => {
    expect(validateConfig({ manager: { container: 'agent' }, runtimes: [] }).manager).toEqual({ container: 'agent' });
    expect(validateConfig({ runtimes: [] })).not.toHaveProperty('manager');
  });

  test('fails when a runtime without env does not get an empty environment, or its own env is not kept', () => {
    const valid = validateConfig({ runtimes: [runtime('ra'), runtime('rb', { env: { TZ: 'UTC' } })] });
    expect(valid.runtimes.map((r) => r.env)).toEqual([{}, { TZ: 'UTC' }]);
  });

  test('fails when a port does not default external to internal and protocol to tcp, or loses what it gives', () => {
    const valid = validateConfig({
      runtimes: [runtime('ra', { ports: [{ internal: 80 }, { internal: 53, external: 5353, protocol: 'udp' }] })],
    });
    expect(valid.runtimes[0].ports).toEqual([
      { internal: 80, external: 80, protocol: 'tcp' },
      { internal: 53, external: 5353, protocol: 'udp' },
    ]);
  });

  test('fails when a vNIC loses any field it gives', () => {
    const valid = validateConfig(
      oneVnic({
        parent_subnet: '192.168.1.0/24',
        parent_gateway: '192.168.1.1',
        network_mode: 'static',
        ip: '192.168.1.50',
        mac_address: '02:42:c0:a8:01:32',
        dns: ['192.168.1.1'],
        subnet: '255.255.255.0',
        gateway: '192.168.1.1',
      }),
    );
    expect(plain(valid.runtimes[0].vnics[0])).toEqual({
      name: 'lan',
      path: '$.runtimes[0].vnics[0]',
      parentInterface: 'eth0',
      parentSubnet: '192.168.1.0/24',
      parentGateway: '192.168.1.1',
      mode: 'static',
      ip: '192.168.1.50',
      mac: '02:42:c0:a8:01:32',
      dns: ['192.168.1.1'],
      subnet: { prefix: 24 },
      gateway: '192.168.1.1',
    });
  });

  test('fails when a vNIC that gives only its name carries keys for the fields it left out', () => {
    const valid = validateConfig({ runtimes: [runtime('ra', { vnics: [{ name: 'lan' }] })] });
    expect(valid.runtimes[0].vnics[0]).toStrictEqual({ name: 'lan', path: '$.runtimes[0].vnics[0]', mode: 'auto', dns: [] });
  });
});

describe('validateConfig: netmon and manager container names', () => {
  test('fails when a netmon without an image still claims its container name', () => {
    expect(
      problemsOf(() => validateConfig({ netmon: { socket_dir: '/x' }, manager: { container: 'edgenet_netmon' }, runtimes: [] })),
    ).toEqual([
      '$.netmon.image: is required, got nothing; expected an image reference Docker accepts: lowercase repository, optional registry, :tag and @digest, e.g. local/busybox:latest',
    ]);
  });

  test('fails when a manager named edgenet_netmon is refused although the config runs no netmon', () => {
    expect(validateConfig({ manager: { container: 'edgenet_netmon' }, runtimes: [] }).manager).toEqual({ container: 'edgenet_netmon' });
  });
});

describe('validateConfig: problems of LANs, profiles and runtimes', () => {
  test('fails when a LAN that is not a mapping gets more than the schema problem', () => {
    expect(problemsOf(() => validateConfig({ lans: { eth0: null }, runtimes: [] }))).toEqual([
      '$.lans.eth0: is not a mapping, got null; expected a mapping of auto_range, exclude, driver, arp_probe and host_access',
    ]);
  });

  test('fails when an unknown profile does not list the profiles there are, comma separated', () => {
    expect(problemsOf(() => validateConfig({ profiles: { plc: {}, hmi: {} }, runtimes: [runtime('ra', { profile: 'x' })] }))).toEqual([
      '$.runtimes[0].profile: names no profile, got "x"; expected one of plc, hmi',
    ]);
  });

  test("fails when a problem of the runtime's own vnics points at the profile's vnics it overrides", () => {
    const raw = {
      profiles: { plc: { vnics: [{ name: 'lan' }] } },
      runtimes: [runtime('ra', { profile: 'plc', vnics: [{ name: 'lan', network_mode: 'static' }] })],
    };
    expect(problemsOf(() => validateConfig(raw))).toEqual([
      '$.runtimes[0].vnics[0].ip: is required when network_mode is static, got nothing; expected an IPv4 address in the parent subnet',
    ]);
  });

  test('fails when an isolated runtime without vnics, or with an empty list of them, is refused', () => {
    const valid = validateConfig({ runtimes: [runtime('ra', { isolated: true }), runtime('rb', { isolated: true, vnics: [] })] });
    expect(valid.runtimes.map((r) => [r.name, r.isolated, r.vnics.length])).toEqual([
      ['ra', true, 0],
      ['rb', true, 0],
    ]);
  });

  test('fails when vNICs on an isolated runtime are not reported with how many and what is allowed', () => {
    expect(problemsOf(() => validateConfig({ runtimes: [runtime('ra', { isolated: true, vnics: [vnic({})] })] }))).toEqual([
      '$.runtimes[0].vnics: gives LAN vNICs to an isolated runtime, got "1 vNIC(s)"; expected no vnics when isolated is true (it has its internal network only)',
    ]);
  });

  test('fails when a vNIC that is not a mapping gets more than the schema problem', () => {
    expect(problemsOf(() => validateConfig({ runtimes: [runtime('ra', { vnics: ['lan'] })] }))).toEqual([
      '$.runtimes[0].vnics[0]: is not a mapping, got "lan"; expected a mapping of vNIC fields',
    ]);
  });
});

describe('validateConfig: rules between the fields of a vNIC', () => {
  test('fails when an ip outside static mode is not refused with what is allowed', () => {
    expect(problemsOf(() => validateConfig(oneVnic({ network_mode: 'auto', ip: '192.168.1.9' })))).toEqual([
      '$.runtimes[0].vnics[0].ip: is only allowed with network_mode static (this vNIC is auto), got "192.168.1.9"; expected no ip, or network_mode: static',
    ]);
  });

  test('fails when a parent_subnet too narrow for a LAN is not refused at its path', () => {
    expect(problemsOf(() => validateConfig(oneVnic({ parent_subnet: '10.0.0.0/31' })))).toEqual([
      '$.runtimes[0].vnics[0].parent_subnet: is a /31, with no room for a gateway and a host, got "10.0.0.0/31"; expected a subnet from /8 to /30',
    ]);
  });

  test('fails when subnet and gateway outside static mode are not each refused with what is allowed', () => {
    expect(problemsOf(() => validateConfig(oneVnic({ network_mode: 'dhcp', subnet: '/24', gateway: '192.168.1.1' })))).toEqual([
      '$.runtimes[0].vnics[0].subnet: is only allowed with network_mode static (this vNIC is dhcp), got "/24"; expected no subnet, or network_mode: static',
      '$.runtimes[0].vnics[0].gateway: is only allowed with network_mode static (this vNIC is dhcp), got "192.168.1.1"; expected no gateway, or network_mode: static',
    ]);
  });

  test('fails when vNICs with invalid names get more than the schema problem of each (neither is required, nor a duplicate)', () => {
    expect(problemsOf(() => validateConfig({ runtimes: [runtime('ra', { vnics: [{ name: 'a b' }, { name: 'c d' }] })] }))).toEqual([
      `$.runtimes[0].vnics[0].name: is not valid, got "a b"; ${NAME_EXPECTED}`,
      `$.runtimes[0].vnics[1].name: is not valid, got "c d"; ${NAME_EXPECTED}`,
    ]);
  });
});

describe('validateConfig: rules across runtimes and hosts', () => {
  test("fails when a host's runtime that is not a string gets more than the schema problem", () => {
    expect(problemsOf(() => validateConfig({ hosts: { a: { runtimes: [5] } }, runtimes: [runtime('ra')] }))).toEqual([
      '$.hosts.a.runtimes[0]: is not a string, got 5; expected a runtime name matching /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/',
    ]);
  });

  test('fails when a host names a runtime while none are defined, and the message does not say so', () => {
    expect(problemsOf(() => validateConfig({ hosts: { a: { runtimes: ['x'] } }, runtimes: [] }))).toEqual([
      '$.hosts.a.runtimes[0]: names no runtime, got "x"; expected one of (no runtimes are defined)',
    ]);
  });

  test('fails when one host port published over tcp and over udp counts as published twice', () => {
    const valid = validateConfig({
      runtimes: [runtime('ra', { ports: [{ internal: 80 }] }), runtime('rb', { ports: [{ internal: 80, protocol: 'udp' }] })],
    });
    expect(valid.runtimes.map((r) => r.ports)).toEqual([
      [{ internal: 80, external: 80, protocol: 'tcp' }],
      [{ internal: 80, external: 80, protocol: 'udp' }],
    ]);
  });

  test('fails when a host port published twice is not refused with what is allowed', () => {
    expect(
      problemsOf(() =>
        validateConfig({ runtimes: [runtime('ra', { ports: [{ internal: 80 }] }), runtime('rb', { ports: [{ internal: 80 }] })] }),
      ),
    ).toEqual([
      '$.runtimes[1].ports[0].external: is already published by $.runtimes[0].ports, got 80; expected each host port/protocol published once',
    ]);
  });

  test('fails when a static ip used twice is not refused with what is allowed', () => {
    const raw = {
      runtimes: [
        runtime('ra', { vnics: [vnic({ network_mode: 'static', ip: '192.168.1.5' })] }),
        runtime('rb', { vnics: [vnic({ network_mode: 'static', ip: '192.168.1.5' })] }),
      ],
    };
    expect(problemsOf(() => validateConfig(raw))).toEqual([
      '$.runtimes[1].vnics[0].ip: is also the static ip of $.runtimes[0].vnics[0], got "192.168.1.5"; expected each static ip used once',
    ]);
  });

  test('fails when the ips of two dhcp vNICs (already refused there) are also reported as a static ip used twice', () => {
    const raw = {
      runtimes: [
        runtime('ra', { vnics: [vnic({ network_mode: 'dhcp', ip: '192.168.1.5' })] }),
        runtime('rb', { vnics: [vnic({ network_mode: 'dhcp', ip: '192.168.1.5' })] }),
      ],
    };
    expect(problemsOf(() => validateConfig(raw))).toEqual([
      '$.runtimes[0].vnics[0].ip: is only allowed with network_mode static (this vNIC is dhcp), got "192.168.1.5"; expected no ip, or network_mode: static',
      '$.runtimes[1].vnics[0].ip: is only allowed with network_mode static (this vNIC is dhcp), got "192.168.1.5"; expected no ip, or network_mode: static',
    ]);
  });

  test('fails when a MAC used twice is not refused with what is allowed', () => {
    const raw = {
      runtimes: [
        runtime('ra', { vnics: [vnic({ mac_address: '02:00:00:00:00:01' })] }),
        runtime('rb', { vnics: [vnic({ mac_address: '02:00:00:00:00:01' })] }),
      ],
    };
    expect(problemsOf(() => validateConfig(raw))).toEqual([
      '$.runtimes[1].vnics[0].mac_address: is also the MAC of $.runtimes[0].vnics[0], got "02:00:00:00:00:01"; expected each MAC used once',
    ]);
  });
});
