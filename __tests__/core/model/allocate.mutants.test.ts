import { AddressPoolExhausted, allocateAuto } from '../../../lib/core/model/allocate';
import { ip, subnet } from '../../helpers';

const text = (result: Map<string, { toString(): string }>) => Object.fromEntries([...result].map(([k, v]) => [k, v.toString()]));
const slash30 = { subnet: subnet('10.0.0.0/30'), reserved: new Set<number>() };

describe('auto addressing', () => {
  test('fails when a plan without exclude ranges cannot be allocated', () => {
    expect(text(allocateAuto({ subnet: subnet('10.0.0.0/24'), reserved: new Set() }, [{ key: 'ra/lan', recorded: 77 }]))).toEqual({
      'ra/lan': '10.0.0.77',
    });
  });

  test('fails when a recorded address on the first host is not kept (lower boundary)', () => {
    expect(text(allocateAuto(slash30, [{ key: 'ra/lan', recorded: 1 }]))).toEqual({ 'ra/lan': '10.0.0.1' });
  });

  test('fails when a recorded address on the last host is not kept (upper boundary)', () => {
    expect(text(allocateAuto({ subnet: subnet('10.0.0.0/29'), reserved: new Set() }, [{ key: 'ra/lan', recorded: 6 }]))).toEqual({
      'ra/lan': '10.0.0.6',
    });
  });

  test('fails when a recorded network address (below the first host) is kept', () => {
    // Nothing reserved, so only the host-range rule keeps the network address out.
    const result = allocateAuto({ subnet: subnet('10.0.0.0/29'), reserved: new Set() }, [{ key: 'ra/lan', recorded: 0 }]);
    expect(result.get('ra/lan')?.equals(ip('10.0.0.0'))).toBe(false);
    expect(subnet('10.0.0.0/29').contains(result.get('ra/lan') as never)).toBe(true);
  });

  test('fails when a recorded broadcast or out-of-subnet address is kept', () => {
    const result = allocateAuto({ subnet: subnet('10.0.0.0/29'), reserved: new Set() }, [
      { key: 'ra/lan', recorded: 7 },
      { key: 'rb/lan', recorded: 300 },
    ]);
    for (const key of ['ra/lan', 'rb/lan']) {
      const v = (result.get(key) as ReturnType<typeof ip>).value;
      expect(v).toBeGreaterThanOrEqual(ip('10.0.0.1').value);
      expect(v).toBeLessThanOrEqual(ip('10.0.0.6').value);
    }
  });

  test('fails when a recorded address that is now reserved is kept', () => {
    const result = allocateAuto({ subnet: subnet('10.0.0.0/30'), reserved: new Set([ip('10.0.0.1').value]) }, [
      { key: 'ra/lan', recorded: 1 },
    ]);
    expect(text(result)).toEqual({ 'ra/lan': '10.0.0.2' });
  });

  test('fails when a new vNIC without a range does not prefer the upper half of the subnet', () => {
    // A /30 has two hosts: the upper half is .2 alone, whatever the key hashes to.
    for (const key of ['ra/lan', 'rb/lan', 'rc/lan', 'rd/lan', 're/lan', 'rf/lan', 'rg/lan', 'rh/lan', 'ri/lan', 'rj/lan']) {
      expect(text(allocateAuto(slash30, [{ key }]))).toEqual({ [key]: '10.0.0.2' });
    }
  });

  test('fails when exactly as many free addresses as new vNICs is reported exhausted (boundary)', () => {
    expect(text(allocateAuto(slash30, [{ key: 'ra/lan' }, { key: 'rb/lan' }]))).toEqual({ 'ra/lan': '10.0.0.2', 'rb/lan': '10.0.0.1' });
  });

  test('fails when one vNIC more than the free addresses does not throw, with subnet, free and requested counts', () => {
    const requests = [{ key: 'ra/lan' }, { key: 'rb/lan' }, { key: 'rc/lan' }];
    expect(() => allocateAuto(slash30, requests)).toThrow(AddressPoolExhausted);
    expect(() => allocateAuto(slash30, requests)).toThrow('subnet 10.0.0.0/30 has 2 free addresses for 3 auto vNICs');
    try {
      allocateAuto(slash30, requests);
    } catch (err) {
      expect(err).toMatchObject({ requested: 3, free: 2 });
    }
  });

  test('fails when the free addresses are counted outside the auto range', () => {
    const plan = { ...slash30, subnet: subnet('10.0.0.0/24'), range: { first: ip('10.0.0.10').value, last: ip('10.0.0.10').value } };
    expect(() => allocateAuto(plan, [{ key: 'ra/lan' }, { key: 'rb/lan' }])).toThrow(
      'subnet 10.0.0.0/24 has 1 free addresses for 2 auto vNICs',
    );
  });

  test('fails when new vNICs are not served in key order, whatever the order they are requested in', () => {
    // Both prefer .2 on a /30: the first key takes it, the second wraps to .1.
    const expected = { 'ra/lan': '10.0.0.2', 'rb/lan': '10.0.0.1' };
    expect(text(allocateAuto(slash30, [{ key: 'rb/lan' }, { key: 'ra/lan' }]))).toEqual(expected);
    expect(text(allocateAuto(slash30, [{ key: 'ra/lan' }, { key: 'rb/lan' }]))).toEqual(expected);
  });

  test('fails when three new vNICs are not served in key order', () => {
    const plan = {
      subnet: subnet('10.0.0.0/29'),
      reserved: new Set<number>(),
      range: { first: ip('10.0.0.4').value, last: ip('10.0.0.6').value },
    };
    const forward = { 'a/x': '10.0.0.4', 'b/x': '10.0.0.6', 'c/x': '10.0.0.5' };
    for (const order of [
      ['a/x', 'b/x', 'c/x'],
      ['c/x', 'b/x', 'a/x'],
      ['b/x', 'c/x', 'a/x'],
      ['c/x', 'a/x', 'b/x'],
    ]) {
      expect(
        text(
          allocateAuto(
            plan,
            order.map((key) => ({ key })),
          ),
        ),
      ).toEqual(forward);
    }
  });
});
