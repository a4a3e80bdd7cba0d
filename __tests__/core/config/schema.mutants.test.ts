import { validateConfig } from '../../../lib/core/config/validate';
import { NETMON_CONTAINER_NAME } from '../../../lib/core/naming';
import { problemsOf, runtime } from '../../helpers';

const runtimes = [runtime('rt1')];

describe('port protocol', () => {
  test('fails when a word other than tcp or udp is not reported as not valid, with the protocols allowed', () => {
    expect(problemsOf(() => validateConfig({ runtimes: [runtime('rt1', { ports: [{ internal: 80, protocol: 'sctp' }] })] }))).toEqual([
      '$.runtimes[0].ports[0].protocol: is not valid, got "sctp"; expected tcp or udp',
    ]);
  });

  test('fails when a protocol that is not a string is not reported as not a string', () => {
    expect(problemsOf(() => validateConfig({ runtimes: [runtime('rt1', { ports: [{ internal: 80, protocol: 6 }] })] }))).toEqual([
      '$.runtimes[0].ports[0].protocol: is not a string, got 6; expected tcp or udp',
    ]);
  });
});

describe('runtime settings', () => {
  test('fails when isolated is not a boolean, saying so with the values allowed', () => {
    expect(problemsOf(() => validateConfig({ runtimes: [runtime('rt1', { isolated: 'yes' })] }))).toEqual([
      '$.runtimes[0].isolated: is not a boolean, got "yes"; expected true or false',
    ]);
  });

  test("fails when a runtime takes the name of edgenet's own netmon container", () => {
    expect(problemsOf(() => validateConfig({ runtimes: [runtime(NETMON_CONTAINER_NAME)] }))).toEqual([
      `$.runtimes[0].name: is the name of edgenet's own netmon container, got "${NETMON_CONTAINER_NAME}"; expected another name`,
    ]);
  });
});

describe('top-level mappings', () => {
  test('fails when hosts is not a mapping, saying what it maps', () => {
    expect(problemsOf(() => validateConfig({ runtimes, hosts: ['site1'] }))).toEqual([
      '$.hosts: is not a mapping, got ["site1"]; expected a mapping of host name to its docker_host, state and facts',
    ]);
  });

  test('fails when lans is not a mapping, saying what it maps', () => {
    expect(problemsOf(() => validateConfig({ runtimes, lans: 'eth0' }))).toEqual([
      '$.lans: is not a mapping, got "eth0"; expected a mapping of parent interface to its LAN settings',
    ]);
  });
});
