import { MacAddress } from '../../../lib/core/values';

describe('MacAddress', () => {
  test('normalises case and dashes to lowercase colon form', () => {
    expect(MacAddress.parse('02-42-AC-11-00-02')?.toString()).toBe('02:42:ac:11:00:02');
    expect(MacAddress.parse(' 02:42:ac:11:00:02 ')?.toString()).toBe('02:42:ac:11:00:02');
  });

  test.each(['02:42:ac:11:00', '02:42:ac:11:00:02:03', '02:42:zz:11:00:02', '0242ac110002', '', 2])('fails to parse %j', (text) => {
    expect(MacAddress.parse(text)).toBeUndefined();
  });

  test('classifies multicast, broadcast, zero and locally administered addresses', () => {
    const mac = (t: string) => MacAddress.parse(t) as MacAddress;
    expect(mac('01:00:5e:00:00:01').isMulticast).toBe(true);
    expect(mac('ff:ff:ff:ff:ff:ff').isMulticast).toBe(true);
    expect(mac('02:00:00:00:00:01').isMulticast).toBe(false);
    expect(mac('00:00:00:00:00:00').isZero).toBe(true);
    expect(mac('02:00:00:00:00:00').isZero).toBe(false);
    expect(mac('02:00:00:00:00:01').isLocallyAdministered).toBe(true);
    expect(mac('52:54:00:12:34:56').isLocallyAdministered).toBe(true);
    expect(mac('00:1b:21:00:00:01').isLocallyAdministered).toBe(false);
  });

  test('derives a stable, locally administered unicast MAC per (runtime, vNIC)', () => {
    const a = MacAddress.derive('rt1', 'lan');
    expect(a.equals(MacAddress.derive('rt1', 'lan'))).toBe(true);
    expect(a.equals(MacAddress.derive('rt1', 'ot'))).toBe(false);
    expect(a.equals(MacAddress.derive('rt', '1lan'))).toBe(false);
    expect(a.isMulticast).toBe(false);
    expect(a.isLocallyAdministered).toBe(true);
    expect(a.toString()).toBe('0e:43:8f:2c:81:ec');
  });
});
