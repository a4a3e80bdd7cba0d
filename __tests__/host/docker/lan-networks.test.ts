import { DockerApi } from '../../../lib/host/docker/docker-api';
import { engineLanNetworksOf, lanNetworkFacts, readLanNetworks } from '../../../lib/host/docker/lan-networks';

// The shapes the engine's API answers with (/networks and /containers/json?all=1), cut down to
// what is read; the reads themselves run against a real engine in e2e.
const lan = {
  Id: 'n1',
  Name: 'macvlan_eth0_10.0.5.0_24',
  Driver: 'macvlan',
  Options: { parent: 'eth0' },
  Labels: { 'io.edgenet.stack': 'edge' },
  IPAM: { Config: [{ Subnet: '10.0.5.0/24', Gateway: '10.0.5.1' }] },
};
const other = { Id: 'n2', Name: 'ipvlan_wlan0_10.0.6.0_24', Driver: 'ipvlan', Options: { parent: 'wlan0' }, Labels: {}, IPAM: {} };
const container = (name: string, state: string, networkIds: string[]) => ({
  Names: [`/${name}`],
  State: state,
  NetworkSettings: { Networks: Object.fromEntries(networkIds.map((id, i) => [`net${i}`, { NetworkID: id }])) },
});
const containers = [
  container('rt1', 'running', ['internal1', 'n1']),
  container('rt2', 'exited', ['n1']),
  container('rt3', 'running', ['n2']),
];

describe('the LAN networks the engine has', () => {
  test('fails when a stopped container is not counted on the networks it keeps', () => {
    expect(engineLanNetworksOf([lan], containers)[0].containers).toEqual(['rt1', 'rt2']);
  });

  test("fails when a container on another network is counted on this one, or a network's details are lost", () => {
    expect(engineLanNetworksOf([lan, other], containers)).toEqual([
      {
        id: 'n1',
        name: lan.Name,
        driver: 'macvlan',
        options: { parent: 'eth0' },
        labels: { 'io.edgenet.stack': 'edge' },
        containers: ['rt1', 'rt2'],
      },
      { id: 'n2', name: other.Name, driver: 'ipvlan', options: { parent: 'wlan0' }, labels: {}, containers: ['rt3'] },
    ]);
  });

  test('fails when a container with no network settings breaks the read', () => {
    expect(engineLanNetworksOf([lan], [{ Names: ['/bare'], State: 'created' }])[0].containers).toEqual([]);
  });

  test('fails when the facts lose the parent, subnet, gateway or stack, or come out of name order', () => {
    expect(lanNetworkFacts([lan, other])).toEqual([
      { name: other.Name, driver: 'ipvlan', parent: 'wlan0', subnet: null, gateway: null, managed_by: null },
      { name: lan.Name, driver: 'macvlan', parent: 'eth0', subnet: '10.0.5.0/24', gateway: '10.0.5.1', managed_by: 'edge' },
    ]);
  });

  test('fails when the read asks more than the two lists and the version, or counts a stopped container as running', async () => {
    const asked: string[] = [];
    const engine = {
      get: async (path: string) => {
        asked.push(path);
        if (path === '/version') return { ApiVersion: '1.56' };
        return path.startsWith('/networks') ? [lan] : containers;
      },
    } as unknown as DockerApi;
    const read = await readLanNetworks(engine);
    expect(asked).toEqual([
      `/networks?filters=${encodeURIComponent('{"driver":["macvlan","ipvlan"]}')}`,
      '/containers/json?all=1',
      '/version',
    ]);
    expect([...read.running]).toEqual(['rt1', 'rt3']);
    expect(read.networks[0].containers).toEqual(['rt1', 'rt2']);
    expect(read.facts.map((f) => f.name)).toEqual([lan.Name]);
    expect(read.apiVersion).toBe('1.56');
  });
});
