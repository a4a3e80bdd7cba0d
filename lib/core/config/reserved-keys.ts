import { problem, ProblemList } from '../errors';
import { isReservedName, RESERVED_NAME_PROBLEM } from '../naming';
import { jsonPath } from '../json-path';

/**
 * Keys named like what every JavaScript object has (`__proto__`, `constructor`, `toString`,
 * ...) as a profile, host, LAN or variable name, or anywhere else in a config: the schema
 * would drop an own `__proto__` without a word, and the others shadow what every object has.
 * Each is a problem; the copy returned leaves them out, so the checks after it see the rest.
 * Recursive: the config's depth is checked first (input-limits.ts).
 */
export function withoutReservedKeys(value: unknown, problems: ProblemList, path: readonly PropertyKey[] = []): unknown {
  if (Array.isArray(value)) return value.map((item, i) => withoutReservedKeys(item, problems, [...path, i]));
  if (typeof value !== 'object' || value === null) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (isReservedName(key)) problems.add(problem(jsonPath('$', [...path, key]), RESERVED_NAME_PROBLEM, key, 'another name'));
    else kept[key] = withoutReservedKeys(item, problems, [...path, key]);
  }
  return kept;
}
