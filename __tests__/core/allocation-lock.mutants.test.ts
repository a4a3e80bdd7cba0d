import { AllocationLockSchema, EMPTY_LOCK, lockText, withAllocations } from '../../lib/core/allocation-lock';
import { issuesToProblems } from '../../lib/core/schema-issues';

/** The `path: message` lines a lock read back from disk gets. */
function lockProblems(raw: unknown): string[] {
  const parsed = AllocationLockSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return [];
  return issuesToProblems(AllocationLockSchema, parsed.error.issues, 'edge.lock.json').map((p) => `${p.path}: ${p.message}`);
}

const entry = (host: number) => ({ lan: 'eth0', host });

describe('withAllocations', () => {
  test("fails when a stack's <runtime>/<vnic> records are not written in sorted order, whatever order they were given in", () => {
    const lock = withAllocations(EMPTY_LOCK, {
      edge: { 'rt3/lan': entry(3), 'rt1/lan': entry(1), 'rt4/lan': entry(4), 'rt2/lan': entry(2) },
    });
    expect(Object.keys(lock.stacks.edge)).toEqual(['rt1/lan', 'rt2/lan', 'rt3/lan', 'rt4/lan']);
    expect(lock.stacks.edge['rt3/lan']).toEqual({ lan: 'eth0', host: 3 });
  });

  test('fails when the stacks are not written in sorted order, the ones kept from the lock and the ones given alike', () => {
    const kept = { version: 1 as const, stacks: { lab: { 'rt1/lan': entry(7) }, edge: { 'rt1/lan': entry(8) } } };
    const lock = withAllocations(kept, { site: { 'rt1/lan': entry(1) }, alpha: { 'rt1/lan': entry(2) }, mid: { 'rt1/lan': entry(3) } });
    expect(Object.keys(lock.stacks)).toEqual(['alpha', 'edge', 'lab', 'mid', 'site']);
    expect(lock.stacks.lab).toEqual({ 'rt1/lan': { lan: 'eth0', host: 7 } });
  });

  test('fails when the lock text differs with the order the records were given in', () => {
    const one = withAllocations(EMPTY_LOCK, { b: { 'y/lan': entry(2), 'x/lan': entry(1) }, a: { 'z/lan': entry(3) } });
    const other = withAllocations(EMPTY_LOCK, { a: { 'z/lan': entry(3) }, b: { 'x/lan': entry(1), 'y/lan': entry(2) } });
    expect(lockText(one)).toBe(lockText(other));
    expect(lockText(one).indexOf('"a"')).toBeLessThan(lockText(one).indexOf('"b"'));
    expect(lockText(one).indexOf('"x/lan"')).toBeLessThan(lockText(one).indexOf('"y/lan"'));
  });
});

describe('the allocation lock, read back', () => {
  test('fails when a negative host number is not refused as a host number, with the value and what is allowed', () => {
    expect(lockProblems({ version: 1, stacks: { edge: { 'rt1/lan': { lan: 'eth0', host: -1 } } } })).toEqual([
      'edge.lock.json.stacks.edge.rt1/lan.host: is not a host number, got -1; expected a whole number >= 0',
    ]);
  });
});
