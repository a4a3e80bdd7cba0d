import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { HostAccess } from '../../constructs/host-access';
import { ip, mac } from '../helpers';

function synth(): any {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  new HostAccess(s, 'eth0', {
    containerName: 'edgenet_host_access_eth0',
    parentInterface: 'eth0',
    interfaceName: 'eh-eth0',
    mac: mac('02:11:22:33:44:55'),
    address: ip('192.168.1.9'),
    routes: [ip('192.168.1.50'), ip('192.168.1.51')],
    image: 'busybox:1.36',
    managedBy: 'edge',
  });
  return Object.values<any>(JSON.parse(Testing.synth(s)).resource.docker_container)[0];
}

describe('HostAccess', () => {
  test('fails when the link is not kept from the host network, with the host root to run its ip, restarted with the engine', () => {
    const c = synth();
    expect(c).toMatchObject({
      name: 'edgenet_host_access_eth0',
      network_mode: 'host',
      volumes: [{ host_path: '/', container_path: '/host', read_only: true }],
      capabilities: { add: ['CAP_NET_ADMIN'] },
      restart: 'unless-stopped',
      destroy_grace_seconds: 10,
      labels: [{ label: 'io.edgenet.stack', value: 'edge' }],
    });
    expect(c.env).toEqual([
      'EDGENET_PARENT=eth0',
      'EDGENET_LINK=eh-eth0',
      'EDGENET_MAC=02:11:22:33:44:55',
      'EDGENET_ADDRESS=192.168.1.9',
      'EDGENET_ROUTES=192.168.1.50 192.168.1.51',
    ]);
  });

  test('fails when the link is not a bridge-mode macvlan, takes a subnet route from the parent, or stays after a stop', () => {
    const script = synth().command[2];
    expect(script).toContain('type macvlan mode bridge');
    expect(script).toContain('ip addr replace "$EDGENET_ADDRESS/32"');
    expect(script).toContain(`trap 'ip link del "$EDGENET_LINK" 2>/dev/null; exit 0' TERM INT`);
  });
});
