import { Testing, TerraformStack } from 'cdktf';
import { EdgenetProvider } from '../../constructs/edgenet-provider';
import { NetworkAttachment } from '../../constructs/network-attachment';
import { ip, problemsOf } from '../helpers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new EdgenetProvider(s, 'edgenet', { host: 'ssh://edge@site1', sshOpts: ['-i', 'k'] });
  return s;
}

describe('NetworkAttachment', () => {
  test('writes container, network and the address at a host index; the provider block carries the engine', () => {
    const s = stack();
    new NetworkAttachment(s, 'manager', { containerId: 'abc', networkId: 'def', ipv4HostIndex: -1 });
    const json = JSON.parse(Testing.synth(s, true));
    expect(Object.values<any>(json.resource.edgenet_network_attachment)[0]).toMatchObject({
      container: 'abc',
      network: 'def',
      ipv4_host_index: -1,
    });
    expect(json.provider.edgenet).toEqual([{ host: 'ssh://edge@site1', ssh_opts: ['-i', 'k'] }]);
    expect(json.terraform.required_providers.edgenet).toEqual({ source: 'edgenet.dev/edgenet/edgenet', version: '0.1.0' });
  });

  test('fails when both an address and a host index are given', () => {
    expect(
      problemsOf(
        () => new NetworkAttachment(stack(), 'a', { containerId: 'c', networkId: 'n', ipv4Address: ip('10.0.0.5'), ipv4HostIndex: 2 }),
      ).join(),
    ).toContain('test/a.ipv4HostIndex: is given together with ipv4Address');
  });

  test('fails when the host index is zero or not whole', () => {
    for (const index of [0, 1.5]) {
      expect(
        problemsOf(() => new NetworkAttachment(stack(), 'a', { containerId: 'c', networkId: 'n', ipv4HostIndex: index })).join(),
      ).toContain('test/a.ipv4HostIndex: is not a host index');
    }
  });
});
