import { Subnet } from '../../../lib/core/values';
import { subnet } from '../../helpers';

describe('Subnet.parse', () => {
  test.each([42, undefined, null, ['10.0.0.0/24'], { subnet: '10.0.0.0/24' }])(
    'fails when %p, which is not text, is not refused quietly',
    (value) => {
      expect(Subnet.parse(value)).toBeUndefined();
      expect(Subnet.parse(value, false)).toBeUndefined();
    },
  );

  test.each(['0.0.0.0/33', '128.0.0.0/33', '0.0.0.0/99'])('fails when the prefix of %j, longer than 32 bits, is accepted', (text) => {
    expect(Subnet.parse(text)).toBeUndefined();
  });

  test('fails when a prefix longer than 32 bits is accepted when read loosely', () => {
    expect(Subnet.parse('10.0.0.0/40', false)).toBeUndefined();
    expect(Subnet.parse('10.0.0.0/32', false)?.toString()).toBe('10.0.0.0/32');
  });
});

describe('Subnet.overlaps', () => {
  test('fails when a subnet wholly below another is said to overlap it', () => {
    expect(subnet('10.0.1.0/24').overlaps(subnet('10.0.0.0/24'))).toBe(false);
    expect(subnet('10.0.0.0/24').overlaps(subnet('10.0.1.0/24'))).toBe(false);
  });

  test('fails when a single address on the network address of another subnet is not an overlap', () => {
    expect(subnet('10.0.0.0/24').overlaps(subnet('10.0.0.0/32'))).toBe(true);
    expect(subnet('10.0.0.0/32').overlaps(subnet('10.0.0.0/24'))).toBe(true);
  });

  test('fails when a single address on the broadcast address of another subnet is not an overlap', () => {
    expect(subnet('10.0.0.0/24').overlaps(subnet('10.0.0.255/32'))).toBe(true);
    expect(subnet('10.0.0.255/32').overlaps(subnet('10.0.0.0/24'))).toBe(true);
  });
});

describe('Subnet as text', () => {
  test('fails when a subnet does not serialise as network/prefix', () => {
    expect(JSON.stringify({ subnet: subnet('192.168.1.0/24') })).toBe('{"subnet":"192.168.1.0/24"}');
    expect(JSON.stringify([Subnet.parse('10.0.0.9/8', false)])).toBe('["10.0.0.0/8"]');
  });
});
