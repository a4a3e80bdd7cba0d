import { z } from 'zod';
import { Problem, show } from './errors';
import { jsonPath } from './json-path';

/**
 * Turns a schema's issues into problems: `$`-rooted JSON paths, one problem per unknown
 * field with a "did you mean" for typos. The messages themselves are written where the
 * schema is (see config/schema.ts).
 */

/** Levenshtein distance, to suggest the intended field for a typo. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** `did you mean "x"? one of a, b, c` for an unknown field. */
export function unknownFieldMessage(key: string, allowed: readonly string[]): string {
  // A typo (two edits away) or a shortened name (`schema` for `schema_name`).
  const near = allowed.filter((a) => editDistance(a, key) <= 2 || (key.length >= 3 && a.startsWith(key)));
  const hint = near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : '';
  return `is not a known field, got ${show(key)}; expected ${hint}one of ${allowed.join(', ')}`;
}

type AnySchema = z.core.$ZodType;

/**
 * An object with exactly these fields: a value of another type gets `notObject`'s message, and
 * each unknown field is a problem of its own (issuesToProblems), so a typo never goes unread.
 */
export function closedObject<S extends z.core.$ZodLooseShape>(shape: S, notObject: (input: unknown) => string) {
  return z.strictObject(shape, { error: (iss) => (iss.code === 'invalid_type' ? notObject(iss.input) : undefined) });
}

/** The schema that validates the value at `path` below `root`, when the path leads anywhere. */
export function schemaAt(root: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let schema: AnySchema | undefined = root;
  for (const key of [undefined, ...path]) {
    schema = unwrap(schema);
    if (schema === undefined || key === undefined) continue;
    const def = schema._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') schema = (def.shape as Record<string, AnySchema>)[String(key)];
    else if (def.type === 'array') schema = def.element as AnySchema;
    else if (def.type === 'record') schema = def.valueType as AnySchema;
    else return undefined;
  }
  return unwrap(schema);
}

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let current = schema;
  for (;;) {
    if (current === undefined) return undefined;
    const def = current._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') current = def.innerType as AnySchema;
    else if (def.type === 'pipe') current = def.in as AnySchema;
    else return current;
  }
}

/**
 * The fields an object schema allows, in the order written. For a union of objects, those of
 * the option whose literal fields (e.g. `backend: pg`) the value carries.
 */
export function fieldsOf(schema: AnySchema | undefined, value?: unknown): string[] {
  const def = schema?._zod.def as unknown as Record<string, unknown> | undefined;
  if (def?.type === 'object') return Object.keys(def.shape as object);
  if (def?.type !== 'union' || typeof value !== 'object' || value === null) return [];
  const chosen = (def.options as AnySchema[]).find((option) => {
    const shape = (option._zod.def as unknown as { shape?: Record<string, AnySchema> }).shape ?? {};
    const literals = Object.entries(shape).filter(([, field]) => (field._zod.def as unknown as { type: string }).type === 'literal');
    return (
      literals.length > 0 &&
      literals.every(([key, field]) =>
        (field._zod.def as unknown as { values: unknown[] }).values.includes((value as Record<string, unknown>)[key]),
      )
    );
  });
  return chosen ? fieldsOf(chosen) : [];
}

/** Every issue of a failed parse as problems located under `root` (`$` for a config, `facts` ...). */
export function issuesToProblems(schema: AnySchema, issues: readonly z.core.$ZodIssue[], root = '$'): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = fieldsOf(schemaAt(schema, issue.path), issue.input);
      for (const key of issue.keys)
        problems.push({ path: jsonPath(root, [...issue.path, key]), message: unknownFieldMessage(key, allowed) });
    } else if (issue.code === 'invalid_key') {
      // A mapping key (a profile's or host's name) that the key's own rule refuses: its message.
      problems.push({ path: jsonPath(root, issue.path), message: issue.issues[0]?.message ?? issue.message });
    } else {
      problems.push({ path: jsonPath(root, issue.path), message: issue.message });
    }
  }
  return problems;
}
