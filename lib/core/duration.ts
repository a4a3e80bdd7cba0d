/**
 * Go's time.Duration String() form ("30s", "1m0s", "1h0m0s"), which Docker and the
 * provider echo back: written any other way, healthchecks show a diff on every plan.
 */
export function canonicalDuration(totalSeconds: number): string {
  if (!Number.isInteger(totalSeconds) || totalSeconds < 0)
    throw new RangeError(`duration must be whole non-negative seconds, got ${totalSeconds}`);
  if (totalSeconds === 0) return '0s';
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
