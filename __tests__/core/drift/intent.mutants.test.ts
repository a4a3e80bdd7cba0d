import { compareWithEngine, EngineSnapshot, intendedState } from '../../../lib/core/drift/intent';

/** One macvlan network (subnet and parent) and one container, rt1, on it with a fixed address and MAC. */
const tfJson = {
  resource: {
    docker_network: {
      Lan: { name: 'lan', options: { parent: 'eth0' }, ipam_config: [{ subnet: '10.0.0.0/24' }] },
    },
    docker_container: {
      Rt: {
        name: 'rt1',
        networks_advanced: [{ name: '${docker_network.Lan.id}', ipv4_address: '10.0.0.50', mac_address: '02:00:00:00:00:01' }],
      },
    },
  },
};
const intent = intendedState(tfJson);

const snapshot = (networks: Record<string, any>, rt1: any, apiVersion = '1.41'): EngineSnapshot => ({
  apiVersion,
  networks: new Map(Object.entries(networks)),
  containers: new Map([['rt1', rt1]]),
});
const lan = { IPAM: { Config: [{ Subnet: '10.0.0.0/24' }] }, Options: { parent: 'eth0' } };
const running = { State: { Running: true, Status: 'running' } };
const onLan = (endpoint: Record<string, string>) => ({ ...running, NetworkSettings: { Networks: { lan: endpoint } } });

describe('intendedState: what cdk.tf.json leaves out', () => {
  test('fails when a network with an empty ipam_config, or a container without networks_advanced, is misread', () => {
    const read = intendedState({
      resource: { docker_network: { Bare: { name: 'bare', ipam_config: [] } }, docker_container: { Rt: { name: 'rt1' } } },
    });
    expect(read.networks.get('docker_network.Bare')).toEqual({ name: 'bare', subnet: undefined, parent: undefined });
    expect(read.containers.get('docker_container.Rt')).toEqual({ name: 'rt1', endpoints: [] });
  });

  test('fails when an attachment to a container the stack does not create (or not by reference) is not passed over', () => {
    const read = intendedState({
      resource: {
        docker_container: { Rt: { name: 'rt1' } },
        edgenet_network_attachment: {
          Other: { container: '${docker_container.Other.id}', network: 'lan' },
          Literal: { container: 'rt1', network: 'lan' },
        },
      },
    });
    expect([...read.containers.values()]).toEqual([{ name: 'rt1', endpoints: [] }]);
  });
});

describe("compareWithEngine: every finding is the engine's, whole", () => {
  test('fails when a missing network or container is not an engine finding', () => {
    expect(compareWithEngine(intent, snapshot({}, undefined))).toEqual([
      { address: 'docker_network.Lan', source: 'engine', action: 'missing', detail: 'network lan does not exist' },
      { address: 'docker_container.Rt', source: 'engine', action: 'missing', detail: 'container rt1 does not exist' },
    ]);
  });

  test('fails when a network the engine reports without IPAM config or options is not found changed', () => {
    for (const bare of [{}, { IPAM: {} }, { IPAM: { Config: [] } }, { IPAM: { Config: [{ Subnet: null }] }, Options: { parent: null } }]) {
      expect(compareWithEngine(intent, snapshot({ lan: bare }, onLan({ IPAddress: '10.0.0.50' })))).toEqual([
        {
          address: 'docker_network.Lan',
          source: 'engine',
          action: 'changed',
          detail: 'network lan has subnet none, want 10.0.0.0/24',
        },
        { address: 'docker_network.Lan', source: 'engine', action: 'changed', detail: 'network lan has parent none, want eth0' },
      ]);
    }
  });

  test('fails when a container the engine reports without state or network settings is not found stopped and disconnected', () => {
    expect(compareWithEngine(intent, snapshot({ lan }, {}))).toEqual([
      { address: 'docker_container.Rt', source: 'engine', action: 'stopped', detail: 'container rt1 is not running' },
      { address: 'docker_container.Rt', source: 'engine', action: 'disconnected', detail: 'container rt1 is not connected to lan' },
    ]);
  });

  test('fails when another address, another MAC or an extra network is not an engine finding', () => {
    const rt1 = {
      ...running,
      NetworkSettings: {
        Networks: { lan: { IPAddress: '10.0.0.99', MacAddress: '02:00:00:00:00:99' }, bridge: { IPAddress: '172.17.0.2' } },
      },
    };
    expect(compareWithEngine(intent, snapshot({ lan }, rt1, '1.54'))).toEqual([
      { address: 'docker_container.Rt', source: 'engine', action: 'changed', detail: 'container rt1 has 10.0.0.99 on lan, want 10.0.0.50' },
      {
        address: 'docker_container.Rt',
        source: 'engine',
        action: 'changed',
        detail: 'container rt1 has MAC 02:00:00:00:00:99 on lan, want 02:00:00:00:00:01',
      },
      { address: 'docker_container.Rt', source: 'engine', action: 'extra-network', detail: 'container rt1 is also connected to bridge' },
    ]);
  });

  test('fails when an endpoint the engine reports without address or MAC reads as "undefined"', () => {
    expect(compareWithEngine(intent, snapshot({ lan }, onLan({ IPAddress: '', MacAddress: '' }), '1.54')).map((f) => f.detail)).toEqual([
      'container rt1 has no address on lan, want 10.0.0.50',
      'container rt1 has MAC none on lan, want 02:00:00:00:00:01',
    ]);
  });

  test('fails when the intended MAC, honoured by the engine, is found changed', () => {
    expect(
      compareWithEngine(intent, snapshot({ lan }, onLan({ IPAddress: '10.0.0.50', MacAddress: '02:00:00:00:00:01' }), '1.54')),
    ).toEqual([]);
  });
});
