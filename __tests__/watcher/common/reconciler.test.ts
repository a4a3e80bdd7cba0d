import { ValidationError } from '../../../lib/core/errors';
import { Backoff } from '../../../watcher/common/backoff';
import { Reconciler, ReconcilerEvent } from '../../../watcher/common/reconciler';

/**
 * The queue under fake timers. `prepare` hashes the input itself (the input *is* the
 * plan here); `apply` is an async function whose completion the test controls.
 */

interface Harness {
  reconciler: Reconciler<string, { hash: string }>;
  applied: string[];
  /** Whether each apply was a drift check. */
  resyncs: boolean[];
  events: ReconcilerEvent[];
  /** Resolves (or rejects) the apply in flight. */
  finish: (error?: Error) => void;
  backoff: Backoff;
}

function harness(
  options: {
    settleMs?: number;
    appliedHash?: string;
    convergeOnStart?: boolean;
    autoFinish?: boolean;
    failWith?: () => Error | undefined;
  } = {},
): Harness {
  const applied: string[] = [];
  const resyncs: boolean[] = [];
  const events: ReconcilerEvent[] = [];
  let pending: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const backoff = new Backoff({ baseMs: 1000, maxMs: 8000, random: () => 0.5 });
  const reconciler = new Reconciler<string, { hash: string }>({
    settleMs: options.settleMs ?? 500,
    prepare: async (input) => {
      if (input.startsWith('invalid'))
        throw new ValidationError([{ path: '$.runtimes[0].vnics[0].ip', message: `is outside the subnet (${input})` }]);
      return { hash: input };
    },
    apply: (prepared, run) => {
      applied.push(prepared.hash);
      resyncs.push(run.resync);
      const error = options.failWith?.();
      if (error) return Promise.reject(error);
      if (options.autoFinish ?? true) return Promise.resolve();
      return new Promise<void>((resolve, reject) => (pending = { resolve, reject }));
    },
    isPermanent: (error) => error instanceof ValidationError,
    backoff,
    appliedHash: options.appliedHash,
    convergeOnStart: options.convergeOnStart,
    onEvent: (event) => events.push(event),
  });
  return {
    reconciler,
    applied,
    resyncs,
    events,
    backoff,
    finish: (error) => (error ? pending!.reject(error) : pending!.resolve()),
  };
}

const types = (events: ReconcilerEvent[]) => events.filter((e) => e.type !== 'settling').map((e) => e.type);

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('50 flaps in 3 s lead to one apply, of the last state', async () => {
  const h = harness({ settleMs: 1000 });
  for (let i = 1; i <= 50; i += 1) {
    h.reconciler.submit(`facts-${i}`);
    await jest.advanceTimersByTimeAsync(60);
  }
  expect(h.applied).toEqual([]);
  await jest.advanceTimersByTimeAsync(1000);
  await h.reconciler.idle();
  expect(h.applied).toEqual(['facts-50']);
});

test('changes during an apply coalesce into exactly one follow-up with the latest', async () => {
  const h = harness({ autoFinish: false });
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  expect(h.applied).toEqual(['A']);
  for (const input of ['B', 'C', 'D']) {
    h.reconciler.submit(input);
    await jest.advanceTimersByTimeAsync(600);
  }
  expect(h.applied).toEqual(['A']); // never two at once
  h.finish();
  await jest.advanceTimersByTimeAsync(0);
  expect(h.applied).toEqual(['A', 'D']);
  h.finish();
  await jest.advanceTimersByTimeAsync(5000);
  await h.reconciler.idle();
  expect(h.applied).toEqual(['A', 'D']);
});

test('A -> B -> A inside the window with A applied does nothing', async () => {
  const h = harness();
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  await h.reconciler.idle();
  expect(h.applied).toEqual(['A']);
  h.reconciler.submit('B');
  await jest.advanceTimersByTimeAsync(100);
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  await h.reconciler.idle();
  expect(h.applied).toEqual(['A']);
  expect(types(h.events)).toEqual(['started', 'applied', 'started', 'unchanged']);
});

test('after a restart, the first input is applied even if its hash was applied before (converge), later repeats are not', async () => {
  const h = harness({ appliedHash: 'A' });
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  await h.reconciler.idle();
  expect(h.applied).toEqual(['A']);
  const quiet = harness({ appliedHash: 'A', convergeOnStart: false });
  quiet.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  expect(quiet.applied).toEqual([]);
});

test('a failing engine is retried with doubling delays, and the backoff resets on success', async () => {
  let failures = 3;
  const h = harness({ failWith: () => (failures-- > 0 ? new Error('engine exit 1') : undefined) });
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  const delays = () =>
    h.events.filter((e): e is Extract<ReconcilerEvent, { type: 'failed' }> => e.type === 'failed').map((e) => e.retryInMs);
  expect(delays()).toEqual([1000]);
  await jest.advanceTimersByTimeAsync(999);
  expect(h.applied).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(1);
  expect(h.applied).toHaveLength(2);
  expect(delays()).toEqual([1000, 2000]);
  await jest.advanceTimersByTimeAsync(2000);
  expect(delays()).toEqual([1000, 2000, 4000]);
  await jest.advanceTimersByTimeAsync(4000);
  expect(h.applied).toEqual(['A', 'A', 'A', 'A']);
  expect(types(h.events).slice(-1)).toEqual(['applied']);
  expect(h.backoff.attempts).toBe(0);
  failures = 1;
  h.reconciler.submit('B');
  await jest.advanceTimersByTimeAsync(500);
  expect(delays().slice(-1)).toEqual([1000]); // starts again from the base
});

