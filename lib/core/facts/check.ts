import { ValidationError } from '../errors';
import { nestingProblem } from '../input-limits';
import { issuesToProblems } from '../schema-issues';
import { HostFacts, HostFactsSchema } from './schema';

/** Checks untrusted facts (a facts file, hand-edited or generated); every problem at once, with its path. */
export function checkFacts(raw: unknown): HostFacts {
  const tooDeep = nestingProblem(raw, 'facts');
  if (tooDeep) throw new ValidationError([tooDeep]);
  const parsed = HostFactsSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ValidationError(issuesToProblems(HostFactsSchema, parsed.error.issues, 'facts'));
  return parsed.data;
}
