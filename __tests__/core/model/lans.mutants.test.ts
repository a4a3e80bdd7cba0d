import { InterfaceFact } from '../../../lib/core/facts/types';
import { resolveModel } from '../../../lib/core/model/resolve';
import { config, lanFacts, plain, problemsOf, runtime } from '../../helpers';

const lan = (extra: Record<string, unknown> = {}) => ({ name: 'lan', ...extra });
const eth0 = (over: Partial<InterfaceFact>): InterfaceFact => ({ ...lanFacts().interfaces[0], ...over });

/** A host with two interfaces whose names make one construct id: eth0.1 and eth0-1. */
const twinFacts = () =>
  lanFacts({
    interfaces: [
      eth0({ name: 'eth0.1', mac: null, ipv4: [{ address: '10.1.0.10', prefixlen: 24, subnet: '10.1.0.0/24' }], gateway: '10.1.0.1' }),
      eth0({ name: 'eth0-1', mac: null, ipv4: [{ address: '10.2.0.10', prefixlen: 24, subnet: '10.2.0.0/24' }], gateway: '10.2.0.1' }),
    ],
  });

describe('LAN networks', () => {
  test('fails when a detected /31 is accepted as a LAN: the problem names parent_interface, the subnet and the allowed prefixes', () => {
    const facts = lanFacts({
      interfaces: [eth0({ ipv4: [{ address: '192.168.1.0', prefixlen: 31, subnet: '192.168.1.0/31' }], gateway: null })],
    });
    expect(problemsOf(() => resolveModel(config([runtime('ra', { vnics: [lan()] })]), facts))).toEqual([
      '$.runtimes[0].vnics[0].parent_interface: is a /31, with no room for a gateway and a host, got "192.168.1.0/31"; expected a subnet from /8 to /30',
    ]);
  });

  test('fails when a pinned /31 parent_subnet is accepted as a LAN: the problem names parent_subnet', () => {
    expect(problemsOf(() => resolveModel(config([runtime('ra', { vnics: [lan({ parent_subnet: '10.9.0.0/31' })] })]), lanFacts()))).toEqual(
      [
        '$.runtimes[0].vnics[0].parent_subnet: is a /31, with no room for a gateway and a host, got "10.9.0.0/31"; expected a subnet from /8 to /30',
      ],
    );
  });

  test('fails when a detected gateway on the network address is used: the problem blames the host facts, not the config', () => {
    const facts = lanFacts({ interfaces: [eth0({ gateway: '192.168.1.0' })] });
    expect(problemsOf(() => resolveModel(config([runtime('ra', { vnics: [lan()] })]), facts))).toEqual([
      '$.runtimes[0].vnics[0].parent_interface: has the gateway 192.168.1.0 in the host facts, which is the network address of 192.168.1.0/24, got "eth0"; expected facts with a usable gateway, or parent_gateway',
    ]);
  });

  test('fails when a declared parent_gateway on the broadcast address is used: the problem names parent_gateway', () => {
    expect(
      problemsOf(() => resolveModel(config([runtime('ra', { vnics: [lan({ parent_gateway: '192.168.1.255' })] })]), lanFacts())),
    ).toEqual([
      '$.runtimes[0].vnics[0].parent_gateway: is the broadcast address of 192.168.1.0/24, got "192.168.1.255"; expected a host address of 192.168.1.0/24 (not 192.168.1.0 or 192.168.1.255)',
    ]);
  });

  test('fails when vNICs that declare the same gateway are reported as disagreeing', () => {
    const runtimes = ['ra', 'rb', 'rc'].map((n) => runtime(n, { vnics: [lan({ parent_gateway: '192.168.1.254' })] }));
    const model = resolveModel(config(runtimes), lanFacts());
    expect(model.networks.map((n) => `${n.name} ${n.gateway}`)).toEqual(['macvlan_eth0_192.168.1.0_24 192.168.1.254']);
  });

  test('fails when the networks are not listed in name order, whatever order the runtimes come in', () => {
    const runtimes = [
      runtime('ra', { vnics: [lan({ parent_interface: 'eth3', parent_subnet: '10.3.0.0/24' })] }),
      runtime('rb', { vnics: [lan({ parent_interface: 'eth2', parent_subnet: '10.2.0.0/24' })] }),
      runtime('rc', { vnics: [lan()] }),
    ];
    const names = ['macvlan_eth0_192.168.1.0_24', 'macvlan_eth2_10.2.0.0_24', 'macvlan_eth3_10.3.0.0_24'];
    expect(resolveModel(config(runtimes), lanFacts()).networks.map((n) => n.name)).toEqual(names);
    expect(resolveModel(config([...runtimes].reverse()), lanFacts()).networks.map((n) => n.name)).toEqual(names);
  });

  test('fails when a second, disjoint subnet on one parent is allowed: the problem names both vNICs and both subnets', () => {
    const runtimes = [runtime('ra', { vnics: [lan()] }), runtime('rb', { vnics: [lan({ parent_subnet: '10.9.0.0/24' })] })];
    expect(problemsOf(() => resolveModel(config(runtimes), lanFacts()))).toEqual([
      '$.runtimes[1].vnics[0]: puts a second subnet on eth0, which $.runtimes[0].vnics[0] already puts on 192.168.1.0/24, got "10.9.0.0/24"; expected one subnet per parent interface (Docker carries one macvlan network per parent): 192.168.1.0/24',
    ]);
  });

  test('fails when a second, overlapping subnet on one parent is reported without saying they overlap', () => {
    const runtimes = [runtime('ra', { vnics: [lan()] }), runtime('rb', { vnics: [lan({ parent_subnet: '192.168.1.0/25' })] })];
    expect(problemsOf(() => resolveModel(config(runtimes), lanFacts()))).toEqual([
      '$.runtimes[1].vnics[0]: puts a second subnet on eth0, which $.runtimes[0].vnics[0] already puts on 192.168.1.0/24 (they overlap), got "192.168.1.0/25"; expected one subnet per parent interface (Docker carries one macvlan network per parent): 192.168.1.0/24',
    ]);
  });

  test('fails when two interfaces that make one id (eth0.1, eth0-1) keep it both: the first in name order keeps it, the other gets its hash', () => {
    const onDot = runtime('ra', { vnics: [lan({ parent_interface: 'eth0.1' })] });
    const onDash = runtime('rb', { vnics: [lan({ parent_interface: 'eth0-1' })] });
    const expected = [
      { id: 'eth0-1', name: 'macvlan_eth0-1_10.2.0.0_24', parentInterface: 'eth0-1', subnet: '10.2.0.0/24' },
      { id: 'eth0-1_0fc5dcc2', name: 'macvlan_eth0.1_10.1.0.0_24', parentInterface: 'eth0.1', subnet: '10.1.0.0/24' },
    ];
    for (const runtimes of [
      [onDot, onDash],
      [onDash, onDot],
    ]) {
      const model = resolveModel(config(runtimes), twinFacts());
      expect(plain(model.networks)).toMatchObject(expected);
      expect(plain(model.networks).map((n: { id: string }) => n.id)).toEqual(['eth0-1', 'eth0-1_0fc5dcc2']);
    }
  });
});
