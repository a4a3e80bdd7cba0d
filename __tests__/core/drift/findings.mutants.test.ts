import { changedKeys, findingsFromPlan, normalizeEmpty } from '../../../lib/core/drift/findings';

describe('normalizeEmpty: one spelling per value', () => {
  test('fails when the keys of a mapping do not come out sorted, whatever order they went in', () => {
    for (const value of [
      { c: 1, a: 2, b: 3 },
      { b: 1, c: 2, a: 3 },
      { a: 1, b: 2, c: 3 },
      { c: 1, b: 2, a: 3 },
    ]) {
      expect(Object.keys(normalizeEmpty(value) as object)).toEqual(['a', 'b', 'c']);
    }
  });
});

describe('changedKeys', () => {
  test('fails when the same nested mapping written in another key order counts as a change', () => {
    const before = { labels: { zone: 'a', app: 'plc', tier: 'edge' }, healthcheck: { interval: '5s', retries: 3, test: ['CMD'] } };
    const after = { labels: { tier: 'edge', zone: 'a', app: 'plc' }, healthcheck: { test: ['CMD'], interval: '5s', retries: 3 } };
    expect(changedKeys(before, after)).toEqual([]);
  });

  test('fails when the changed attributes are not listed in sorted order', () => {
    expect(changedKeys({ memory: 1, image: 'a', dns: ['1.1.1.1'] }, { memory: 2, image: 'b', dns: ['9.9.9.9'] })).toEqual([
      'dns',
      'image',
      'memory',
    ]);
  });

  test('fails when a missing after map breaks the comparison: every attribute that held a value has changed', () => {
    expect(changedKeys({ image: 'a', env: [] }, undefined)).toEqual(['image']);
  });
});

describe('findingsFromPlan', () => {
  test('fails when a drift entry without a change (or without actions) breaks the report instead of being read as it is', () => {
    const plan = {
      resource_drift: [
        { address: 'docker_network.n', type: 'docker_network' },
        { address: 'docker_container.a', type: 'docker_container', change: { before: { image: 'a' }, after: { image: 'b' } } },
      ],
    };
    expect(findingsFromPlan(plan)).toEqual([{ address: 'docker_container.a', source: 'state', action: '', detail: 'changed: image' }]);
  });

  test('fails when several changed attributes are not listed comma-separated, or several actions not joined with +', () => {
    const plan = {
      resource_drift: [
        {
          address: 'docker_container.a',
          type: 'docker_container',
          change: { actions: ['read', 'update'], before: { image: 'a', memory: 1 }, after: { image: 'b', memory: 2 } },
        },
      ],
    };
    expect(findingsFromPlan(plan)).toEqual([
      { address: 'docker_container.a', source: 'state', action: 'read+update', detail: 'changed: image, memory' },
    ]);
  });
});
