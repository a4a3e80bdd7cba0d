import { HostFacts, InterfaceFact } from '../../../lib/core/facts/types';
import { viewHost } from '../../../lib/core/model/host-view';
import { ip, lanFacts, plain, subnet } from '../../helpers';

const iface = (over: Partial<InterfaceFact>): InterfaceFact => ({ ...lanFacts().interfaces[0], ...over });
const host = (interfaces: InterfaceFact[], extra: Partial<HostFacts> = {}) => viewHost(lanFacts({ interfaces, ...extra }));

describe('the host view', () => {
  test('fails when the detected LAN is not the subnet that holds the gateway, when the gateway is not the first subnet', () => {
    const view = host([
      iface({
        ipv4: [
          { address: '10.0.0.5', prefixlen: 24, subnet: '10.0.0.0/24' },
          { address: '192.168.1.10', prefixlen: 24, subnet: '192.168.1.0/24' },
        ],
        gateway: '192.168.1.1',
      }),
    ]);
    expect(plain(view.detectedLan('eth0'))).toEqual({ subnet: '192.168.1.0/24', gateway: '192.168.1.1' });
  });

  test('fails when an unparseable subnet in the facts is taken for the LAN or stops the search for the gateway subnet', () => {
    const view = host([
      iface({
        ipv4: [
          { address: '10.0.0.5', prefixlen: 24, subnet: 'not-a-subnet' },
          { address: '192.168.1.10', prefixlen: 24, subnet: '192.168.1.0/24' },
        ],
        gateway: '192.168.1.1',
      }),
    ]);
    expect(plain(view.detectedLan('eth0'))).toEqual({ subnet: '192.168.1.0/24', gateway: '192.168.1.1' });
  });

  test('fails when an interface without a gateway does not fall back to its first subnet, with no gateway key at all', () => {
    const view = host([
      iface({
        ipv4: [
          { address: '10.0.0.5', prefixlen: 24, subnet: '10.0.0.0/24' },
          { address: '192.168.1.10', prefixlen: 24, subnet: '192.168.1.0/24' },
        ],
        gateway: null,
      }),
    ]);
    const lan = view.detectedLan('eth0');
    expect(lan?.subnet.toString()).toBe('10.0.0.0/24');
    expect(lan !== undefined && 'gateway' in lan).toBe(false);
  });

  test('fails when a gateway outside every subnet of the interface is kept as the LAN gateway', () => {
    const lan = host([iface({ gateway: '10.9.9.1' })]).detectedLan('eth0');
    expect(lan?.subnet.toString()).toBe('192.168.1.0/24');
    expect(lan !== undefined && 'gateway' in lan).toBe(false);
  });

  test('fails when an interface with no IPv4 address gets a detected LAN or counts as addressed', () => {
    const view = host([iface({}), iface({ name: 'eth1', mac: null, ipv4: [], gateway: null })]);
    expect(view.detectedLan('eth1')).toBeUndefined();
    expect(view.addressedInterfaces).toEqual(['eth0']);
    expect(view.hasInterface('eth1')).toBe(true);
  });

  test('fails when an interface the facts do not list is reported present, or a listed one absent', () => {
    const view = host([iface({})]);
    expect(view.hasInterface('eth0')).toBe(true);
    expect(view.hasInterface('eth9')).toBe(false);
  });

  test('fails when the host addresses skip an address or include a null one', () => {
    const view = host([
      iface({
        ipv4: [
          { address: '192.168.1.10', prefixlen: 24, subnet: '192.168.1.0/24' },
          { address: null, prefixlen: 24, subnet: '192.168.1.0/24' },
        ],
      }),
    ]);
    expect([...view.ownAddresses]).toEqual([ip('192.168.1.10').value]);
  });

  describe('a foreign network', () => {
    const theirs = {
      name: 'theirs',
      driver: 'macvlan',
      parent: 'eth0',
      subnet: '192.168.1.0/24',
      gateway: '192.168.1.1',
      managed_by: 'other',
    };
    const find = (networks: Record<string, unknown>[]) =>
      host([iface({})], { docker_networks: networks as never }).foreignNetwork('eth0', subnet('192.168.1.0/24'), 'mine', 'macvlan');

    test('fails when a network matching driver, parent and subnet of another stack is not found', () => {
      expect(find([theirs])?.name).toBe('theirs');
      expect(find([{ ...theirs, managed_by: null }])?.name).toBe('theirs');
    });

    test('fails when a network of another driver counts as the foreign network', () => {
      expect(find([{ ...theirs, driver: 'ipvlan' }])).toBeUndefined();
    });

    test('fails when a network on another parent counts as the foreign network', () => {
      expect(find([{ ...theirs, parent: 'eth1' }])).toBeUndefined();
    });

    test('fails when a network on another subnet counts as the foreign network', () => {
      expect(find([{ ...theirs, subnet: '192.168.2.0/24' }])).toBeUndefined();
    });

    test('fails when a network this stack manages counts as foreign', () => {
      expect(find([{ ...theirs, managed_by: 'mine' }])).toBeUndefined();
    });

    test('fails when the first of several networks is returned rather than the one that matches every field', () => {
      const networks = [
        { ...theirs, name: 'wrong-driver', driver: 'ipvlan' },
        { ...theirs, name: 'wrong-parent', parent: 'eth1' },
        { ...theirs, name: 'wrong-subnet', subnet: '192.168.2.0/24' },
        { ...theirs, name: 'ours', managed_by: 'mine' },
        theirs,
      ];
      expect(find(networks)?.name).toBe('theirs');
    });
  });
});
