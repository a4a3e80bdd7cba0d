/**
 * Polls `check` (sync or async) every `intervalMs` until it is true; fails naming `what`
 * (a string, or a function for a message built at failure time, e.g. with a log tail).
 * Shared by the tests and the benchmarks.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string | (() => string),
  timeoutMs = 3000,
  intervalMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
