import { AddressRange, Ipv4Address, Subnet } from '../../../lib/core/values';

const subnet = (t: string) => Subnet.parse(t) as Subnet;

describe('AddressRange', () => {
  test('reads addresses, CIDRs, single addresses and host numbers', () => {
    expect(AddressRange.parse('192.168.1.100-192.168.1.199')?.within(subnet('192.168.1.0/24'))).toEqual({
      first: 0xc0a80164,
      last: 0xc0a801c7,
    });
    expect(AddressRange.parse('192.168.1.64/26')?.within(subnet('192.168.1.0/24'))).toEqual({ first: 0xc0a80140, last: 0xc0a8017f });
    expect(AddressRange.parse('192.168.1.7')?.within(subnet('192.168.1.0/24'))).toEqual({ first: 0xc0a80107, last: 0xc0a80107 });
    expect(AddressRange.parse('100-199')?.within(subnet('10.0.5.0/24'))).toEqual({ first: 0x0a000564, last: 0x0a0005c7 });
  });

  test('clips to the subnet and says when they do not meet', () => {
    expect(AddressRange.parse('250-300')?.within(subnet('10.0.0.0/24'))).toEqual({ first: 0x0a0000fa, last: 0x0a0000ff });
    expect(AddressRange.parse('192.168.1.0/24')?.within(subnet('10.0.0.0/24'))).toBeUndefined();
    expect(AddressRange.parse('10.0.0.5')?.contains(Ipv4Address.parse('10.0.0.5') as Ipv4Address, subnet('10.0.0.0/24'))).toBe(true);
  });

  test.each(['', 'x', '10.0.0.9-10.0.0.1', '20-10', '10.0.0.1-', '10.0.0.300', '1-99999999999'])('fails to parse %j', (text) => {
    expect(AddressRange.parse(text)).toBeUndefined();
  });
});
