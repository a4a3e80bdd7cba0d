import { Ipv4Address } from '../../../lib/core/values';

describe('Ipv4Address', () => {
  test.each(['10.0.0.1', '0.0.0.0', '255.255.255.255', '192.168.1.50'])('parses %s and prints it back', (text) => {
    expect(Ipv4Address.parse(text)?.toString()).toBe(text);
  });

  test.each(['10.0.0', '10.0.0.256', '010.0.0.1', ' 10.0.0.1', '10.0.0.1/24', '0x0a.0.0.1', '', 'eth0'])('fails to parse %j', (text) => {
    expect(Ipv4Address.parse(text)).toBeUndefined();
  });

  test('fails to parse anything that is not a string', () => {
    for (const value of [undefined, null, 167772161, ['10.0.0.1'], { address: '10.0.0.1' }])
      expect(Ipv4Address.parse(value)).toBeUndefined();
  });

  test('counts as an unsigned 32-bit number', () => {
    expect(Ipv4Address.parse('255.255.255.255')?.value).toBe(0xffffffff);
    expect(Ipv4Address.parse('10.0.0.255')?.plus(1).toString()).toBe('10.0.1.0');
    expect(() => Ipv4Address.fromNumber(2 ** 32)).toThrow(RangeError);
    expect(() => Ipv4Address.fromNumber(-1)).toThrow(RangeError);
    expect(() => Ipv4Address.fromNumber(1.5)).toThrow(RangeError);
  });

  test('knows private (RFC 1918) and loopback addresses', () => {
    expect(['10.1.2.3', '172.16.0.1', '172.31.255.254', '192.168.0.1'].map((a) => Ipv4Address.parse(a)?.isPrivate)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['172.32.0.1', '8.8.8.8', '127.0.0.1', '169.254.1.1'].map((a) => Ipv4Address.parse(a)?.isPrivate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(Ipv4Address.parse('127.0.0.53')?.isLoopback).toBe(true);
    expect(Ipv4Address.parse('128.0.0.1')?.isLoopback).toBe(false);
  });

  test('compares by value and serializes as text', () => {
    expect(Ipv4Address.parse('10.0.0.1')?.equals(Ipv4Address.parse('10.0.0.1'))).toBe(true);
    expect(Ipv4Address.parse('10.0.0.1')?.equals(Ipv4Address.parse('10.0.0.2'))).toBe(false);
    expect(Ipv4Address.parse('10.0.0.1')?.equals(undefined)).toBe(false);
    expect(JSON.stringify({ a: Ipv4Address.parse('10.0.0.1') })).toBe('{"a":"10.0.0.1"}');
  });
});
