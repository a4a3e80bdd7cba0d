import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { RoutedVnic } from '../../constructs/routed-vnic';
import { ip, subnet } from '../helpers';

function synth(): any {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  new RoutedVnic(s, 'routed-lan', {
    runtimeContainerId: 'abc123',
    containerName: 'rt1_routed_lan',
    parentInterface: 'wlan0',
    hostLink: 'erv0123456789',
    vnicLink: 'rv-lan',
    address: ip('192.168.1.60'),
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
    expect(script).toContain('ip neigh replace proxy "$EDGENET_ADDRESS" dev "$EDGENET_PARENT"');
    expect(script).toContain(
      'conf "$EDGENET_HOST_LINK" forwarding && conf "$EDGENET_HOST_LINK" proxy_arp && conf "$EDGENET_PARENT" forwarding',
    );
    expect(script).not.toMatch(/conf\/all|ip_forward/);
    expect(script).toContain(`trap stop TERM INT`);
  });
});
