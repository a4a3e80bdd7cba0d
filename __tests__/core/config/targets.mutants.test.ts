import { resolveTargets } from '../../../lib/core/config/targets';
import { validateConfig } from '../../../lib/core/config/validate';
import { ProblemList, ValidationError } from '../../../lib/core/errors';
import { problemsOf, runtime } from '../../helpers';

const runtimes = [runtime('rt1')];

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The problems resolveTargets adds for `root`, as `path: message` lines. */
function targetProblems(root: Record<string, unknown>): { names: string[]; problems: string[] } {
  const problems = new ProblemList();
  const names = resolveTargets(problems, root, isMapping).map((h) => h.name);
  try {
    problems.throwIfAny();
    return { names, problems: [] };
  } catch (err) {
    return { names, problems: (err as ValidationError).problems.map((p) => `${p.path}: ${p.message}`) };
  }
}

describe('connection', () => {
  test('fails when a host does not inherit the top-level cert path, or its own does not win', () => {
    const [a, b] = validateConfig({ runtimes, docker_cert_path: 'certs/top', hosts: { a: {}, b: { docker_cert_path: 'certs/b' } } }).hosts;
    expect(a.connection).toStrictEqual({ certPath: 'certs/top', sshOpts: [] });
    expect(b.connection).toStrictEqual({ certPath: 'certs/b', sshOpts: [] });
  });

  test('fails when an engine URL or cert path nobody set shows up as a field (the environment decides then)', () => {
    expect(validateConfig({ runtimes }).hosts[0].connection).toStrictEqual({ sshOpts: [] });
  });
});

describe('state options', () => {
  test('fails when an option given as undefined is passed on to the backend', () => {
    expect(validateConfig({ runtimes, state: { backend: 'pg', skip_schema_creation: undefined } }).hosts[0].state).toStrictEqual({
      backend: 'pg',
      options: { schema_name: 'edgenet_edge' },
    });
  });
});

describe('hosts', () => {
  test('fails when stack beside hosts is not refused with what to do instead', () => {
    expect(problemsOf(() => validateConfig({ runtimes, stack: 'site', hosts: { a: {} } }))).toEqual([
      '$.stack: is not used with hosts (each host is a stack of its own name), got "site"; expected no stack, or no hosts',
    ]);
  });

  test('fails when a host that is not a mapping becomes a target or counts as sharing the state', () => {
    expect(targetProblems({ state: { backend: 'pg', schema_name: 'shared' }, hosts: { a: {}, b: 'site2' } })).toEqual({
      names: ['a'],
      problems: [],
    });
  });

  test('fails when a state location written once is refused although only one host inherits it', () => {
    const hosts = validateConfig({
      runtimes,
      state: { backend: 'pg', schema_name: 'shared' },
      hosts: { a: {}, b: { state: { backend: 'local' } } },
    }).hosts;
    expect(hosts.map((h) => h.state)).toEqual([
      { backend: 'pg', options: { schema_name: 'shared' } },
      { backend: 'local', options: { path: '../../../terraform.b.tfstate' } },
    ]);
  });

  test('fails when hosts inheriting a state without a location are refused (each gets its own)', () => {
    const hosts = validateConfig({ runtimes, state: { backend: 'pg', skip_table_creation: true }, hosts: { a: {}, b: {} } }).hosts;
    expect(hosts.map((h) => h.state)).toEqual([
      { backend: 'pg', options: { skip_table_creation: true, schema_name: 'edgenet_a' } },
      { backend: 'pg', options: { skip_table_creation: true, schema_name: 'edgenet_b' } },
    ]);
  });

  test('fails when a host without facts or runtimes gets those fields anyway', () => {
    expect(validateConfig({ runtimes, hosts: { a: {} } }).hosts).toStrictEqual([
      {
        name: 'a',
        stack: 'a',
        connection: { sshOpts: [] },
        state: { backend: 'local', options: { path: '../../../terraform.a.tfstate' } },
      },
    ]);
  });
});
