import fc from 'fast-check';
import { AllocationLockSchema, withAllocations, EMPTY_LOCK } from '../../lib/core/allocation-lock';
import { issuesToProblems } from '../../lib/core/schema-issues';
import { mutate, paths } from '../mutate';

/** A lock as read back from disk: the one edgenet wrote, or that one damaged by hand. */
const lock = fc
  .dictionary(
    fc.constantFrom('edge', 'lab'),
    fc.dictionary(fc.constantFrom('rt1/lan', 'rt2/lan'), fc.record({ lan: fc.constantFrom('eth0', 'eth1'), host: fc.nat(254) }), {
      maxKeys: 2,
    }),
    { maxKeys: 2 },
  )
  .map((stacks) => JSON.parse(JSON.stringify(withAllocations(EMPTY_LOCK, stacks))) as unknown);

describe('the allocation lock, read back', () => {
  test('property: a damaged lock comes back as problems, each with the value and what is allowed', () => {
    const damaged = fc.tuple(lock, fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined))).map(([value, pick, by]) => {
      const all = paths(value);
      return mutate(value, all[pick % all.length], by);
    });
    fc.assert(
      fc.property(damaged, (raw) => {
        const parsed = AllocationLockSchema.safeParse(raw, { reportInput: true });
        if (parsed.success) return;
        for (const p of issuesToProblems(AllocationLockSchema, parsed.error.issues, 'edge.lock.json')) {
          expect(p.message).toMatch(/^[^\n]+, got [^\n]+; expected [^\n]+$/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
