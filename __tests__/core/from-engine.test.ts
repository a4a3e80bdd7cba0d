import { EdgeConfigFile } from '../../lib/core/config/schema';
import { AgentEngineView, configFromEngine, RunningRuntime } from '../../lib/core/from-engine';

const fromAgent: EdgeConfigFile = {
  profiles: { agent: { image: 'ghcr.io/autonomy-logic/openplc-runtime:latest' } },
  runtimes: [
    {
      name: 'plc1',
      profile: 'agent',
      vnics: [{ name: 'fieldbus', parent_interface: 'eth0', network_mode: 'static', ip: '10.0.0.50', mac_address: '0a:5e:00:00:00:50' }],
    },
    { name: 'gone', profile: 'agent', vnics: [{ name: 'fieldbus', parent_interface: 'eth0', network_mode: 'dhcp' }] },
  ],
};

const plc1: RunningRuntime = {
  image: 'local/plc:1',
  command: ['sleep', 'infinity'],
  env: { PLC_MODE: 'run' },
  restart: 'always',
  ports: [{ internal: 8443, external: 18443, protocol: 'tcp' }],
  dns: ['10.0.0.1'],
  mounts: [],
  endpoints: [
    { network: 'plc1_internal', driver: 'bridge' },
    { network: 'macvlan_eth0_10.0.0.0_24', driver: 'macvlan', parent: 'eth0', ipv4: '10.0.0.50', mac: '02:42:0a:00:00:32' },
  ],
};

const view = (runtime: Partial<RunningRuntime> = {}, others: string[] = []): AgentEngineView => ({
  runtimes: new Map([['plc1', { ...plc1, ...runtime }]]),
  others,
});

describe('configFromEngine', () => {
  test('fails when a runtime is not written as the engine runs it: image, command, environment, restart, ports, DNS, address and the MAC on the wire', () => {
    const { config } = configFromEngine(fromAgent, view());
    expect(config.runtimes).toEqual([
      {
        name: 'plc1',
        profile: 'agent',
        image: 'local/plc:1',
        command: ['sleep', 'infinity'],
        env: { PLC_MODE: 'run' },
        restart: 'always',
        ports: [{ internal: 8443, external: 18443, protocol: 'tcp' }],
        vnics: [
          {
            name: 'fieldbus',
            parent_interface: 'eth0',
            network_mode: 'static',
            ip: '10.0.0.50',
            mac_address: '02:42:0a:00:00:32',
            dns: ['10.0.0.1'],
          },
        ],
      },
    ]);
  });

  test('fails when a runtime the engine lacks is kept, or a container the file does not name is taken, without a word', () => {
    const { config, reports } = configFromEngine(fromAgent, view({}, ['intruder on macvlan_eth0_10.0.0.0_24']));
    expect((config.runtimes as { name: string }[]).map((r) => r.name)).toEqual(['plc1']);
    expect(reports).toEqual([
      "runtime gone: in the agent's file, but the engine has no container of that name; left out",
      "container intruder on macvlan_eth0_10.0.0.0_24: not in the agent's file; not taken (edgenet leaves it as it is)",
    ]);
  });

  test('fails when what adopting will still meet is not reported: mounts, a restart policy edgenet lacks, another bridge, no endpoint on the parent', () => {
    const { reports } = configFromEngine(
      fromAgent,
      view({ mounts: ['/data:/var/plc'], restart: 'weird', endpoints: [{ network: 'legacy', driver: 'bridge' }] }),
    );
    expect(reports).toEqual([
      'runtime plc1: restart policy "weird" has no edgenet equivalent; the default applies',
      'runtime plc1: mount /data:/var/plc cannot be declared in an edgenet config yet; adopt will refuse it unless --allow-restart plc1',
      'runtime plc1: also on network legacy, which edgenet does not manage; it stays attached',
      "runtime plc1 vNIC fieldbus: no endpoint on a LAN network of eth0; taken from the agent's file as it is",
      "runtime gone: in the agent's file, but the engine has no container of that name; left out",
    ]);
  });

  test("fails when an ipvlan endpoint (the parent's MAC) gets a mac_address", () => {
    const ipvlan = { network: 'ipvlan_wlan0', driver: 'ipvlan', parent: 'eth0', ipv4: '10.0.0.50' };
    const { config } = configFromEngine(fromAgent, view({ endpoints: [ipvlan] }));
    expect((config.runtimes as any[])[0].vnics[0].mac_address).toBeUndefined();
  });
});
