import { checkFacts } from '../../../lib/core/facts/check';
import { problemsOf } from '../../helpers';

describe('facts file checks', () => {
  test('fails when a subnet in the facts is malformed', () => {
    expect(problemsOf(() => checkFacts({ interfaces: [{ name: 'eth0', ipv4: [{ address: '1.2.3.4', subnet: 'x' }] }] }))).toEqual([
      'facts.interfaces[0].ipv4[0].subnet: is not an IPv4 subnet, got "x"; expected a.b.c.d/n in network form',
    ]);
  });

  test('fails when interfaces is missing', () => {
    expect(problemsOf(() => checkFacts({})).join()).toContain('facts.interfaces: is not a list');
  });
});
