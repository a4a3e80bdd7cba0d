import { Testing } from 'cdktf';
import { EdgeStack } from '../../constructs/edge-stack';
import { intendedState } from '../../lib/core/drift/intent';
import { describeConflict, nameConflicts, stateNames } from '../../lib/core/name-conflicts';
import { model, runtime } from '../helpers';

const intent = () =>
  intendedState(
    JSON.parse(Testing.synth(new EdgeStack(Testing.app(), 'edge', { model: model([runtime('rt1', { vnics: [{ name: 'lan' }] })]) }))),
  );
const names = (containers: string[], networks: string[]) => ({ containers: new Set(containers), networks: new Set(networks) });

describe('names taken outside the state', () => {
  test('fails when the engine has a container or network of a name the stack creates and its state does not hold, one each, containers first', () => {
    const found = nameConflicts(
      intent(),
      names(['rt1', 'agent'], ['rt1_internal', 'macvlan_eth0_192.168.1.0_24', 'bridge']),
      names([], []),
      'edge',
    );
    expect(found.map((c) => `${c.kind} ${c.name}`)).toEqual([
      'container rt1',
      'network macvlan_eth0_192.168.1.0_24',
      'network rt1_internal',
    ]);
    expect(describeConflict(found[0], 'edge')).toMatch(
      /^conflict: container rt1 exists on the engine but not in the state of stack edge \(it would be docker_container\.Runtimes_rt1_Container_\w+\); take it over as it runs with edgenet adopt, or remove or rename it$/,
    );
  });

  test("names in the stack's own state are not conflicts", () => {
    const state = {
      version: 4,
      resources: [
        { mode: 'managed', type: 'docker_container', instances: [{ attributes: { name: 'rt1' } }] },
        { mode: 'managed', type: 'docker_network', instances: [{ attributes: { name: 'rt1_internal' } }] },
        { mode: 'data', type: 'docker_network', instances: [{ attributes: { name: 'macvlan_eth0_192.168.1.0_24' } }] },
      ],
    };
    expect(stateNames(state)).toEqual(names(['rt1'], ['rt1_internal']));
    expect(nameConflicts(intent(), names(['rt1'], ['rt1_internal']), stateNames(state), 'edge')).toEqual([]);
    expect(stateNames(undefined)).toEqual(names([], []));
  });

  test("fails when a network labelled as this stack's, outside the state, is called someone else's", () => {
    const lan = 'macvlan_eth0_192.168.1.0_24';
    const engine = { ...names([], ['rt1_internal', lan]), networkStacks: new Map([[lan, 'edge']]) };
    expect(nameConflicts(intent(), engine, names([], []), 'edge').map((c) => c.name)).toEqual(['rt1_internal']);
  });

  test("fails when another stack's label makes a network this stack's own", () => {
    const lan = 'macvlan_eth0_192.168.1.0_24';
    const engine = { ...names([], [lan]), networkStacks: new Map([[lan, 'other']]) };
    expect(nameConflicts(intent(), engine, names([], []), 'edge').map((c) => c.name)).toEqual([lan]);
  });
});
