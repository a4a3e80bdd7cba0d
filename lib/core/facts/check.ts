import { ValidationError } from '../errors';
import { issuesToProblems } from '../schema-issues';
import { HostFacts, HostFactsSchema } from './schema';

/** Checks untrusted facts (a facts file, hand-edited or generated); every problem at once, with its path. */
export function checkFacts(raw: unknown): HostFacts {
  const parsed = HostFactsSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ValidationError(issuesToProblems(HostFactsSchema, parsed.error.issues, 'facts'));
  return parsed.data;
}
