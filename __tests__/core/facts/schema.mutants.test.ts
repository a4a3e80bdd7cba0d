import { checkFacts } from '../../../lib/core/facts/check';
import { problemsOf } from '../../helpers';

/** Facts of one interface with one address of prefix length `prefixlen`. */
const withPrefix = (prefixlen: unknown) => ({
  interfaces: [{ name: 'eth0', ipv4: [{ address: '10.0.0.2', prefixlen, subnet: '10.0.0.0/8' }] }],
});

describe('a prefix length in the facts', () => {
  test.each([0, 8, 32])('fails when %p, a whole number from 0 to 32, is refused', (prefixlen) => {
    expect(checkFacts(withPrefix(prefixlen)).interfaces[0].ipv4[0].prefixlen).toBe(prefixlen);
  });

  test.each([
    [-1, '-1'],
    [33, '33'],
    [24.5, '24.5'],
    [-0.5, '-0.5'],
    [32.5, '32.5'],
  ])('fails when %p is not refused as a prefix length', (prefixlen, shown) => {
    expect(problemsOf(() => checkFacts(withPrefix(prefixlen)))).toEqual([
      `facts.interfaces[0].ipv4[0].prefixlen: is not a prefix length, got ${shown}; expected an integer from 0 to 32`,
    ]);
  });
});
