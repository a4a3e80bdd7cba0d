/** Small helpers for benchmarks that report medians and ratios measured in one run. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A markdown table, so the output pastes into docs/performance.md as it is. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
