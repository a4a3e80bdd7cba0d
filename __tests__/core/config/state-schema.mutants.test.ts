import { LocalStateSchema, StateSchema } from '../../../lib/core/config/state-schema';
import { validateConfig } from '../../../lib/core/config/validate';
import { problemsOf, runtime } from '../../helpers';

const runtimes = [runtime('rt1')];
const stateProblems = (state: unknown) => problemsOf(() => validateConfig({ runtimes, state }));

describe('state options', () => {
  test('fails when a flag is not a boolean, saying so with the values allowed', () => {
    expect(stateProblems({ backend: 'pg', skip_schema_creation: 'yes' })).toEqual([
      '$.state.skip_schema_creation: is not a boolean, got "yes"; expected true or false',
    ]);
  });

  test('fails when a count is not a number, not whole or negative, each with its own reason', () => {
    expect(
      stateProblems({
        backend: 'http',
        address: 'https://state.example/edge',
        retry_max: 'three',
        retry_wait_min: 1.5,
        retry_wait_max: -1,
      }),
    ).toEqual([
      '$.state.retry_max: is not a number, got "three"; expected a whole number >= 0',
      '$.state.retry_wait_min: is not a whole number, got 1.5; expected a whole number >= 0',
      '$.state.retry_wait_max: is negative, got -1; expected a whole number >= 0',
    ]);
  });
});

describe('state backend', () => {
  test('fails when state is not a mapping, saying so rather than that the backend is unknown', () => {
    expect(stateProblems('pg')).toEqual([
      '$.state: is not a mapping, got "pg"; expected a mapping with backend: one of local, pg, s3, http',
    ]);
  });

  test("fails when one backend's own schema is given another backend, naming the backends there are", () => {
    const result = LocalStateSchema.safeParse({ backend: 'pg' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['is not a known backend, got "pg"; expected one of local, pg, s3, http']);
  });

  test('the union still reports an unknown backend by its value', () => {
    expect(StateSchema.safeParse({ backend: 'consul' }).error?.issues.map((i) => i.message)).toEqual([
      'has no known backend, got "consul"; expected backend: one of local, pg, s3, http',
    ]);
  });
});
