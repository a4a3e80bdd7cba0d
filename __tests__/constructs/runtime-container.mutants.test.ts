import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { EdgenetProvider } from '../../constructs/edgenet-provider';
import { InternalNetwork } from '../../constructs/internal-network';
import { LanNetwork } from '../../constructs/lan-network';
import { PublishNetwork } from '../../constructs/publish-network';
import { RuntimeContainer, RuntimeContainerProps } from '../../constructs/runtime-container';
import { ip, mac, problemsOf, subnet } from '../helpers';

function setup() {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  new EdgenetProvider(s, 'edgenet');
  const lan = new LanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: subnet('192.168.1.0/24') });
  const internal = new InternalNetwork(s, 'Internal', { runtimeName: 'rt1' });
  return { s, lan, internal };
}

/** The synthesized container of a runtime `rt1` built with `extra` on a fresh stack. */
function container(extra: Partial<RuntimeContainerProps> = {}): any {
  const { s, internal } = setup();
  new RuntimeContainer(s, 'rt1', { name: 'rt1', image: 'x', internalNetwork: internal, ...extra });
  return Object.values<any>(JSON.parse(Testing.synth(s, true)).resource.docker_container)[0];
}

/** The problems building a runtime `rt1` with `extra` raises. */
function problems(extra: (env: ReturnType<typeof setup>) => Partial<RuntimeContainerProps>): string[] {
  const env = setup();
  return problemsOf(() => new RuntimeContainer(env.s, 'rt1', { name: 'rt1', image: 'x', internalNetwork: env.internal, ...extra(env) }));
}

describe('RuntimeContainer', () => {
  test('fails when the stack label is not written as io.edgenet.stack=<stack>', () => {
    expect(container({ managedBy: 'edge' }).labels).toEqual([{ label: 'io.edgenet.stack', value: 'edge' }]);
    expect(container().labels).toBeUndefined();
  });

  test('fails when an empty env, dns or ports list is written instead of being left to the image and Docker defaults', () => {
    const written = container({ env: {}, dns: [], ports: [] });
    expect([written.env, written.dns, written.ports]).toEqual([undefined, undefined, undefined]);
  });

  test('fails when the DNS servers are not written, in order', () => {
    expect(container({ dns: [ip('192.168.1.1'), ip('1.1.1.1')] }).dns).toEqual(['192.168.1.1', '1.1.1.1']);
  });

  test('fails when published ports are not written, tcp unless another protocol is given', () => {
    const { s, internal } = setup();
    new RuntimeContainer(s, 'rt1', {
      name: 'rt1',
      image: 'x',
      internalNetwork: internal,
      publishNetwork: new PublishNetwork(s, 'Publish', { runtimeName: 'rt1' }),
      ports: [
        { internal: 8443, external: 443 },
        { internal: 5353, external: 53, protocol: 'udp' },
      ],
    });
    expect(Object.values<any>(JSON.parse(Testing.synth(s, true)).resource.docker_container)[0].ports).toEqual([
      { internal: 8443, external: 443, protocol: 'tcp' },
      { internal: 5353, external: 53, protocol: 'udp' },
    ]);
  });

  test('fails when a runtime with a publish network is not created on it as well as on its internal network', () => {
    const { s, internal } = setup();
    new RuntimeContainer(s, 'rt1', {
      name: 'rt1',
      image: 'x',
      internalNetwork: internal,
      publishNetwork: new PublishNetwork(s, 'Publish', { runtimeName: 'rt1' }),
      ports: [{ internal: 80, external: 8080 }],
    });
    expect(Object.values<any>(JSON.parse(Testing.synth(s, true)).resource.docker_container)[0].networks_advanced).toEqual([
      { name: expect.stringMatching(/^\$\{docker_network\.Internal_\w+\.id\}$/) },
      { name: expect.stringMatching(/^\$\{docker_network\.Publish_\w+\.id\}$/) },
    ]);
  });

  test('fails when vnics does not give the vNICs in order, or gives a list whose change reaches the construct', () => {
    const { s, lan, internal } = setup();
    const other = new LanNetwork(s, 'eth1', { parentInterface: 'eth1', subnet: subnet('10.1.0.0/24') });
    const rt = new RuntimeContainer(s, 'rt1', {
      name: 'rt1',
      image: 'x',
      internalNetwork: internal,
      vnics: [
        { name: 'lan', network: lan },
        { name: 'iot', network: other },
      ],
    });
    const copy = rt.vnics;
    expect(copy.map((v) => [v.name, v.network.networkName])).toEqual([
      ['lan', 'macvlan_eth0_192.168.1.0_24'],
      ['iot', 'macvlan_eth1_10.1.0.0_24'],
    ]);
    copy.pop();
    expect(rt.vnics.map((v) => v.name)).toEqual(['lan', 'iot']);
  });

  test('fails when a bad container name is refused without the value and the pattern allowed', () => {
    expect(problems(() => ({ name: 'a b' }))).toEqual([
      'test/rt1.name: is not a valid container name, got "a b"; expected a name matching /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/',
    ]);
  });

  test('fails when ports without a publish network are refused without saying what is needed', () => {
    expect(problems(() => ({ ports: [{ internal: 80, external: 80 }] }))).toEqual([
      'test/rt1.publishNetwork: is required to publish ports (Docker publishes only through a bridge), got nothing; expected a PublishNetwork',
    ]);
  });

  test('fails when two vNICs on one network are refused without the network and the rule', () => {
    expect(
      problems(({ lan }) => ({
        vnics: [
          { name: 'a', network: lan },
          { name: 'b', network: lan },
        ],
      })),
    ).toEqual([
      'test/rt1.vnics[1].network: joins a network another vNIC already joins, got "macvlan_eth0_192.168.1.0_24"; expected one vNIC per network',
    ]);
  });

  test('fails when a MAC on an ipvlan network is refused without the MAC and the rule', () => {
    expect(
      problems(({ s }) => ({
        vnics: [
          {
            name: 'a',
            network: new LanNetwork(s, 'wlan0', { parentInterface: 'wlan0', subnet: subnet('10.1.0.0/24'), driver: 'ipvlan' }),
            macAddress: mac('02:00:00:00:00:01'),
          },
        ],
      })),
    ).toEqual([
      'test/rt1.vnics[0].macAddress: is set on the ipvlan network ipvlan_wlan0_10.1.0.0_24, whose endpoints have the parent\'s MAC, got "02:00:00:00:00:01"; expected no macAddress on ipvlan',
    ]);
  });

  test('fails when a multicast MAC is refused without the MAC and what a unicast MAC is', () => {
    expect(problems(({ lan }) => ({ vnics: [{ name: 'a', network: lan, macAddress: mac('03:00:00:00:00:01') }] }))).toEqual([
      'test/rt1.vnics[0].macAddress: is not a unicast MAC, got "03:00:00:00:00:01"; expected six hex octets with an even first octet',
    ]);
  });
});
