import { MacAddress } from '../../../lib/core/values';
import { mac } from '../../helpers';

describe('MacAddress.equals', () => {
  test('fails when a MAC equals nothing (undefined), or throws instead of saying no', () => {
    expect(mac('02:42:ac:11:00:02').equals(undefined)).toBe(false);
  });

  test('fails when MACs are not compared by their normal form', () => {
    expect(mac('02:42:ac:11:00:02').equals(MacAddress.parse('02-42-AC-11-00-02'))).toBe(true);
    expect(mac('02:42:ac:11:00:02').equals(mac('02:42:ac:11:00:03'))).toBe(false);
  });
});

describe('MacAddress as text', () => {
  test('fails when a MAC does not serialise as its lowercase colon form', () => {
    expect(JSON.stringify({ mac: MacAddress.parse('02-42-AC-11-00-02') })).toBe('{"mac":"02:42:ac:11:00:02"}');
  });
});
