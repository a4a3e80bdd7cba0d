import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { DhcpClient, DhcpClientProps } from '../../constructs/dhcp-client';
import { EdgenetProvider } from '../../constructs/edgenet-provider';
import { NetworkAttachment } from '../../constructs/network-attachment';

/** The synthesized client container, built by hand on an attachment of its own. */
function client(props: Partial<DhcpClientProps> = {}): any {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  new EdgenetProvider(s, 'edgenet');
  const attachment = new NetworkAttachment(s, 'vnic', { containerId: 'runtime-id', networkId: 'lan-id' });
  new DhcpClient(s, 'dhcp', {
    runtimeContainerId: 'runtime-id',
    containerName: 'rt1_dhcp_lan',
    attachment,
    hostname: 'rt1',
    image: 'busybox:1.36',
    ...props,
  });
  return Object.values<any>(JSON.parse(Testing.synth(s, true)).resource.docker_container)[0];
}

describe('DhcpClient', () => {
  test('fails when the default client (find by MAC) does not run the find-by-MAC script, with no broadcast replies', () => {
    const script: string = client().command[2];
    expect(script).toContain('[ "$(cat "$d/address")" = "$EDGENET_VNIC_MAC" ]');
    expect(script).toContain('edgenet dhcp: no interface has MAC $EDGENET_VNIC_MAC');
    expect(script).not.toContain('EDGENET_VNIC_IP');
    expect(script).not.toContain('/tmp/edgenet-vnic-if');
    // udhcpc is the last command, without -B: replies to the vNIC's own MAC reach it.
    expect(script).toMatch(/-x 0x3d:\$EDGENET_CLIENT_ID\}$/);
  });

  test("fails when findBy 'mac', given explicitly, does not run the find-by-MAC script", () => {
    const script: string = client({ findBy: 'mac' }).command[2];
    expect(script).toContain('"$EDGENET_VNIC_MAC"');
    expect(script).not.toMatch(/ -B$/);
  });

  test('fails when the script is not run by sh -c', () => {
    const command: string[] = client().command;
    expect(command).toHaveLength(3);
    expect(command.slice(0, 2)).toEqual(['sh', '-c']);
  });

  test('fails when the client is not required to be running (must_run), so a stopped client would not be started again', () => {
    expect(client().must_run).toBe(true);
  });

  test('fails when the stack label is not written as io.edgenet.stack=<stack>', () => {
    expect(client({ managedBy: 'edge' }).labels).toEqual([{ label: 'io.edgenet.stack', value: 'edge' }]);
    expect(client().labels).toBeUndefined();
  });
});