test('a validation error is reported once, not retried, and the next different facts are still processed', async () => {
  const h = harness();
  h.reconciler.submit('invalid-10.78');
  await jest.advanceTimersByTimeAsync(500);
  await jest.advanceTimersByTimeAsync(60_000);
  expect(types(h.events)).toEqual(['started', 'rejected']);
  const rejected = h.events.find((e) => e.type === 'rejected') as Extract<ReconcilerEvent, { type: 'rejected' }>;
  expect(rejected.error.message).toBe('$.runtimes[0].vnics[0].ip: is outside the subnet (invalid-10.78)');
  h.reconciler.submit('B');
  await jest.advanceTimersByTimeAsync(500);
  await h.reconciler.idle();
  expect(h.applied).toEqual(['B']);
});

test('new input during a retry wait is applied after the settle time, not after the backoff', async () => {
  let fail = true;
  const h = harness({ failWith: () => (fail ? new Error('engine exit 1') : undefined) });
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  fail = false;
  h.reconciler.submit('B');
  await jest.advanceTimersByTimeAsync(500);
  expect(h.applied).toEqual(['A', 'B']);
  await jest.advanceTimersByTimeAsync(10_000);
  expect(h.applied).toEqual(['A', 'B']);
});

test('stop waits for the running apply and starts nothing new', async () => {
  const h = harness({ autoFinish: false });
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  h.reconciler.submit('B');
  let stopped = false;
  const stopping = h.reconciler.stop().then(() => (stopped = true));
  await jest.advanceTimersByTimeAsync(1000);
  expect(stopped).toBe(false);
  h.finish(new Error('interrupted'));
  await stopping;
  await jest.advanceTimersByTimeAsync(60_000);
  expect(h.applied).toEqual(['A']);
  h.reconciler.submit('C');
  await jest.advanceTimersByTimeAsync(1000);
  expect(h.applied).toEqual(['A']);
});

describe('Backoff', () => {
  test('doubles from the base up to the cap', () => {
    const backoff = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0.5 });
    expect(Array.from({ length: 6 }, () => backoff.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });

  test('jitter spreads each delay within ±jitter, never above the cap', () => {
    const low = new Backoff({ baseMs: 1000, maxMs: 1000, jitter: 0.2, random: () => 0 });
    const high = new Backoff({ baseMs: 1000, maxMs: 4000, jitter: 0.2, random: () => 0.999999 });
    expect(low.next()).toBe(800);
    expect(high.next()).toBe(1200);
    const capped = new Backoff({ baseMs: 1000, maxMs: 1000, jitter: 0.2, random: () => 0.999999 });
    expect(capped.next()).toBe(1000);
  });

  test('fails when the base is not positive or above the cap', () => {
    expect(() => new Backoff({ baseMs: 0 })).toThrow('Backoff: need 0 < baseMs <= maxMs, got baseMs 0, maxMs 300000');
    expect(() => new Backoff({ baseMs: 10, maxMs: 5 })).toThrow('Backoff: need 0 < baseMs <= maxMs, got baseMs 10, maxMs 5');
  });

  test('fails when jitter is outside [0, 1)', () => {
    expect(() => new Backoff({ jitter: 1 })).toThrow('Backoff: jitter must be in [0, 1), got 1');
  });
});

test('runNow runs at once, without the settle time, and resolves when done', async () => {
  const h = harness({ settleMs: 60_000 });
  await h.reconciler.runNow('A');
  expect(h.applied).toEqual(['A']);
});

test('a resync applies what was applied already, once, even while a run is going; unchanged input otherwise does nothing', async () => {
  const h = harness({ autoFinish: false });
  h.reconciler.resync(); // nothing known yet: nothing to check
  await jest.advanceTimersByTimeAsync(10);
  expect(h.applied).toEqual([]);
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  h.reconciler.resync();
  h.reconciler.resync();
  h.finish();
  await jest.advanceTimersByTimeAsync(0);
  expect(h.applied).toEqual(['A', 'A']);
  expect(h.events.filter((e) => e.type === 'started').map((e) => (e as { resync: boolean }).resync)).toEqual([false, true]);
  h.finish();
  await h.reconciler.idle();
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  await h.reconciler.idle();
  expect(h.applied).toEqual(['A', 'A']);
  expect(types(h.events).slice(-1)).toEqual(['unchanged']);
});

test('a resync that meets new input applies it as a change, not as a drift check', async () => {
  const h = harness();
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  await h.reconciler.idle();
  h.reconciler.submit('B');
  h.reconciler.resync();
  await jest.advanceTimersByTimeAsync(0);
  await h.reconciler.idle();
  h.reconciler.resync();
  await jest.advanceTimersByTimeAsync(0);
  await h.reconciler.idle();
  expect(h.applied).toEqual(['A', 'B', 'B']);
  // fails when a subnet move that a resync happened to run is reported as drift healed
  expect(h.resyncs).toEqual([false, false, true]);
});

test('a resync does not apply input that was refused as invalid', async () => {
  const h = harness();
  h.reconciler.submit('A');
  await jest.advanceTimersByTimeAsync(500);
  h.reconciler.submit('invalid-1');
  await jest.advanceTimersByTimeAsync(500);
  await h.reconciler.idle();
  h.reconciler.resync();
  await jest.advanceTimersByTimeAsync(0);
  await h.reconciler.idle();
  expect(h.applied).toEqual(['A']);
  expect(types(h.events).slice(-2)).toEqual(['started', 'rejected']);
});
