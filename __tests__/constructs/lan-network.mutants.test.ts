import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { LanNetwork } from '../../constructs/lan-network';
import { ip, problemsOf, subnet } from '../helpers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  return s;
}

const networkOptions = (s: TerraformStack) => Object.values<any>(JSON.parse(Testing.synth(s, true)).resource.docker_network)[0].options;

describe('LanNetwork', () => {
  test('fails when the default macvlan mode (bridge) is written as macvlan_mode: Docker does not echo it, so every plan would differ', () => {
    const s = stack();
    new LanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: subnet('192.168.1.0/24') });
    expect(networkOptions(s)).toEqual({ parent: 'eth0' });
  });

  test("fails when an explicit mode 'bridge' is written as macvlan_mode", () => {
    const s = stack();
    new LanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: subnet('192.168.1.0/24'), mode: 'bridge' });
    expect(networkOptions(s)).toEqual({ parent: 'eth0' });
  });

  test('fails when a network with no stack to name is written with an empty label list', () => {
    const s = stack();
    new LanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: subnet('192.168.1.0/24') });
    expect(Object.values<any>(JSON.parse(Testing.synth(s, true)).resource.docker_network)[0]).not.toHaveProperty('labels');
  });

  test('fails when a gateway outside the subnet is refused without the value and the subnet allowed', () => {
    expect(
      problemsOf(
        () => new LanNetwork(stack(), 'eth0', { parentInterface: 'eth0', subnet: subnet('10.0.0.0/24'), gateway: ip('10.0.1.1') }),
      ),
    ).toEqual(['test/eth0.gateway: is not an address in the subnet, got "10.0.1.1"; expected an IPv4 address in 10.0.0.0/24']);
  });
});
