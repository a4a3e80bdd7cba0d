import { compareWithEngine, EngineSnapshot, Intent, intendedState } from '../../../lib/core/drift/intent';

/** A cdk.tf.json with one macvlan network, one reused network and one container on both. */
const tfJson = {
  resource: {
    docker_network: {
      Lan_eth0: {
        name: 'macvlan_eth0_10.0.0.0_24',
        driver: 'macvlan',
        options: { parent: 'eth0' },
        ipam_config: [{ subnet: '10.0.0.0/24' }],
      },
      Rt_Internal: { name: 'rt1_internal', internal: true },
    },
    docker_container: {
      Rt_Container: {
        name: 'rt1',
        networks_advanced: [
          { name: '${docker_network.Rt_Internal.id}' },
          { name: '${docker_network.Lan_eth0.id}', ipv4_address: '10.0.0.50', mac_address: '02:00:00:00:00:01' },
          { name: '${data.docker_network.Legacy.id}' },
        ],
      },
    },
  },
  data: { docker_network: { Legacy: { name: 'legacy_lan' } } },
};

const endpoint = (IPAddress: string, MacAddress = '02:42:0a:00:00:32') => ({ IPAddress, MacAddress });

function engine(overrides: Partial<{ apiVersion: string; networks: Record<string, any>; rt1: any }> = {}): EngineSnapshot {
  const networks = overrides.networks ?? {
    'macvlan_eth0_10.0.0.0_24': { IPAM: { Config: [{ Subnet: '10.0.0.0/24' }] }, Options: { parent: 'eth0' } },
    rt1_internal: { IPAM: { Config: [{ Subnet: '10.200.0.0/24' }] } },
  };
  const rt1 =
    'rt1' in overrides
      ? overrides.rt1
      : {
          State: { Running: true, Status: 'running' },
          NetworkSettings: {
            Networks: {
              rt1_internal: endpoint('10.200.0.2'),
              'macvlan_eth0_10.0.0.0_24': endpoint('10.0.0.50'),
              legacy_lan: endpoint('10.5.0.3'),
            },
          },
        };
  return { apiVersion: overrides.apiVersion ?? '1.41', networks: new Map(Object.entries(networks)), containers: new Map([['rt1', rt1]]) };
}

const intent: Intent = intendedState(tfJson);
const details = (snapshot: EngineSnapshot) => compareWithEngine(intent, snapshot).map((f) => `${f.address} ${f.action}: ${f.detail}`);

describe('intendedState', () => {
  test('resolves network references (resources and data sources) to Docker names', () => {
    expect(intent.containers.get('docker_container.Rt_Container')).toEqual({
      name: 'rt1',
      endpoints: [
        { network: 'rt1_internal', ipv4: undefined, mac: undefined },
        { network: 'macvlan_eth0_10.0.0.0_24', ipv4: '10.0.0.50', mac: '02:00:00:00:00:01' },
        { network: 'legacy_lan', ipv4: undefined, mac: undefined },
      ],
    });
    expect(intent.networks.get('docker_network.Lan_eth0')).toEqual({
      name: 'macvlan_eth0_10.0.0.0_24',
      subnet: '10.0.0.0/24',
      parent: 'eth0',
    });
  });

  test('a stack with nothing in it intends nothing', () => {
    const empty = intendedState({});
    expect([empty.networks.size, empty.containers.size]).toEqual([0, 0]);
  });
});

