import { checkContainerNames } from '../../../lib/core/config/container-names';
import { ProblemList, ValidationError } from '../../../lib/core/errors';

type Runtimes = Parameters<typeof checkContainerNames>[1];

/** The `path: message` lines checkContainerNames reports, none when it reports nothing. */
function problemsFor(runtimes: Runtimes, manager: string | undefined, withNetmon: boolean): string[] {
  const problems = new ProblemList();
  checkContainerNames(problems, runtimes, manager, withNetmon);
  try {
    problems.throwIfAny();
  } catch (err) {
    if (err instanceof ValidationError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

const rt = (name: string, index: number) => ({ name, path: `$.runtimes[${index}]`, vnics: [] });

describe('checkContainerNames', () => {
  test("fails when a manager named like edgenet's netmon container is refused while the stack runs no netmon", () => {
    expect(problemsFor([rt('ra', 0)], 'edgenet_netmon', false)).toEqual([]);
  });

  test("fails when a manager named like edgenet's netmon container is not refused while the stack runs netmon", () => {
    expect(problemsFor([rt('ra', 0)], 'edgenet_netmon', true)).toEqual([
      '$.manager.container: takes the container name of edgenet\'s netmon container, got "edgenet_netmon"; expected a container name no other container of the stack has (a dhcp vNIC\'s client is <runtime>_dhcp_<vnic>)',
    ]);
  });

  test('fails when a second runtime of one name is not reported as a duplicate, with what is allowed', () => {
    expect(problemsFor([rt('ra', 0), rt('ra', 1)], undefined, true)).toEqual([
      '$.runtimes[1].name: duplicates the runtime at $.runtimes[0], got "ra"; expected runtime names unique in the stack',
    ]);
  });
});
