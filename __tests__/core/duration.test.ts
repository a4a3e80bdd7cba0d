import { canonicalDuration } from '../../lib/core/duration';

describe('canonicalDuration', () => {
  test.each([
    [0, '0s'],
    [1, '1s'],
    [59, '59s'],
    [60, '1m0s'],
    [90, '1m30s'],
    [3599, '59m59s'],
    [3600, '1h0m0s'],
    [3661, '1h1m1s'],
    [7325, '2h2m5s'],
    [90000, '25h0m0s'],
  ])('fails when %i seconds is not written in Go time.Duration form %s', (seconds, expected) => {
    expect(canonicalDuration(seconds)).toBe(expected);
  });

  test.each([
    [-1, 'duration must be whole non-negative seconds, got -1'],
    [1.5, 'duration must be whole non-negative seconds, got 1.5'],
    [-0.5, 'duration must be whole non-negative seconds, got -0.5'],
    [Number.NaN, 'duration must be whole non-negative seconds, got NaN'],
  ])('fails when %p (negative or not whole seconds) is not refused with a RangeError', (seconds, message) => {
    expect(() => canonicalDuration(seconds)).toThrow(new RangeError(message));
    expect(() => canonicalDuration(seconds)).toThrow(RangeError);
  });
});
