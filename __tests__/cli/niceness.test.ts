import { nicenessOption } from '../../lib/cli/niceness';

describe('--engine-nice', () => {
  test('fails when the bounds 0 and 19 are refused, or the default is not taken when the flag is absent', () => {
    expect(nicenessOption('0', 10)).toBe(0);
    expect(nicenessOption('19', 10)).toBe(19);
    expect(nicenessOption(undefined, 10)).toBe(10);
  });

  test.each(['', ' ', ' 5', '20', '-1', '1.5', 'low', '0x5', '1e1'])('fails when %p is taken for a niceness', (value) => {
    expect(() => nicenessOption(value, 10)).toThrow(
      `--engine-nice: ${JSON.stringify(value)} is not a niceness; allowed: an integer from 0 to 19, e.g. 10`,
    );
  });
});
