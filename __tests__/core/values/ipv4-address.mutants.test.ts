import { Ipv4Address } from '../../../lib/core/values';

describe('Ipv4Address.parse', () => {
  test.each([167772161, undefined, null, ['10.0.0.1'], { address: '10.0.0.1' }])(
    'fails when %p, which is not text, is not refused quietly',
    (value) => {
      expect(Ipv4Address.parse(value)).toBeUndefined();
    },
  );

  test.each(['10.0.0', '10.0.0.256', '1.2.3.4.5'])('fails when %j, not a dotted quad, is accepted', (text) => {
    expect(Ipv4Address.parse(text)).toBeUndefined();
  });
});

test('fails when a boxed String object, not a text primitive, is read as an address', () => {
  expect(Ipv4Address.parse(new String('10.0.0.1'))).toBeUndefined();
});

describe('Ipv4Address.fromNumber', () => {
  test('fails when 2^32-1, the largest value, is refused', () => {
    expect(Ipv4Address.fromNumber(0xffffffff).toString()).toBe('255.255.255.255');
    expect(Ipv4Address.fromNumber(0).toString()).toBe('0.0.0.0');
  });

  test('fails when a value out of range is refused without naming it', () => {
    expect(() => Ipv4Address.fromNumber(2 ** 32)).toThrow(new RangeError('not a 32-bit IPv4 value: 4294967296'));
    expect(() => Ipv4Address.fromNumber(-1)).toThrow(new RangeError('not a 32-bit IPv4 value: -1'));
    expect(() => Ipv4Address.fromNumber(1.5)).toThrow(new RangeError('not a 32-bit IPv4 value: 1.5'));
  });
});
