import { z } from 'zod';
import { say } from './errors';
import { AllocationRecord } from './model/types';

/**
 * The allocation lock: every auto address given, by stack and `<runtime>/<vnic>`, kept
 * beside the config like a package lock, so an address once given never moves while its
 * runtime and LAN exist — whoever synthesizes next (CI, a workstation, the watcher).
 */

const Entry = z.object(
  {
    lan: z.string({ error: (iss) => say('is not a string', iss.input, 'the parent interface') }),
    host: z
      .number({ error: (iss) => say('is not a host number', iss.input, 'a whole number >= 0') })
      .int({ error: (iss) => say('is not a host number', iss.input, 'a whole number >= 0') })
      .min(0, { error: (iss) => say('is not a host number', iss.input, 'a whole number >= 0') }),
  },
  { error: (iss) => say('is not an object', iss.input, 'an object with lan and host') },
);

/** A lock is edgenet's own file, but it is read back from disk: a damaged one gets messages like any input. */
const mappingOf = <T extends z.ZodType>(value: T, expected: string) =>
  z.record(z.string(), value, { error: (iss) => say('is not an object', iss.input, expected) });

export const AllocationLockSchema = z.object(
  {
    '//': z.string({ error: (iss) => say('is not a string', iss.input, 'a note') }).optional(),
    version: z.literal(1, { error: (iss) => say('is not a version this edgenet reads', iss.input, '1') }),
    stacks: mappingOf(mappingOf(Entry, 'an object of <runtime>/<vnic>: { lan, host }'), 'an object of stack name to its addresses'),
  },
  { error: (iss) => say('is not an object', iss.input, 'the allocation lock edgenet writes: { version, stacks }') },
);

export type AllocationLock = z.output<typeof AllocationLockSchema>;

export const EMPTY_LOCK: AllocationLock = { version: 1, stacks: {} };

const NOTE = 'edgenet: auto addresses given, by stack and runtime/vNIC; commit this file, like a package lock';

/** The lock with these stacks' records replaced (others kept); sorted, so the file is stable. */
export function withAllocations(lock: AllocationLock, records: Readonly<Record<string, AllocationRecord>>): AllocationLock {
  const stacks: Record<string, Record<string, { lan: string; host: number }>> = { ...lock.stacks };
  for (const [stack, record] of Object.entries(records)) {
    stacks[stack] = Object.fromEntries(
      Object.entries(record)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, { lan: v.lan, host: v.host }]),
    );
  }
  return { '//': NOTE, version: 1, stacks: Object.fromEntries(Object.entries(stacks).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

export function lockText(lock: AllocationLock): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}
