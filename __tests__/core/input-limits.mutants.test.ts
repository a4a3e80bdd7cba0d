import { INPUT_LIMITS, inputSizeProblem } from '../../lib/core/input-limits';

describe('inputSizeProblem', () => {
  test('fails when an input of exactly the limit is refused', () => {
    expect(inputSizeProblem(INPUT_LIMITS.configBytes, INPUT_LIMITS.configBytes)).toBeUndefined();
    expect(inputSizeProblem(1, 1)).toBeUndefined();
  });

  test('fails when an input one byte over the limit is not refused with its size and the limit', () => {
    expect(inputSizeProblem(65537, INPUT_LIMITS.configBytes)).toBe('is too large, got 65537 bytes; expected at most 64 KiB (65536 bytes)');
  });

  test('fails when an input of which only the first bytes were read (a pipe) is not said to be more than the limit', () => {
    expect(inputSizeProblem(4 * 1024 * 1024 + 1, INPUT_LIMITS.dataBytes, true)).toBe(
      'is too large, got more than 4194304 bytes; expected at most 4 MiB (4194304 bytes)',
    );
  });
});
