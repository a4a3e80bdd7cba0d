import { checkFacts } from '../../../lib/core/facts/check';
import { problemsOf } from '../../helpers';

/** The facts' optional `kernel` field: which LAN drivers the host's kernel has. */
const withKernel = (kernel: unknown) => ({ interfaces: [], kernel });

describe("the facts' kernel field", () => {
  test('fails when a facts file without it (every file written before it) is refused or given one', () => {
    expect(checkFacts({ interfaces: [] })).not.toHaveProperty('kernel');
  });

  test('fails when a kernel with both drivers told is not read as written', () => {
    expect(checkFacts(withKernel({ macvlan: true, ipvlan: false })).kernel).toEqual({ macvlan: true, ipvlan: false });
  });

  test('fails when a wrongly typed, partial or misspelt kernel is not refused with its path', () => {
    expect(problemsOf(() => checkFacts(withKernel(null)))).toEqual([
      'facts.kernel: is not an object, got null; expected an object with macvlan, ipvlan (true or false)',
    ]);
    expect(problemsOf(() => checkFacts(withKernel({ macvlan: 'yes', ipvlan: true })))).toEqual([
      'facts.kernel.macvlan: is not a boolean, got "yes"; expected true or false',
    ]);
    expect(problemsOf(() => checkFacts(withKernel({ macvlan: true })))).toEqual([
      'facts.kernel.ipvlan: is not a boolean, got nothing; expected true or false',
    ]);
    expect(problemsOf(() => checkFacts(withKernel({ macvlan: true, ipvlan: true, ipvtap: true })))).toEqual([
      'facts.kernel.ipvtap: is not a known field, got "ipvtap"; expected did you mean "ipvlan"? one of macvlan, ipvlan',
    ]);
  });
});
