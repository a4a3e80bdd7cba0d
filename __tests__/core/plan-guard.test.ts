import { destroysEveryRuntime } from '../../lib/core/plan-guard';

describe('plan guard', () => {
  const change = (name: string, actions: string[], before: unknown = { name }) => ({
    address: `docker_container.${name}`,
    type: 'docker_container',
    change: { actions, before },
  });

  test('refuses a plan that deletes every existing container and creates none', () => {
    expect(destroysEveryRuntime({ resource_changes: [change('a', ['delete']), change('b', ['delete'])] })).toBe(
      'the plan would destroy every runtime container (docker_container.a, docker_container.b) and create none',
    );
  });

  test.each([
    ['replacements (a subnet move)', [change('a', ['delete', 'create']), change('b', ['create', 'delete'])]],
    ['deleting some but not all', [change('a', ['delete']), change('b', ['no-op'])]],
    ['a first apply (nothing exists yet)', [change('a', ['create'], null)]],
    ['no containers at all', [{ address: 'docker_network.n', type: 'docker_network', change: { actions: ['delete'], before: {} } }]],
  ])('allows %s', (_what, resourceChanges) => {
    expect(destroysEveryRuntime({ resource_changes: resourceChanges })).toBeUndefined();
  });
});
