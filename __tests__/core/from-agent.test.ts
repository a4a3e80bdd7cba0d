import { readFileSync } from 'fs';
import * as path from 'path';
import { validateConfig } from '../../lib/core/config/validate';
import { HostFacts } from '../../lib/core/facts/types';
import { AGENT_RUNTIME_IMAGE, configFromAgent } from '../../lib/core/from-agent';
import { resolveModel } from '../../lib/core/model/resolve';
import { vnicRecords } from '../../lib/core/vnic-records';
import { lanFacts, model, problemsOf, runtime } from '../helpers';

const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'agent', 'runtime_vnics.json'), 'utf8'));

/** The host the fixture's agent ran on: eth0 and eth1 wired, wlan0 a Wi-Fi station. */
const agentHost: HostFacts = {
  ...lanFacts(),
  interfaces: [
    ...lanFacts().interfaces,
    { name: 'eth1', operstate: 'UP', mac: null, ipv4: [{ address: '10.20.0.2', prefixlen: 24, subnet: '10.20.0.0/24' }], gateway: null },
    {
      name: 'wlan0',
      operstate: 'UP',
      type: 'wifi',
      mac: null,
      ipv4: [{ address: '172.16.5.2', prefixlen: 24, subnet: '172.16.5.0/24' }],
      gateway: '172.16.5.1',
    },
  ],
};

describe('edgenet init --from-agent', () => {
  test("turns the agent's file into a config with the same runtimes, vNICs, static addresses, MACs and DNS", () => {
    expect(configFromAgent(fixture)).toEqual({
      lans: { wlan0: { driver: 'ipvlan' } },
      profiles: { agent: { image: AGENT_RUNTIME_IMAGE } },
      runtimes: [
        {
          name: 'plc-line1',
          profile: 'agent',
          vnics: [
            {
              name: 'fieldbus',
              parent_interface: 'eth0',
              network_mode: 'static',
              ip: '192.168.1.50',
              subnet: '255.255.255.0',
              gateway: '192.168.1.1',
              dns: ['192.168.1.1', '9.9.9.9'],
              mac_address: '02:42:c0:a8:01:32',
            },
            { name: 'plant', parent_interface: 'eth1', network_mode: 'dhcp', mac_address: '0a:5e:11:22:33:44' },
          ],
        },
        {
          name: 'plc-line2',
          profile: 'agent',
          vnics: [
            {
              name: 'fieldbus',
              parent_interface: 'eth0',
              network_mode: 'static',
              ip: '192.168.1.51',
              subnet: '192.168.1.0/24',
              gateway: '192.168.1.1',
              dns: ['192.168.1.1'],
              mac_address: '06:aa:bb:cc:dd:ee',
            },
          ],
        },
        {
          name: 'plc-yard',
          profile: 'agent',
          vnics: [
            {
              name: 'wifi',
              parent_interface: 'wlan0',
              network_mode: 'static',
              ip: '172.16.5.20',
              subnet: '255.255.255.0',
              gateway: '172.16.5.1',
            },
          ],
        },
      ],
    });
    expect(configFromAgent(fixture, { image: 'local/openplc:3' }).profiles).toEqual({ agent: { image: 'local/openplc:3' } });
  });

  test('round-trips: applied on the same host, edgenet records the addresses, MACs and DNS the agent had', () => {
    const records = vnicRecords(resolveModel(validateConfig(configFromAgent(fixture)), agentHost));
    for (const [container, vnics] of Object.entries<any[]>(fixture)) {
      expect(records[container].map((r) => r.name)).toEqual(vnics.map((v) => v.name));
      vnics.forEach((theirs, i) => {
        const ours = records[container][i];
        expect({ mode: ours.network_mode, parent: ours.parent_interface }).toEqual({
          mode: theirs.network_mode,
          parent: theirs.parent_interface,
        });
        if (theirs.network_mode === 'static') expect(ours.ip).toBe(theirs.ip.split('/')[0]);
        if (!theirs._is_wifi) expect(ours.mac_address).toBe(theirs.mac_address);
        for (const server of theirs.dns ?? []) expect(ours.dns).toContain(server);
      });
    }
    expect(records['plc-yard'][0]).toMatchObject({ driver: 'ipvlan', mac_address: null });
  });

  test("edgenet's own file migrates too: an auto address stays where it is, as a static one", () => {
    const applied = vnicRecords(model([runtime('rt1', { vnics: [{ name: 'lan' }] })]));
    const config = configFromAgent(applied);
    expect(config.runtimes[0].vnics?.[0]).toMatchObject({
      network_mode: 'static',
      ip: applied.rt1[0].ip,
      mac_address: applied.rt1[0].mac_address,
    });
  });

  test('fails on bad input with one line per problem, located in the agent file', () => {
    expect(
      problemsOf(() =>
        configFromAgent({
          'plc 1': [{ name: 'lan', network_mode: 'dhcp' }],
          plc2: [
            { name: 'lan', parent_interface: 'eth0', network_mode: 'manual' },
            { name: 'wan', parent_interface: 'eth1', network_mode: 'static', mac_address: 'zz' },
          ],
        }),
      ),
    ).toEqual(['$.plc2[0].network_mode: is not a mode of the reference agent, got "manual"; expected static or dhcp']);
    expect(
      problemsOf(() =>
        configFromAgent({
          'plc 1': [{ name: 'lan', network_mode: 'dhcp' }],
          plc2: [{ name: 'wan', parent_interface: 'eth1', network_mode: 'static', mac_address: 'zz', dns: ['8.8.8'] }],
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^\$\["plc 1"\]: is not valid, got "plc 1"; expected a container name/),
      '$.plc2[0].mac_address: is not a MAC address, got "zz"; expected six hex octets, e.g. 02:42:c0:a8:01:32',
      '$.plc2[0].dns[0]: is not an IPv4 address, got "8.8.8"; expected a dotted quad, e.g. 192.168.1.50',
      '$.plc2[0].ip: is required when network_mode is static, got nothing; expected an IPv4 address in the parent subnet',
    ]);
  });

  test('fails when the image given for the runtimes is not an image reference, naming --image', () => {
    expect(problemsOf(() => configFromAgent(fixture, { image: 'Not An Image' }))).toEqual([
      expect.stringMatching(/^--image: is not an image reference, got "Not An Image"/),
    ]);
  });
});
