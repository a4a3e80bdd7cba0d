import { Testing, TerraformStack } from 'cdktf';
import { EdgeStack } from '../../constructs/edge-stack';
import { model, runtime } from '../helpers';

const synthJson = (s: TerraformStack) => JSON.parse(Testing.synth(s, true));

describe('EdgeStack', () => {
  test('fails when lanNetworks does not list the LAN networks it composed', () => {
    const s = new EdgeStack(Testing.app(), 'edge', { model: model([runtime('rt1', { vnics: [{ name: 'lan' }] })]) });
    expect(s.lanNetworks.map((n) => [n.networkName, n.parentInterface, n.driver])).toEqual([
      ['macvlan_eth0_192.168.1.0_24', 'eth0', 'macvlan'],
    ]);
  });

  test("fails when the netmon sidecar is not composed from the config's image and socket directory, labelled with the stack", () => {
    const s = new EdgeStack(Testing.app(), 'edge', {
      model: model([runtime('rt1')], undefined, { netmon: { image: 'edgenet:1', socket_dir: '/run/edgenet' } }),
    });
    const netmon = Object.values<any>(synthJson(s).resource.docker_container).filter((c) => c.name === 'edgenet_netmon');
    expect(netmon).toHaveLength(1);
    expect(netmon[0]).toMatchObject({
      image: 'edgenet:1',
      command: ['edgenet', 'netmon', '--socket', '/run/edgenet/netmon.sock'],
      volumes: [{ host_path: '/run/edgenet', container_path: '/run/edgenet' }],
      labels: [{ label: 'io.edgenet.stack', value: 'edge' }],
    });
  });

  test('fails when a stack without netmon in its config gets a netmon sidecar', () => {
    const s = new EdgeStack(Testing.app(), 'edge', { model: model([runtime('rt1')]) });
    expect(Object.values<any>(synthJson(s).resource.docker_container).map((c) => c.name)).toEqual(['rt1']);
  });

  test('fails when the vnics output is not, per runtime and vNIC, its network, its address (dhcp when the LAN decides) and the MAC its attachment reads on the wire', () => {
    const s = new EdgeStack(Testing.app(), 'edge', {
      model: model([
        runtime('rt1', { vnics: [{ name: 'lan', network_mode: 'static', ip: '192.168.1.50', mac_address: '02:00:00:00:00:01' }] }),
        runtime('rt2', { vnics: [{ name: 'lan', network_mode: 'dhcp', mac_address: '02:00:00:00:00:02' }] }),
        runtime('worker', { isolated: true }),
      ]),
    });
    expect(synthJson(s).output).toEqual({
      vnics: {
        value: {
          rt1: {
            lan: {
              network: 'macvlan_eth0_192.168.1.0_24',
              ipv4: '192.168.1.50',
              mac: expect.stringMatching(/^\$\{edgenet_network_attachment\.Runtimes_rt1_Container_vnic-lan_\w+\.assigned_mac_address\}$/),
            },
          },
          rt2: {
            lan: {
              network: 'macvlan_eth0_192.168.1.0_24',
              ipv4: 'dhcp',
              mac: expect.stringMatching(/^\$\{edgenet_network_attachment\.Runtimes_rt2_Container_vnic-lan_\w+\.assigned_mac_address\}$/),
            },
          },
          worker: {},
        },
      },
    });
  });
});
