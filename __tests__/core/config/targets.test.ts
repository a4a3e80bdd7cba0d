import { selectHost } from '../../../lib/core/config/targets';
import { validateConfig } from '../../../lib/core/config/validate';
import { problemsOf, runtime } from '../../helpers';

const runtimes = [runtime('rt1'), runtime('rt2')];

describe('state backends', () => {
  test('local by default, beside the out directory, per stack', () => {
    expect(validateConfig({ stack: 'site', runtimes }).hosts[0].state).toEqual({
      backend: 'local',
      options: { path: '../../../terraform.site.tfstate' },
    });
  });

  test("passes Terraform's own option names through and fills in a per-stack location", () => {
    expect(validateConfig({ runtimes, state: { backend: 'pg', skip_schema_creation: true } }).hosts[0].state).toEqual({
      backend: 'pg',
      options: { schema_name: 'edgenet_edge', skip_schema_creation: true },
    });
    const s3 = { backend: 's3', bucket: 'tf', endpoint: 'http://127.0.0.1:9000', use_path_style: true, region: 'us-east-1' };
    expect(validateConfig({ runtimes, state: s3 }).hosts[0].state.options).toEqual({
      bucket: 'tf',
      endpoint: 'http://127.0.0.1:9000',
      use_path_style: true,
      region: 'us-east-1',
      key: 'edgenet/edge.tfstate',
    });
    expect(validateConfig({ runtimes, state: { backend: 'http', address: 'https://state.example/edge' } }).hosts[0].state.options).toEqual({
      address: 'https://state.example/edge',
    });
  });

  test.each([
    ['pg', { conn_str: 'postgres://u:hunter2@db/x' }, 'PG_CONN_STR'],
    ['s3', { bucket: 'b', secret_key: 'hunter2' }, 'AWS_SECRET_ACCESS_KEY'],
    ['s3', { bucket: 'b', access_key: 'hunter2' }, 'AWS_ACCESS_KEY_ID'],
    ['http', { address: 'https://x/y', password: 'hunter2' }, 'TF_HTTP_PASSWORD'],
  ])('fails when a %s secret is in the file, naming where it belongs and never echoing it', (backend, extra, variable) => {
    const problems = problemsOf(() => validateConfig({ runtimes, state: { backend, ...extra } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`is a secret and never goes in the config file`);
    expect(problems[0]).toContain(`set ${variable} in the environment`);
    expect(problems.join()).not.toContain('hunter2');
  });

  test('fails when the backend is unknown or an option is not one of its own', () => {
    expect(problemsOf(() => validateConfig({ runtimes, state: { backend: 'consul' } })).join()).toContain(
      '$.state.backend: has no known backend, got "consul"; expected backend: one of local, pg, s3, http',
    );
    expect(problemsOf(() => validateConfig({ runtimes, state: { backend: 'pg', schema: 'x' } })).join()).toContain(
      '$.state.schema: is not a known field, got "schema"; expected did you mean "schema_name"?',
    );
    expect(problemsOf(() => validateConfig({ runtimes, state: { backend: 's3' } })).join()).toContain('$.state.bucket: is required');
  });
});

describe('hosts', () => {
  const fleet = {
    runtimes,
    docker_host: 'ssh://edge@bastion',
    ssh_opts: ['-i', 'key'],
    state: { backend: 'pg' },
    hosts: {
      site1: { docker_host: 'ssh://edge@site1', facts: 'facts/site1.json' },
      site2: { runtimes: ['rt2'], state: { backend: 'local', path: 'site2.tfstate' } },
    },
  };

  test('one stack and one state per host; connection and state inherited unless the host says otherwise', () => {
    const [site1, site2] = validateConfig(fleet).hosts;
    expect(site1).toEqual({
      name: 'site1',
      stack: 'site1',
      connection: { dockerHost: 'ssh://edge@site1', sshOpts: ['-i', 'key'] },
      state: { backend: 'pg', options: { schema_name: 'edgenet_site1' } },
      factsFile: 'facts/site1.json',
    });
    expect(site2).toEqual({
      name: 'site2',
      stack: 'site2',
      connection: { dockerHost: 'ssh://edge@bastion', sshOpts: ['-i', 'key'] },
      state: { backend: 'local', options: { path: 'site2.tfstate' } },
      runtimes: ['rt2'],
    });
  });

  test('fails when hosts would share one state', () => {
    expect(
      problemsOf(() => validateConfig({ ...fleet, state: { backend: 'pg', schema_name: 'shared' }, hosts: { a: {}, b: {} } })),
    ).toEqual([
      '$.state.schema_name: would put the state of hosts a, b in one place, got "shared"; expected no schema_name here (each host gets its own), or a state under each host',
    ]);
  });

  test('fails when a host runs a runtime the config does not have, or stack is set beside hosts', () => {
    expect(problemsOf(() => validateConfig({ runtimes, hosts: { a: { runtimes: ['rt9'] } } }))).toEqual([
      '$.hosts.a.runtimes[0]: names no runtime, got "rt9"; expected one of rt1, rt2',
    ]);
    expect(problemsOf(() => validateConfig({ runtimes, stack: 'x', hosts: { a: {} } })).join()).toContain(
      '$.stack: is not used with hosts',
    );
  });

  test('fails when a host name is not a valid stack name', () => {
    expect(problemsOf(() => validateConfig({ runtimes, hosts: { 'a b': {} } })).join()).toContain('$.hosts');
  });

  test('a command picks the named host, or the only one', () => {
    const { hosts } = validateConfig(fleet);
    expect(selectHost(hosts, 'site2').name).toBe('site2');
    expect(() => selectHost(hosts)).toThrow('--host: the config has several hosts (site1, site2); name one');
    expect(() => selectHost(hosts, 'site9')).toThrow('--host: no host "site9" in the config; allowed: site1, site2');
    expect(selectHost(validateConfig({ runtimes }).hosts).name).toBe('edge');
  });
});
