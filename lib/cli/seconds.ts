import { EdgenetError } from '../core/errors';

/** `--flag SECONDS` as milliseconds; fractions allowed (tests use sub-second debounces). */
export function secondsOption(flag: string, value: string | undefined, fallbackMs: number, min = 0): number {
  if (value === undefined) return fallbackMs;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < min) {
    throw new EdgenetError(`--${flag}: ${JSON.stringify(value)} is not a number of seconds; allowed: a number >= ${min}, e.g. 3 or 0.5`);
  }
  return Math.round(seconds * 1000);
}
