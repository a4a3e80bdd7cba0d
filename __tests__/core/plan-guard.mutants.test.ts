import { destroysEveryRuntime } from '../../lib/core/plan-guard';

describe('plan guard: plans that say too little to refuse', () => {
  test('fails when a missing plan breaks the guard instead of passing it: there is nothing to refuse', () => {
    expect(destroysEveryRuntime(undefined)).toBeUndefined();
    expect(destroysEveryRuntime(null)).toBeUndefined();
  });

  test('fails when a container change without a change record counts, or breaks the guard', () => {
    const plan = {
      resource_changes: [
        { address: 'docker_container.a', type: 'docker_container' },
        { address: 'docker_container.b', type: 'docker_container', change: { actions: ['delete'], before: { name: 'b' } } },
      ],
    };
    expect(destroysEveryRuntime(plan)).toBe('the plan would destroy every runtime container (docker_container.b) and create none');
  });
});
