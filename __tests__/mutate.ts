/** Mutations of parsed JSON for the property-based tests: every place in a value, and the value with one place changed. */

/** Every path to a value inside `value` (object keys and array indexes), the root first. */
export function paths(value: unknown, at: PropertyKey[] = []): PropertyKey[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...at, i])));
  if (typeof value === 'object' && value !== null) return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...at, k])));
  return here;
}

/** `value` with the thing at `at` replaced (or, for `undefined`, deleted). */
export function mutate(value: unknown, at: PropertyKey[], replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [key, ...rest] = at;
  if (rest.length === 0 && replacement === undefined) {
    if (Array.isArray(copy)) copy.splice(Number(key), 1);
    else delete copy[key];
  } else {
    copy[key] = mutate(copy[key], rest, replacement);
  }
  return copy;
}

/**
 * `value` with the mapping key at the end of `at` renamed to `name` (an own property even for
 * `__proto__`, as JSON.parse and YAML make it); unchanged where `at` ends in a list index.
 */
export function renameKey(value: unknown, at: PropertyKey[], name: string): unknown {
  if (at.length === 0 || typeof value !== 'object' || value === null) return value;
  const [key, ...rest] = at;
  if (rest.length > 0) {
    const copy: any = Array.isArray(value) ? [...value] : { ...value };
    copy[key] = renameKey(copy[key], rest, name);
    return copy;
  }
  if (Array.isArray(value)) return value;
  const renamed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    Object.defineProperty(renamed, k === key ? name : k, { value: v, enumerable: true, writable: true, configurable: true });
  return renamed;
}
