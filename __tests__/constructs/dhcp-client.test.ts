import { Testing } from 'cdktf';
import { EdgeStack } from '../../constructs/edge-stack';
import { lanFacts, model, runtime } from '../helpers';

const synth = (runtimes: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.parse(Testing.synth(new EdgeStack(Testing.app(), 'edge', { model: model(runtimes, undefined, extra) }), true));

describe('DhcpClient', () => {
  test("a dhcp vNIC gets a lease holder in the runtime's network namespace: stopped (so it releases) on destroy, replaced with its attachment", () => {
    const json = synth([runtime('rt1', { vnics: [{ name: 'lan', network_mode: 'dhcp' }] })], { dhcp_client_image: 'local/busybox:latest' });
    const client = Object.values<any>(json.resource.docker_container).find((c) => c.name === 'rt1_dhcp_lan');
    expect(client).toMatchObject({
      image: 'local/busybox:latest',
      network_mode: expect.stringMatching(/^container:\$\{docker_container\.Runtimes_rt1_Container_\w+\.id\}$/),
      capabilities: { add: ['CAP_NET_ADMIN', 'CAP_NET_RAW'] },
      destroy_grace_seconds: 10,
      restart: 'unless-stopped',
    });
    expect(client.env).toEqual([
      expect.stringMatching(/^EDGENET_ATTACHMENT=\$\{edgenet_network_attachment\.Runtimes_rt1_Container_vnic-lan_\w+\.id\}$/),
      'EDGENET_HOSTNAME=rt1',
      expect.stringMatching(
        /^EDGENET_VNIC_MAC=\$\{edgenet_network_attachment\.Runtimes_rt1_Container_vnic-lan_\w+\.assigned_mac_address\}$/,
      ),
    ]);
    // The plan carries no address for a dhcp vNIC: the LAN's server decides.
    expect(Object.values<any>(json.resource.edgenet_network_attachment)[0].ipv4_address).toBeUndefined();
  });

  test("writes the shell's ${...} so Terraform leaves it alone", () => {
    const json = synth([runtime('rt1', { vnics: [{ name: 'lan', network_mode: 'dhcp' }] })]);
    const script: string = Object.values<any>(json.resource.docker_container).find((c) => c.name === 'rt1_dhcp_lan').command[2];
    expect(script).toContain('IF=$${d##*/}');
    expect(script.replace(/\$\$\{/g, '')).not.toContain('${');
    expect(script).toContain('exec udhcpc -f -R -i "$IF"');
    // Fails when the client assumes its image has /tmp (a busybox-only image has none).
    expect(script.startsWith('set -e\nmkdir -p /tmp\n')).toBe(true);
  });

  test('on ipvlan (a Wi-Fi parent), the client finds the vNIC by the address the engine gave it, sends its client identifier and asks for broadcast replies', () => {
    const facts = lanFacts();
    const wifi = { ...facts, interfaces: [{ ...facts.interfaces[0], name: 'wlan0', type: 'wifi' as const }], default_interface: 'wlan0' };
    const stack = new EdgeStack(Testing.app(), 'edge', {
      model: model([runtime('rt1', { vnics: [{ name: 'lan', network_mode: 'dhcp' }] })], wifi),
    });
    const json = JSON.parse(Testing.synth(stack, true));
    const client = Object.values<any>(json.resource.docker_container).find((c) => c.name === 'rt1_dhcp_lan');
    expect(client.env).toEqual([
      expect.stringMatching(/^EDGENET_ATTACHMENT=/),
      'EDGENET_HOSTNAME=rt1',
      expect.stringMatching(
        /^EDGENET_VNIC_IP=\$\{edgenet_network_attachment\.Runtimes_rt1_Container_vnic-lan_\w+\.assigned_ipv4_address\}$/,
      ),
      `EDGENET_CLIENT_ID=00${Buffer.from('rt1/lan').toString('hex')}`,
    ]);
    const script: string = client.command[2];
    expect(script).toContain('grep -q " $EDGENET_VNIC_IP/"');
    expect(script).not.toContain('EDGENET_VNIC_MAC');
    expect(script).toMatch(/-x 0x3d:\$EDGENET_CLIENT_ID\} -B$/);
    expect(Object.values<any>(json.resource.edgenet_network_attachment)[0].mac_address).toBeUndefined();
  });

  test('static and auto vNICs get none, and the default image is busybox', () => {
    const json = synth([runtime('rt1', { vnics: [{ name: 'lan' }] }), runtime('rt2', { vnics: [{ name: 'lan', network_mode: 'dhcp' }] })]);
    const names = Object.values<any>(json.resource.docker_container).map((c) => c.name);
    expect(names.filter((n) => n.includes('_dhcp_'))).toEqual(['rt2_dhcp_lan']);
    expect(Object.values<any>(json.resource.docker_container).find((c) => c.name === 'rt2_dhcp_lan').image).toBe('busybox:1.36');
  });
});

describe('the manager', () => {
  test("joins every runtime's internal network by container name, at the address the engine's IPAM gives", () => {
    const json = synth([runtime('rt1'), runtime('rt2', { isolated: true })], { manager: { container: 'agent' } });
    const joins = Object.values<any>(json.resource.edgenet_network_attachment).filter((a) => a.container === 'agent');
    expect(joins.map((a) => a.network)).toEqual([
      expect.stringMatching(/^\$\{docker_network\.Runtimes_rt1_Internal_\w+\.id\}$/),
      expect.stringMatching(/^\$\{docker_network\.Runtimes_rt2_Internal_\w+\.id\}$/),
    ]);
    // Fails when an address is asked for: the engine refuses one on a network whose subnet it chose.
    expect(joins.map((a) => [a.ipv4_address, a.ipv4_host_index])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  test("fails when, with an internal pool, the manager does not join at .3 and the runtime at .2 of the runtime's /24", () => {
    const json = synth([runtime('rt1'), runtime('rt2', { isolated: true })], {
      manager: { container: 'agent', internal_pool: '172.31.0.0/16' },
    });
    const networks = Object.entries<any>(json.resource.docker_network).filter(([, n]) => n.internal === true);
    expect(networks).toHaveLength(2);
    for (const [id, network] of networks) {
      const [{ subnet, gateway }] = network.ipam_config;
      const prefix = (subnet as string).replace(/\.0\/24$/, '');
      expect(subnet).toMatch(/^172\.31\.\d+\.0\/24$/);
      expect(gateway).toBe(`${prefix}.1`);
      const container = Object.values<any>(json.resource.docker_container).find(
        (c) => c.networks_advanced[0].name === `\${docker_network.${id}.id}`,
      );
      expect(container.networks_advanced[0].ipv4_address).toBe(`${prefix}.2`);
      const join = Object.values<any>(json.resource.edgenet_network_attachment).find((a) => a.network === `\${docker_network.${id}.id}`);
      expect([join.container, join.ipv4_address]).toEqual(['agent', `${prefix}.3`]);
    }
  });

  test('no manager, no joins', () => {
    expect(synth([runtime('rt1')]).resource.edgenet_network_attachment).toBeUndefined();
  });
});
