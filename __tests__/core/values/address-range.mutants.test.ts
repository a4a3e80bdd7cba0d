import { AddressRange } from '../../../lib/core/values';
import { ip, subnet } from '../../helpers';

const parsed = (text: unknown) => AddressRange.parse(text) as AddressRange;
const span = (r: AddressRange | undefined) => r && { kind: r.kind, first: r.first, last: r.last };

describe('AddressRange.parse', () => {
  test.each([42, undefined, null, ['1-9'], { range: '1-9' }])('fails when %p, which is not text, is not refused quietly', (value) => {
    expect(AddressRange.parse(value)).toBeUndefined();
  });

  test('fails when the blanks around a range are kept (it is read and printed trimmed)', () => {
    expect(span(AddressRange.parse('  100-199 '))).toEqual({ kind: 'hosts', first: 100, last: 199 });
    expect(AddressRange.parse(' 10.0.0.1-10.0.0.9\t')?.toString()).toBe('10.0.0.1-10.0.0.9');
  });

  test('fails when a single host number is not a range of that one host', () => {
    expect(span(AddressRange.parse('7'))).toEqual({ kind: 'hosts', first: 7, last: 7 });
  });

  test('fails when a host range that starts and ends on the same number is refused', () => {
    expect(span(AddressRange.parse('7-7'))).toEqual({ kind: 'hosts', first: 7, last: 7 });
  });

  test('fails when a host range that runs backwards is accepted', () => {
    expect(AddressRange.parse('20-10')).toBeUndefined();
  });

  test('fails when host number 2^32-1, the largest, is refused, or 2^32 accepted', () => {
    expect(span(AddressRange.parse('0-4294967295'))).toEqual({ kind: 'hosts', first: 0, last: 0xffffffff });
    expect(AddressRange.parse('4294967296')).toBeUndefined();
    expect(AddressRange.parse('0-4294967296')).toBeUndefined();
  });

  test('fails when a CIDR with host bits set is refused instead of read as its whole subnet', () => {
    expect(span(AddressRange.parse('192.168.1.5/24'))).toEqual({
      kind: 'addresses',
      first: ip('192.168.1.0').value,
      last: ip('192.168.1.255').value,
    });
  });

  test('fails when a CIDR is not a range of addresses (not host numbers)', () => {
    expect(parsed('10.0.0.0/30').kind).toBe('addresses');
  });

  test('fails when a dotted range or single address is not a range of addresses (not host numbers)', () => {
    expect(span(AddressRange.parse('10.0.0.1-10.0.0.9'))).toEqual({
      kind: 'addresses',
      first: ip('10.0.0.1').value,
      last: ip('10.0.0.9').value,
    });
    expect(span(AddressRange.parse('10.0.0.7'))).toEqual({ kind: 'addresses', first: ip('10.0.0.7').value, last: ip('10.0.0.7').value });
  });
});

describe('AddressRange.contains', () => {
  const lan = subnet('10.0.0.0/24');

  test('fails when the addresses just outside a range count as in it, or its ends do not', () => {
    const range = parsed('10.0.0.10-10.0.0.20');
    expect(['10.0.0.9', '10.0.0.10', '10.0.0.20', '10.0.0.21'].map((a) => range.contains(ip(a), lan))).toEqual([false, true, true, false]);
  });

  test('fails when a host-number range is not counted from the subnet it is asked about', () => {
    const range = parsed('10-20');
    expect(['10.0.0.9', '10.0.0.10', '10.0.0.20', '10.0.0.21'].map((a) => range.contains(ip(a), lan))).toEqual([false, true, true, false]);
    expect(range.contains(ip('10.0.5.15'), subnet('10.0.5.0/24'))).toBe(true);
  });

  test('fails when a range that does not meet the subnet holds an address of it (or throws)', () => {
    expect(parsed('192.168.1.0/24').contains(ip('10.0.0.5'), lan)).toBe(false);
    expect(parsed('300-400').contains(ip('10.0.0.255'), lan)).toBe(false);
  });
});

describe('AddressRange as text', () => {
  test('fails when a range does not print and serialise as the config wrote it', () => {
    const range = parsed('192.168.1.100-192.168.1.199');
    expect(range.toString()).toBe('192.168.1.100-192.168.1.199');
    expect(`${parsed('100-199')}`).toBe('100-199');
    expect(JSON.stringify({ exclude: [range, parsed('7')] })).toBe('{"exclude":["192.168.1.100-192.168.1.199","7"]}');
  });
});
