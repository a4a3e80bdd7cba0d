import { Intent } from '../../lib/core/drift/intent';
import { nameConflicts, stateNames } from '../../lib/core/name-conflicts';

const names = (containers: string[], networks: string[]) => ({ containers: new Set(containers), networks: new Set(networks) });

/** An intent whose containers and networks come in no particular order, as the stack lists them. */
const intent: Intent = {
  containers: new Map(
    ['rt-m', 'rt-z', 'rt-a', 'rt-q', 'rt-c'].map((name) => [`docker_container.${name}`, { name, endpoints: [] }] as const),
  ),
  networks: new Map(['net-y', 'net-b', 'net-k', 'net-a', 'net-x'].map((name) => [`docker_network.${name}`, { name }] as const)),
};
const everyName = names(
  [...intent.containers.values()].map((c) => c.name),
  [...intent.networks.values()].map((n) => n.name),
);

describe('nameConflicts: the order they are reported in', () => {
  test('fails when the conflicts are not containers first, then networks, each by name', () => {
    expect(nameConflicts(intent, everyName, names([], []), 'edge').map((c) => `${c.kind} ${c.name}`)).toEqual([
      'container rt-a',
      'container rt-c',
      'container rt-m',
      'container rt-q',
      'container rt-z',
      'network net-a',
      'network net-b',
      'network net-k',
      'network net-x',
      'network net-y',
    ]);
  });

  test('fails when a container sorts after a network whose name comes first', () => {
    const found = nameConflicts(intent, names(['rt-z'], ['net-a']), names([], []), 'edge');
    expect(found).toEqual([
      { kind: 'container', name: 'rt-z', address: 'docker_container.rt-z' },
      { kind: 'network', name: 'net-a', address: 'docker_network.net-a' },
    ]);
  });
});

describe("stateNames: what a state's resources hold", () => {
  test('fails when a managed resource of another type, or an instance without a name, adds a name', () => {
    const state = {
      version: 4,
      resources: [
        { mode: 'managed', type: 'docker_image', instances: [{ attributes: { name: 'local/busybox:latest' } }] },
        { mode: 'managed', type: 'edgenet_network_attachment', instances: [{ attributes: { name: 'lan' } }] },
        { mode: 'managed', type: 'docker_container', instances: [{ attributes: {} }, { attributes: { name: 'rt1' } }] },
        { mode: 'managed', type: 'docker_network', instances: [{ attributes: { name: 'rt1_internal' } }] },
      ],
    };
    expect(stateNames(state)).toEqual(names(['rt1'], ['rt1_internal']));
  });

  test('fails when null resources, null instances or instances without attributes break the read', () => {
    const state = {
      version: 4,
      resources: [
        null,
        { mode: 'managed', type: 'docker_container', instances: [null, {}, { attributes: null }, { attributes: { name: 'rt1' } }] },
      ],
    };
    expect(stateNames(state)).toEqual(names(['rt1'], []));
  });
});
