import { applyOverride, FactsOverride, readOverride } from '../../../lib/core/facts/override';
import { InterfaceFact } from '../../../lib/core/facts/types';
import { ip, lanFacts, problemsOf, subnet } from '../../helpers';

const ALL = { NETWORK_INTERFACE: 'eth0', NETWORK_SUBNET: '192.168.1.0/24', NETWORK_GATEWAY: '192.168.1.1' };
const MISSING = 'is missing while other overrides are set';
const ALL_OR_NONE = 'expected all of NETWORK_INTERFACE, NETWORK_SUBNET, NETWORK_GATEWAY together, or none';

const override = (name: string, net = '192.168.1.0/24', gateway = '192.168.1.254'): FactsOverride => ({
  interface: name,
  subnet: subnet(net),
  gateway: ip(gateway),
});

const wlan0: InterfaceFact = {
  name: 'wlan0',
  operstate: 'DORMANT',
  type: 'wifi',
  mac: '52:54:00:aa:bb:cc',
  ipv4: [{ address: '10.9.0.2', prefixlen: 24, subnet: '10.9.0.0/24' }],
  gateway: '10.9.0.1',
};

describe('readOverride', () => {
  test('fails when an environment with none of the variables is taken as an override', () => {
    expect(readOverride({})).toBeUndefined();
    expect(readOverride({ HOME: '/root', NETWORK: 'x' })).toBeUndefined();
  });

  test('fails when variables set to the empty string count as set', () => {
    expect(readOverride({ NETWORK_INTERFACE: '', NETWORK_SUBNET: '', NETWORK_GATEWAY: '' })).toBeUndefined();
    expect(problemsOf(() => readOverride({ ...ALL, NETWORK_SUBNET: '' }))).toEqual([
      `env.NETWORK_SUBNET: ${MISSING}, got ["NETWORK_INTERFACE","NETWORK_GATEWAY"]; ${ALL_OR_NONE}`,
    ]);
  });

  test('fails when the three variables set do not give exactly that override', () => {
    const read = readOverride(ALL)!;
    expect([read.interface, read.subnet.toString(), read.gateway.toString()]).toEqual(['eth0', '192.168.1.0/24', '192.168.1.1']);
  });

  test('fails when a subnet that does not parse is not reported with what is allowed', () => {
    expect(problemsOf(() => readOverride({ ...ALL, NETWORK_SUBNET: '192.168.1.0' }))).toEqual([
      'env.NETWORK_SUBNET: is not an IPv4 subnet in network form, got "192.168.1.0"; expected a.b.c.d/n with no host bits set, e.g. 192.168.1.0/24',
    ]);
  });

  test.each([
    [
      '/31',
      '10.0.0.0/31',
      '10.0.0.1',
      [
        'env.NETWORK_SUBNET: is a /31, with no room for a gateway and a host, got "10.0.0.0/31"; expected a subnet from /8 to /30',
        'env.NETWORK_GATEWAY: is the broadcast address of 10.0.0.0/31, got "10.0.0.1"; expected a host address of 10.0.0.0/31 (not 10.0.0.0 or 10.0.0.1)',
      ],
    ],
    [
      '/7',
      '10.0.0.0/7',
      '10.0.0.1',
      ['env.NETWORK_SUBNET: is a /7, wider than any LAN, got "10.0.0.0/7"; expected a subnet from /8 to /30'],
    ],
  ])('fails when the LAN-subnet rule is not applied to an override subnet of %s', (_what, net, gateway, problems) => {
    expect(problemsOf(() => readOverride({ ...ALL, NETWORK_SUBNET: net, NETWORK_GATEWAY: gateway }))).toEqual(problems);
  });

  test('fails when the LAN-subnet bounds /8 and /30 are not accepted', () => {
    expect(readOverride({ ...ALL, NETWORK_SUBNET: '10.0.0.0/8', NETWORK_GATEWAY: '10.0.0.1' })?.subnet.prefix).toBe(8);
    expect(readOverride({ ...ALL, NETWORK_SUBNET: '10.0.0.0/30', NETWORK_GATEWAY: '10.0.0.1' })?.subnet.prefix).toBe(30);
  });

  test('fails when a gateway that does not parse is not reported with what is allowed', () => {
    expect(problemsOf(() => readOverride({ ...ALL, NETWORK_GATEWAY: '192.168.1' }))).toEqual([
      'env.NETWORK_GATEWAY: is not an IPv4 address, got "192.168.1"; expected a dotted quad, e.g. 192.168.1.1',
    ]);
  });

  test('fails when a bad subnet and a bad gateway are not both reported, in order', () => {
    expect(problemsOf(() => readOverride({ ...ALL, NETWORK_SUBNET: 'lan', NETWORK_GATEWAY: 'router' }))).toEqual([
      'env.NETWORK_SUBNET: is not an IPv4 subnet in network form, got "lan"; expected a.b.c.d/n with no host bits set, e.g. 192.168.1.0/24',
      'env.NETWORK_GATEWAY: is not an IPv4 address, got "router"; expected a dotted quad, e.g. 192.168.1.1',
    ]);
  });
});

