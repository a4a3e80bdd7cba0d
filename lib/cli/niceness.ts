import { EdgenetError } from '../core/errors';

/** `--engine-nice N`: a CPU niceness, from 0 (as the watcher itself) to 19 (yield the most). */
export function nicenessOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const niceness = Number(value);
  // Decimal digits only: Number() would also take " 5", "0x5" and "1e1".
  if (!/^\d+$/.test(value) || niceness > 19) {
    throw new EdgenetError(`--engine-nice: ${JSON.stringify(value)} is not a niceness; allowed: an integer from 0 to 19, e.g. 10`);
  }
  return niceness;
}
