import { InterfaceFact } from '../../../lib/core/facts/types';
import { resolveModel } from '../../../lib/core/model/resolve';
import { config, lanFacts, problemsOf, runtime } from '../../helpers';

const iface = (over: Partial<InterfaceFact>): InterfaceFact => ({ ...lanFacts().interfaces[0], mac: null, ...over });
const problemsFor = (vnic: Record<string, unknown>, interfaces: InterfaceFact[], defaultInterface: string | null = 'eth0') =>
  problemsOf(() =>
    resolveModel(
      config([runtime('ra', { vnics: [{ name: 'lan', ...vnic }] })]),
      lanFacts({ interfaces, default_interface: defaultInterface }),
    ),
  );

describe('placing a vNIC', () => {
  test('fails when a vNIC without parent_interface on a host with no default interface is refused without saying what to set', () => {
    expect(problemsFor({}, lanFacts().interfaces, null)).toEqual([
      '$.runtimes[0].vnics[0].parent_interface: is not set and the facts name no default interface, got nothing; expected an interface name, e.g. eth0',
    ]);
  });

  test('fails when a parent without IPv4 in the facts, on a host with none, is not refused as such', () => {
    expect(problemsFor({ parent_interface: 'eth0' }, [iface({ ipv4: [], gateway: null })])).toEqual([
      '$.runtimes[0].vnics[0].parent_interface: has no IPv4 subnet in the facts and parent_subnet is not set, got "eth0"; expected an interface with IPv4 in the facts, or set parent_subnet',
    ]);
  });

  test('fails when the interfaces that do have IPv4 are not listed, comma-separated, for a parent without', () => {
    const interfaces = [
      iface({ ipv4: [], gateway: null }),
      iface({ name: 'eth1', ipv4: [{ address: '10.1.0.10', prefixlen: 24, subnet: '10.1.0.0/24' }], gateway: '10.1.0.1' }),
      iface({ name: 'eth2', ipv4: [{ address: '10.2.0.10', prefixlen: 24, subnet: '10.2.0.0/24' }], gateway: '10.2.0.1' }),
    ];
    expect(problemsFor({}, interfaces)).toEqual([
      '$.runtimes[0].vnics[0].parent_interface: has no IPv4 subnet in the facts and parent_subnet is not set, got "eth0"; expected one of eth1, eth2, or set parent_subnet',
    ]);
  });
});
