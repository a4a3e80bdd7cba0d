import { adoptionImports, ownersIn, refusedReplacements, replacementsIn } from '../../lib/core/adoption';

const tfJson = {
  resource: {
    docker_network: {
      Lan: { name: 'macvlan_eth0_10.0.0.0_24' },
      Rt_Internal: { name: 'rt1_internal', '//': { metadata: { path: 'edge/Runtimes/rt1/Internal/Resource' } } },
    },
    docker_container: {
      Rt_Container: { name: 'rt1', '//': { metadata: { path: 'edge/Runtimes/rt1/Container/Resource' } } },
      Rt2_Container: { name: 'rt2', '//': { metadata: { path: 'edge/Runtimes/rt2/Container/Resource' } } },
    },
    edgenet_network_attachment: {
      Rt_Lan: {
        container: '${docker_container.Rt_Container.id}',
        network: '${docker_network.Lan.id}',
        '//': { metadata: { path: 'edge/Runtimes/rt1/Container/vnic-lan' } },
      },
      Rt2_Lan: { container: '${docker_container.Rt2_Container.id}', network: '${docker_network.Lan.id}' },
    },
  },
};

const engine = {
  containers: new Map([
    ['rt1', 'c1'],
    ['rt2', 'c2'],
  ]),
  networks: new Map([
    ['macvlan_eth0_10.0.0.0_24', 'n1'],
    ['rt1_internal', 'n2'],
  ]),
  endpoints: new Set(['rt1:macvlan_eth0_10.0.0.0_24', 'rt1:rt1_internal']),
};

describe('adoptionImports', () => {
  test('fails when something the engine runs is not imported, by the ID its provider imports it by', () => {
    expect(adoptionImports(tfJson, engine, new Set())).toEqual([
      { to: 'docker_container.Rt2_Container', id: 'c2' },
      { to: 'docker_container.Rt_Container', id: 'c1' },
      { to: 'docker_network.Lan', id: 'n1' },
      { to: 'docker_network.Rt_Internal', id: 'n2' },
      { to: 'edgenet_network_attachment.Rt_Lan', id: 'rt1:macvlan_eth0_10.0.0.0_24' },
    ]);
  });

  test('fails when what the state holds, or an endpoint the engine lacks, is imported', () => {
    const inState = new Set(['docker_container.Rt_Container', 'docker_network.Lan', 'edgenet_network_attachment.Rt_Lan']);
    expect(adoptionImports(tfJson, engine, inState).map((i) => i.to)).toEqual([
      'docker_container.Rt2_Container',
      'docker_network.Rt_Internal',
    ]);
  });

  test('fails when a name the engine lacks is imported', () => {
    const none = { containers: new Map(), networks: new Map(), endpoints: new Set<string>() };
    expect(adoptionImports(tfJson, none, new Set())).toEqual([]);
  });
});

describe('ownersIn', () => {
  test("fails when a resource is not its runtime's, or a vNIC's attachment not the vNIC's", () => {
    expect(ownersIn(tfJson)).toEqual(
      new Map([
        ['docker_network.Rt_Internal', { runtime: 'rt1' }],
        ['docker_container.Rt_Container', { runtime: 'rt1' }],
        ['docker_container.Rt2_Container', { runtime: 'rt2' }],
        ['edgenet_network_attachment.Rt_Lan', { runtime: 'rt1', vnic: 'lan' }],
      ]),
    );
  });
});

const replacing = (address: string, type: string, before: any, after: any, paths: string[][], extra: any = {}) => ({
  address,
  type,
  change: { actions: ['delete', 'create'], before, after, after_unknown: extra.unknown ?? {}, replace_paths: paths },
  ...(extra.reason ? { action_reason: extra.reason } : {}),
});

const plan = {
  resource_changes: [
    replacing('docker_container.Rt_Container', 'docker_container', { name: 'rt1', image: 'a:1' }, { name: 'rt1', image: 'a:2' }, [
      ['image'],
    ]),
    replacing('edgenet_network_attachment.Rt_Lan', 'edgenet_network_attachment', { container: 'c1' }, {}, [['container']], {
      unknown: { container: true },
    }),
    replacing('docker_network.Lan', 'docker_network', { name: 'lan', labels: [] }, { name: 'lan', labels: [{ label: 'x' }] }, [['labels']]),
    { address: 'docker_container.Rt2_Container', type: 'docker_container', change: { actions: ['update'], before: {}, after: {} } },
    {
      address: 'edgenet_network_attachment.Rt2_Lan',
      type: 'edgenet_network_attachment',
      change: { actions: ['create'], before: null, after: {} },
    },
  ],
};

describe('replacementsIn', () => {
  test('fails when a replacement is missed, an update or a create is taken for one, or its attributes are not what runs against what is declared', () => {
    const found = replacementsIn(plan, ownersIn(tfJson));
    expect(found.map((r) => r.address)).toEqual([
      'docker_container.Rt_Container',
      'edgenet_network_attachment.Rt_Lan',
      'docker_network.Lan',
    ]);
    expect(found[0].differences).toEqual(['image: "a:1" on the engine, "a:2" in the config']);
    expect(found[1].differences).toEqual(['container: "c1" on the engine, a value known only after apply in the config']);
  });

  test('fails when a replacement by a trigger (the internal network) gives no reason', () => {
    const triggered = {
      resource_changes: [
        replacing('docker_container.Rt_Container', 'docker_container', { name: 'rt1' }, { name: 'rt1' }, [], {
          reason: 'replace_by_triggers',
        }),
      ],
    };
    expect(replacementsIn(triggered, new Map())[0].differences).toEqual(['its internal network would be replaced']);
  });
});

describe('refusedReplacements', () => {
  const found = replacementsIn(plan, ownersIn(tfJson));

  test('fails when a runtime takes more than one line, or its vNIC repeats that its container is new', () => {
    expect(refusedReplacements(found, new Set())).toEqual([
      'runtime rt1 would be replaced (restarted), container rt1: image: "a:1" on the engine, "a:2" in the config',
      'network lan would be replaced, disconnecting every runtime on it: labels: [] on the engine, [{"label":"x"}] in the config',
    ]);
  });

  test('fails when --allow-restart does not allow that runtime, or allows a network every runtime is on', () => {
    expect(refusedReplacements(found, new Set(['rt1']))).toEqual([expect.stringMatching(/^network lan would be replaced/)]);
  });

  test('fails when a vNIC reconnected on its own is not named with what differs', () => {
    const onlyVnic = replacementsIn(
      {
        resource_changes: [
          replacing('edgenet_network_attachment.Rt_Lan', 'edgenet_network_attachment', { mac_address: 'x' }, { mac_address: 'y' }, [
            ['mac_address'],
          ]),
        ],
      },
      ownersIn(tfJson),
    );
    expect(refusedReplacements(onlyVnic, new Set())).toEqual([
      'runtime rt1 would have vNICs reconnected: vNIC lan: mac_address: "x" on the engine, "y" in the config',
    ]);
  });
});