describe('compareWithEngine', () => {
  test('finds nothing when the engine matches the intent', () => {
    expect(details(engine())).toEqual([]);
  });

  test('fails when a container on the host network (netmon, host access) is said to be on an extra network', () => {
    const onHost = intendedState({
      resource: { docker_container: { Access: { name: 'edgenet_host_access_eth0', network_mode: 'host' } } },
    });
    const joined = { State: { Running: true }, NetworkSettings: { Networks: { host: endpoint('') } } };
    const snapshot = { apiVersion: '1.41', networks: new Map(), containers: new Map([['edgenet_host_access_eth0', joined]]) };
    expect(compareWithEngine(onHost, snapshot)).toEqual([]);
    const moved = { ...joined, NetworkSettings: { Networks: { bridge: endpoint('172.17.0.2') } } };
    expect(
      compareWithEngine(onHost, { ...snapshot, containers: new Map([['edgenet_host_access_eth0', moved]]) }).map((f) => f.action),
    ).toEqual(['disconnected', 'extra-network']);
  });

  test('fails when a container was disconnected out of band', () => {
    const rt1 = engine().containers.get('rt1') as any;
    const networks = { ...rt1.NetworkSettings.Networks };
    delete networks['macvlan_eth0_10.0.0.0_24'];
    expect(details(engine({ rt1: { ...rt1, NetworkSettings: { Networks: networks } } }))).toEqual([
      'docker_container.Rt_Container disconnected: container rt1 is not connected to macvlan_eth0_10.0.0.0_24',
    ]);
  });

  test('fails when a container holds another address, is stopped, is gone or has an extra network', () => {
    const rt1 = engine().containers.get('rt1') as any;
    const moved = { ...rt1.NetworkSettings.Networks, 'macvlan_eth0_10.0.0.0_24': endpoint('10.0.0.99'), bridge: endpoint('172.17.0.2') };
    expect(details(engine({ rt1: { State: { Running: false, Status: 'exited' }, NetworkSettings: { Networks: moved } } }))).toEqual([
      'docker_container.Rt_Container stopped: container rt1 is exited',
      'docker_container.Rt_Container changed: container rt1 has 10.0.0.99 on macvlan_eth0_10.0.0.0_24, want 10.0.0.50',
      'docker_container.Rt_Container extra-network: container rt1 is also connected to bridge',
    ]);
    expect(details(engine({ rt1: undefined }))).toEqual(['docker_container.Rt_Container missing: container rt1 does not exist']);
  });

  test('fails when a network is gone or has another subnet or parent', () => {
    const networks = { 'macvlan_eth0_10.0.0.0_24': { IPAM: { Config: [{ Subnet: '10.0.9.0/24' }] }, Options: { parent: 'eth1' } } };
    expect(details(engine({ networks })).filter((d) => d.startsWith('docker_network'))).toEqual([
      'docker_network.Lan_eth0 changed: network macvlan_eth0_10.0.0.0_24 has subnet 10.0.9.0/24, want 10.0.0.0/24',
      'docker_network.Lan_eth0 changed: network macvlan_eth0_10.0.0.0_24 has parent eth1, want eth0',
      'docker_network.Rt_Internal missing: network rt1_internal does not exist',
    ]);
  });

  test("compares the MAC on the wire: the engine's record where it applies MACs on connect, else the links read", () => {
    const wrong =
      'docker_container.Rt_Container changed: container rt1 has MAC 02:42:0a:00:00:32 on macvlan_eth0_10.0.0.0_24, want 02:00:00:00:00:01';
    expect(details(engine({ apiVersion: '1.54' }))).toEqual([wrong]);
    const rt1 = (links?: string[]) => ({ ...engine().containers.get('rt1'), ...(links ? { links } : {}) });
    const older = (links?: string[]) => details({ ...engine({ apiVersion: '1.41' }), containers: new Map([['rt1', rt1(links)]]) });
    expect(older()).toEqual([]);
    expect(older(['02:00:00:00:00:01'])).toEqual([]);
    expect(older(['02:42:0a:00:00:32'])).toEqual([wrong]);
    expect(older(['02:00:00:00:be:ef'])).toEqual([
      'docker_container.Rt_Container changed: container rt1 has MAC none of its links has the declared one on macvlan_eth0_10.0.0.0_24, want 02:00:00:00:00:01',
    ]);
  });
});

describe('network attachments', () => {
  const withAttachment = {
    resource: {
      docker_network: { Lan_eth0: { name: 'lan' }, Rt_Internal: { name: 'rt1_internal' } },
      docker_container: { Rt_Container: { name: 'rt1', networks_advanced: [{ name: '${docker_network.Rt_Internal.id}' }] } },
      edgenet_network_attachment: {
        Rt_lan: { container: '${docker_container.Rt_Container.id}', network: '${docker_network.Lan_eth0.id}', ipv4_address: '10.0.0.50' },
      },
    },
  };

  test("a disconnected LAN endpoint is the attachment's drift, not the container's: nothing is replaced for it", () => {
    const snapshot: EngineSnapshot = {
      apiVersion: '1.41',
      networks: new Map([
        ['lan', {}],
        ['rt1_internal', {}],
      ]),
      containers: new Map([
        ['rt1', { State: { Running: true }, NetworkSettings: { Networks: { rt1_internal: { IPAddress: '10.200.0.2' } } } }],
      ]),
    };
    const findings = compareWithEngine(intendedState(withAttachment), snapshot);
    expect(findings).toEqual([
      {
        address: 'edgenet_network_attachment.Rt_lan',
        source: 'engine',
        action: 'disconnected',
        detail: 'container rt1 is not connected to lan',
      },
    ]);
  });
});
