import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { RoutedVnic } from '../../constructs/routed-vnic';
import { ip, subnet } from '../helpers';

function synth(dhcp = false): any {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  new RoutedVnic(s, 'routed-lan', {
    runtimeContainerId: 'abc123',
    containerName: 'rt1_routed_lan',
    parentInterface: 'wlan0',
    hostLink: 'erv0123456789',
    vnicLink: 'rv-lan',
    ...(dhcp ? { dhcp: { clientId: '00726131', hostname: 'rt1' } } : { address: ip('192.168.1.60') }),
    subnet: subnet('192.168.1.0/24'),
    image: 'busybox:1.36',
  });
  return Object.values<any>(JSON.parse(Testing.synth(s)).resource.docker_container)[0];
}

describe('RoutedVnic', () => {
  test("fails when the keeper is not on the host network in the runtime's processes, with the host's root and writable net sysctls", () => {
    expect(synth()).toMatchObject({
      name: 'rt1_routed_lan',
      network_mode: 'host',
      pid_mode: 'container:abc123',
      capabilities: { add: ['CAP_NET_ADMIN', 'CAP_SYS_ADMIN'] },
      volumes: [
        { host_path: '/', container_path: '/host', read_only: true },
        { host_path: '/proc/sys/net', container_path: '/host-sys-net' },
      ],
      restart: 'unless-stopped',
      destroy_grace_seconds: 10,
    });
  });

  test('fails when the LAN would see a MAC of the runtime, or the host forwards on more than the parent and the veth', () => {
    const script = synth().command[2];
    expect(script).toContain('ip neigh replace proxy "$1" dev "$EDGENET_PARENT"');
    expect(script).toContain(
      'conf "$EDGENET_HOST_LINK" forwarding && conf "$EDGENET_HOST_LINK" proxy_arp && conf "$EDGENET_PARENT" forwarding',
    );
    expect(script).not.toMatch(/conf\/all|ip_forward/);
    expect(script).toContain(`trap stop TERM INT`);
  });

  test('fails when a dhcp vNIC asks its lease under the parent MAC alone, or puts it on the parent', () => {
    const c = synth(true);
    expect(c.env).toEqual(expect.arrayContaining(['EDGENET_ADDRESS=', 'EDGENET_CLIENT_ID=00726131', 'EDGENET_HOSTNAME=rt1']));
    expect(c.command[2]).toContain(
      'udhcpc -f -R -B -i "$EDGENET_PARENT" -s /tmp/edgenet-udhcpc -x "hostname:$EDGENET_HOSTNAME" -x "0x3d:$EDGENET_CLIENT_ID"',
    );
    // The hook places the lease on the vNIC; it never touches the parent's own addresses.
    expect(c.command[2]).not.toMatch(/addr (add|replace|flush)[^\n]*EDGENET_PARENT/);
    // Terraform must not read the shell's ${...} as its own templates.
    expect(c.command[2]).toContain('$${router%% *}');
  });

  test('an address and dhcp, or neither, is refused', () => {
    const s = new TerraformStack(Testing.app(), 'test');
    const base = {
      runtimeContainerId: 'x',
      containerName: 'c',
      parentInterface: 'wlan0',
      hostLink: 'erv1',
      vnicLink: 'rv-lan',
      subnet: subnet('192.168.1.0/24'),
      image: 'i',
    };
    expect(() => new RoutedVnic(s, 'neither', base)).toThrow(/address: must be set/);
    expect(() => new RoutedVnic(s, 'both', { ...base, address: ip('192.168.1.5'), dhcp: { clientId: '00', hostname: 'h' } })).toThrow(
      /address: must be set/,
    );
  });
});
