import { HostFacts } from '../../../lib/core/facts/types';
import { resolveModel } from '../../../lib/core/model/resolve';
import { config, lanFacts, plain, runtime } from '../../helpers';

const lan = (extra: Record<string, unknown> = {}) => ({ name: 'lan', ...extra });

/** The 192.168.1.0/24 LAN on eth0, and a Wi-Fi station wlan0 on 10.7.0.0/24. */
const wiredAndWifi = (): HostFacts => {
  const facts = lanFacts();
  const wlan0 = {
    ...facts.interfaces[0],
    name: 'wlan0',
    type: 'wifi' as const,
    mac: '52:54:00:ab:cd:ef',
    ipv4: [{ address: '10.7.0.10', prefixlen: 24, subnet: '10.7.0.0/24' }],
    gateway: '10.7.0.1',
  };
  return { ...facts, interfaces: [...facts.interfaces, wlan0] };
};

describe('the runtimes of a host', () => {
  const runtimes = ['ra', 'rb', 'rc'].map((n) => runtime(n, { vnics: [lan()] }));
  const hosts = { site1: { runtimes: ['ra', 'rc'] }, site2: {} };

  test('fails when a host that lists its runtimes gets the others too (or none)', () => {
    const model = resolveModel(config(runtimes, { hosts }), lanFacts(), 'site1');
    expect(model.runtimes.map((r) => r.name)).toEqual(['ra', 'rc']);
    expect(model.runtimes.flatMap((r) => r.vnics.map((v) => v.network.name))).toEqual([
      'macvlan_eth0_192.168.1.0_24',
      'macvlan_eth0_192.168.1.0_24',
    ]);
  });

  test('fails when a host that lists no runtimes does not get all of them', () => {
    expect(resolveModel(config(runtimes, { hosts }), lanFacts(), 'site2').runtimes.map((r) => r.name)).toEqual(['ra', 'rb', 'rc']);
  });
});

describe('macGenerated', () => {
  test('fails when only a MAC derived from (runtime, vNIC) counts as generated: not a configured one, nor none on ipvlan', () => {
    const model = resolveModel(
      config([
        runtime('ra', { vnics: [lan({ mac_address: '02:00:00:00:00:0a' })] }),
        runtime('rb', { vnics: [lan()] }),
        runtime('rc', { vnics: [lan({ parent_interface: 'wlan0' })] }),
      ]),
      wiredAndWifi(),
    );
    expect(
      model.runtimes.map((r) => ({
        runtime: r.name,
        driver: r.vnics[0].network.driver,
        mac: r.vnics[0].mac?.toString(),
        generated: r.vnics[0].macGenerated,
      })),
    ).toEqual([
      { runtime: 'ra', driver: 'macvlan', mac: '02:00:00:00:00:0a', generated: false },
      { runtime: 'rb', driver: 'macvlan', mac: expect.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/), generated: true },
      { runtime: 'rc', driver: 'ipvlan', mac: undefined, generated: false },
    ]);
  });
});

describe("a runtime's DNS servers", () => {
  test("fails when a runtime's resolvers take in those of another runtime's vNICs", () => {
    const model = resolveModel(
      config([
        runtime('ra', { vnics: [lan({ dns: ['192.168.1.53', '1.1.1.1'] })] }),
        runtime('rb', { vnics: [lan({ dns: ['9.9.9.9'] }), lan({ name: 'wifi', parent_interface: 'wlan0', dns: ['1.1.1.1'] })] }),
      ]),
      wiredAndWifi(),
    );
    expect(model.runtimes.map((r) => [r.name, r.dns.map(String)])).toEqual([
      ['ra', ['192.168.1.53', '1.1.1.1']],
      ['rb', ['9.9.9.9', '1.1.1.1']],
    ]);
  });
});

describe('manager and netmon', () => {
  test('fails when the manager container and the netmon sidecar of the config are not in the model', () => {
    const model = resolveModel(
      config([runtime('ra', { vnics: [lan()] })], { manager: { container: 'orchestrator' }, netmon: { image: 'local/edgenet:1' } }),
      lanFacts(),
    );
    expect(plain({ manager: model.manager, netmon: model.netmon })).toEqual({
      manager: { container: 'orchestrator' },
      netmon: { image: 'local/edgenet:1', socketDir: '/var/orchestrator' },
    });
  });

  test('fails when a config without them gets manager or netmon keys in the model', () => {
    const model = resolveModel(config([runtime('ra', { vnics: [lan()] })]), lanFacts());
    expect(['manager' in model, 'netmon' in model]).toEqual([false, false]);
  });
});
