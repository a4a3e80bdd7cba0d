import { Ipv4Address, Subnet } from '../../../lib/core/values';

const ip = (text: string) => Ipv4Address.parse(text) as Ipv4Address;

describe('Subnet', () => {
  test('parses the network form and prints it back', () => {
    expect(Subnet.parse('192.168.1.0/24')?.toString()).toBe('192.168.1.0/24');
    expect(Subnet.parse('0.0.0.0/0')?.toString()).toBe('0.0.0.0/0');
    expect(Subnet.parse('10.0.0.7/32')?.toString()).toBe('10.0.0.7/32');
  });

  test('fails when the subnet is not in network form (host bits set), unless asked loosely', () => {
    expect(Subnet.parse('10.0.0.1/24')).toBeUndefined();
    expect(Subnet.parse('10.0.0.1/24', false)?.toString()).toBe('10.0.0.0/24');
  });

  test.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/024', '10.0.0/24', '10.0.0.0/', '/24', 'x/24'])(
    'fails to parse %j',
    (text) => {
      expect(Subnet.parse(text)).toBeUndefined();
    },
  );

  test('knows its network, broadcast and host range', () => {
    const s = Subnet.parse('10.1.2.0/24') as Subnet;
    expect([s.network, s.broadcast, s.firstHost, s.lastHost].map(String)).toEqual(['10.1.2.0', '10.1.2.255', '10.1.2.1', '10.1.2.254']);
    expect(s.size).toBe(256);
  });

  test('in /31 and /32 every address is a host', () => {
    const p31 = Subnet.parse('10.0.0.0/31') as Subnet;
    expect([p31.firstHost, p31.lastHost].map(String)).toEqual(['10.0.0.0', '10.0.0.1']);
    const p32 = Subnet.parse('10.0.0.5/32') as Subnet;
    expect([p32.firstHost, p32.lastHost].map(String)).toEqual(['10.0.0.5', '10.0.0.5']);
  });

  test('contains its own addresses and no others', () => {
    const s = Subnet.parse('10.1.2.0/24') as Subnet;
    expect(['10.1.2.0', '10.1.2.128', '10.1.2.255'].every((a) => s.contains(ip(a)))).toBe(true);
    expect(['10.1.1.255', '10.1.3.0'].some((a) => s.contains(ip(a)))).toBe(false);
  });

  test('overlaps when the ranges share an address', () => {
    const s = (t: string) => Subnet.parse(t) as Subnet;
    expect(s('10.0.0.0/23').overlaps(s('10.0.1.0/24'))).toBe(true);
    expect(s('10.0.1.0/24').overlaps(s('10.0.0.0/23'))).toBe(true);
    expect(s('10.0.0.0/24').overlaps(s('10.0.1.0/24'))).toBe(false);
    expect(s('10.0.0.0/24').equals(s('10.0.0.0/24'))).toBe(true);
    expect(s('10.0.0.0/24').equals(s('10.0.0.0/23'))).toBe(false);
    expect(s('10.0.0.0/24').equals(undefined)).toBe(false);
  });

  test('finds the subnet of an address and counts host offsets', () => {
    const s = Subnet.containing(ip('172.16.5.77'), 20);
    expect(s.toString()).toBe('172.16.0.0/20');
    expect(s.offsetOf(ip('172.16.5.77'))).toBe(5 * 256 + 77);
    expect(s.at(5 * 256 + 77).toString()).toBe('172.16.5.77');
    expect(Subnet.containing(ip('8.8.8.8'), 0).toString()).toBe('0.0.0.0/0');
  });
});