describe('applyOverride', () => {
  test('fails when the own address is not the one inside the override subnet', () => {
    const facts = lanFacts({
      interfaces: [
        {
          name: 'eth0',
          operstate: 'UP',
          mac: null,
          ipv4: [
            { address: null, prefixlen: 24, subnet: '192.168.1.0/24' },
            { address: '10.0.0.5', prefixlen: 24, subnet: '10.0.0.0/24' },
            { address: 'garbage', prefixlen: 24, subnet: '192.168.1.0/24' },
            { address: '192.168.1.10', prefixlen: 24, subnet: '192.168.1.0/24' },
          ],
          gateway: '10.0.0.1',
        },
      ],
    });
    expect(applyOverride(facts, override('eth0')).interfaces[0].ipv4).toEqual([
      { address: '192.168.1.10', prefixlen: 24, subnet: '192.168.1.0/24' },
    ]);
  });

  test('fails when an address outside the override subnet is kept as the own address', () => {
    const facts = lanFacts();
    expect(applyOverride(facts, override('eth0', '10.0.5.0/24', '10.0.5.1')).interfaces[0].ipv4).toEqual([
      { address: null, prefixlen: 24, subnet: '10.0.5.0/24' },
    ]);
  });

  test('fails when a visible interface does not keep its operstate, type and MAC', () => {
    const facts = lanFacts({ interfaces: [wlan0] });
    expect(applyOverride(facts, override('wlan0', '10.9.0.0/24', '10.9.0.254'))).toEqual({
      interfaces: [
        {
          name: 'wlan0',
          operstate: 'DORMANT',
          type: 'wifi',
          mac: '52:54:00:aa:bb:cc',
          ipv4: [{ address: '10.9.0.2', prefixlen: 24, subnet: '10.9.0.0/24' }],
          gateway: '10.9.0.254',
        },
      ],
      default_interface: 'wlan0',
      source: 'test+env',
      detected_at: '2026-11-22T00:00:00.000Z',
    });
  });

  test('fails when an interface not visible here is not UNKNOWN, typed by its name and without a MAC', () => {
    const facts = lanFacts({ interfaces: [], default_interface: null });
    expect(applyOverride(facts, override('ens192', '172.16.0.0/16', '172.16.0.1'))).toEqual({
      interfaces: [
        {
          name: 'ens192',
          operstate: 'UNKNOWN',
          type: 'ethernet',
          mac: null,
          ipv4: [{ address: null, prefixlen: 16, subnet: '172.16.0.0/16' }],
          gateway: '172.16.0.1',
        },
      ],
      default_interface: 'ens192',
      source: 'env',
      detected_at: '2026-11-22T00:00:00.000Z',
    });
  });

  test('fails when the other interfaces are not kept, after the overridden one, and it is not listed once', () => {
    const eth0 = lanFacts().interfaces[0];
    const facts = lanFacts({ interfaces: [wlan0, eth0] });
    const result = applyOverride(facts, override('eth0'));
    expect(result.interfaces.map((i) => [i.name, i.gateway])).toEqual([
      ['eth0', '192.168.1.254'],
      ['wlan0', '10.9.0.1'],
    ]);
    expect(result.interfaces[1]).toBe(wlan0);
  });
});
