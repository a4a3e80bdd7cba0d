import { ProblemList, ValidationError } from '../../lib/core/errors';
import { readRuntimeVnics, vnicRecords } from '../../lib/core/vnic-records';
import { lanFacts, model, runtime } from '../helpers';

/** What `readRuntimeVnics` reports, as `path: message` lines. */
function readProblems(raw: unknown): string[] {
  const problems = new ProblemList();
  readRuntimeVnics(raw, problems);
  try {
    problems.throwIfAny();
  } catch (err) {
    return (err as ValidationError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

describe('runtime_vnics.json', () => {
  test("records each runtime's vNICs as applied, in the reference agent's shape and field names, edgenet's beside; the netmon sidecar is not a runtime", () => {
    const edge = model(
      [
        runtime('rt1', {
          vnics: [
            { name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1.50', dns: ['192.168.1.1'] },
            { name: 'plant', parent_interface: 'eth1', network_mode: 'dhcp', mac_address: '02:00:00:00:00:07' },
          ],
        }),
        runtime('worker', { isolated: true }),
      ],
      {
        ...lanFacts(),
        interfaces: [
          ...lanFacts().interfaces,
          {
            name: 'eth1',
            operstate: 'UP',
            mac: null,
            ipv4: [{ address: '10.5.0.2', prefixlen: 24, subnet: '10.5.0.0/24' }],
            gateway: null,
          },
        ],
      },
      { netmon: { image: 'local/edgenet:latest' } },
    );
    expect(vnicRecords(edge)).toEqual({
      rt1: [
        {
          name: 'lan',
          parent_interface: 'eth0',
          network_mode: 'static',
          ip: '192.168.1.50',
          subnet: '192.168.1.0/24',
          gateway: '192.168.1.1',
          dns: ['192.168.1.1'],
          mac: null,
          mac_address: expect.stringMatching(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/),
          docker_network_name: 'macvlan_eth0_192.168.1.0_24',
          dhcp_ip: null,
          dhcp_gateway: null,
          dhcp_dns: null,
          addressing: 'static',
          driver: 'macvlan',
          network: 'macvlan_eth0_192.168.1.0_24',
          parent_subnet: '192.168.1.0/24',
          parent_gateway: '192.168.1.1',
        },
        expect.objectContaining({
          name: 'plant',
          network_mode: 'dhcp',
          ip: null,
          mac: '02:00:00:00:00:07',
          mac_address: '02:00:00:00:00:07',
          docker_network_name: 'macvlan_eth1_10.5.0.0_24',
        }),
      ],
      worker: [],
    });
  });

  test('an auto address is static to the reference agent, auto to edgenet; an ipvlan vNIC has no MAC of its own', () => {
    const facts = lanFacts();
    const wifi = { ...facts, interfaces: [{ ...facts.interfaces[0], name: 'wlan0', type: 'wifi' as const }], default_interface: 'wlan0' };
    const [record] = vnicRecords(model([runtime('rt1', { vnics: [{ name: 'lan' }] })], wifi)).rt1;
    expect(record).toMatchObject({ network_mode: 'static', addressing: 'auto', driver: 'ipvlan', mac: null, mac_address: null });
    expect(record.ip).toMatch(/^192\.168\.1\.\d+$/);
  });

  test("reads the reference agent's shape and edgenet's earlier one alike, passing over fields it does not use", () => {
    const problems = new ProblemList();
    const read = readRuntimeVnics(
      {
        plc1: [{ name: 'v1', parent_interface: 'ens37', network_mode: 'static', ip: '10.0.0.5', dhcp_ip: null, _interface_type: 'wifi' }],
        plc2: { vnics: [{ name: 'lan', network: 'macvlan_eth0_192.168.1.0_24', network_mode: 'auto', ip: '192.168.1.200' }] },
      },
      problems,
    );
    problems.throwIfAny();
    expect(read).toEqual([
      {
        name: 'plc1',
        path: '$.plc1',
        vnics: [{ path: '$.plc1[0]', name: 'v1', parent_interface: 'ens37', network_mode: 'static', ip: '10.0.0.5', wifi: true }],
      },
      {
        name: 'plc2',
        path: '$.plc2',
        vnics: [{ path: '$.plc2.vnics[0]', name: 'lan', network_mode: 'auto', ip: '192.168.1.200', wifi: false }],
      },
    ]);
  });

  test('fails when the file is not an object of lists of vNIC objects with string fields: one line per problem, with its path', () => {
    expect(readProblems([1])).toEqual(['$: is not an object, got [1]; expected an object of container name to its list of vNICs']);
    expect(readProblems({ 'plc-1': 'x', plc2: [7, { name: 5, dns: '1.1.1.1' }] })).toEqual([
      '$["plc-1"]: is not a list of vNICs, got "x"; expected a list of vNIC objects (or edgenet\'s earlier {"vnics": [...]})',
      '$.plc2[0]: is not a vNIC object, got 7; expected an object with name, parent_interface, network_mode, ...',
      '$.plc2[1].name: is not a string, got 5; expected a string or null',
      '$.plc2[1].dns: is not a list of strings, got "1.1.1.1"; expected a list of IPv4 addresses, or null',
    ]);
  });
});
