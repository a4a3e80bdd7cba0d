import { changedKeys, containersToReplace, driftReport, findingsFromPlan, normalizeEmpty } from '../../../lib/core/drift/findings';
import { Finding } from '../../../lib/core/drift/intent';

describe('normalizeEmpty', () => {
  test('treats null, "", 0, false, [] and {} as the same nothing', () => {
    for (const empty of [null, '', 0, false, [], {}, [null, ''], { a: null, b: [] }]) expect(normalizeEmpty(empty)).toBeUndefined();
  });

  test('keeps values, sorts keys and set elements', () => {
    expect(normalizeEmpty({ b: 1, a: 'x', c: '' })).toEqual({ a: 'x', b: 1 });
    expect(normalizeEmpty([{ label: 'b' }, { label: 'a', value: '' }])).toEqual([{ label: 'a' }, { label: 'b' }]);
  });
});

describe('changedKeys', () => {
  test('lists only attributes whose meaning changed', () => {
    expect(changedKeys({ a: null, b: [], c: 'x', d: 1 }, { a: '', b: null, c: 'y' })).toEqual(['c', 'd']);
    expect(changedKeys(undefined, { a: 'x' })).toEqual(['a']);
    expect(changedKeys({ labels: [{ label: 'a', value: 'b' }] }, { labels: [{ label: 'a', value: 'b', extra: '' }] })).toEqual([]);
  });
});

describe('findingsFromPlan', () => {
  test('reports deleted resources and real attribute changes, not spelling', () => {
    const plan = {
      resource_drift: [
        { address: 'docker_container.a', change: { actions: ['delete'] } },
        {
          address: 'docker_container.b',
          change: { actions: ['update'], before: { dns: ['1.1.1.1'], env: null }, after: { dns: ['9.9.9.9'], env: [] } },
        },
        { address: 'docker_network.c', change: { actions: ['update'], before: { labels: null }, after: { labels: [] } } },
      ],
    };
    expect(findingsFromPlan(plan)).toEqual([
      { address: 'docker_container.a', source: 'state', action: 'delete', detail: 'gone from the engine' },
      { address: 'docker_container.b', source: 'state', action: 'update', detail: 'changed: dns' },
    ]);
    expect(findingsFromPlan({})).toEqual([]);
  });
});

const finding = (address: string, source: Finding['source'], action: string): Finding => ({ address, source, action, detail: '' });

describe('driftReport', () => {
  test('is clean with no findings', () => {
    expect(driftReport([], [])).toEqual({ drifted: false, findings: [] });
  });

  test('says each thing once: the precise finding wins over the refresh\'s bare "gone"; a bare "missing" does not repeat it', () => {
    const report = driftReport(
      [finding('docker_container.a', 'state', 'delete'), finding('edgenet_network_attachment.b', 'state', 'delete')],
      [
        finding('docker_container.a', 'engine', 'missing'),
        finding('edgenet_network_attachment.b', 'engine', 'disconnected'),
        finding('docker_network.n', 'engine', 'missing'),
      ],
    );
    expect(report.drifted).toBe(true);
    expect(report.findings.map((f) => `${f.address} ${f.source} ${f.action}`)).toEqual([
      'docker_container.a state delete',
      'edgenet_network_attachment.b engine disconnected',
      'docker_network.n engine missing',
    ]);
  });
});

describe('containersToReplace', () => {
  test('replaces containers the engine shows off their intent, once each, sorted; not missing ones or networks', () => {
    // fails when an extra network (every runtime, between a LAN move and its apply) restarts the container
    expect(containersToReplace([finding('docker_container.e', 'engine', 'extra-network')])).toEqual([]);
    const findings = [
      finding('docker_container.b', 'engine', 'disconnected'),
      finding('docker_container.a', 'engine', 'changed'),
      finding('docker_container.b', 'engine', 'stopped'),
      finding('docker_container.c', 'engine', 'missing'),
      finding('docker_container.d', 'state', 'update'),
      finding('docker_network.n', 'engine', 'changed'),
    ];
    expect(containersToReplace(findings)).toEqual(['docker_container.a', 'docker_container.b']);
  });
});

describe('read-only attributes', () => {
  test("a container's network_data moving as attachments connect is not drift; its real attributes are", () => {
    const plan = {
      resource_drift: [
        {
          address: 'docker_container.a',
          type: 'docker_container',
          change: {
            actions: ['update'],
            before: { network_data: [{ network_name: 'x' }] },
            after: { network_data: [{ network_name: 'x' }, { network_name: 'lan' }] },
          },
        },
        {
          address: 'docker_container.b',
          type: 'docker_container',
          change: {
            actions: ['update'],
            before: { network_data: [], dns: ['1.1.1.1'] },
            after: { network_data: [{ network_name: 'lan' }], dns: ['9.9.9.9'] },
          },
        },
      ],
    };
    expect(findingsFromPlan(plan)).toEqual([{ address: 'docker_container.b', source: 'state', action: 'update', detail: 'changed: dns' }]);
  });
});
