import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { EdgenetProvider } from '../../constructs/edgenet-provider';
import { InternalNetwork } from '../../constructs/internal-network';
import { LanNetwork } from '../../constructs/lan-network';
import { RuntimeContainer } from '../../constructs/runtime-container';
import { ip, mac, problemsOf, subnet } from '../helpers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  new EdgenetProvider(s, 'edgenet');
  return s;
}

const synthJson = (s: TerraformStack) => JSON.parse(Testing.synth(s, true));

describe('RuntimeContainer', () => {
  function setup() {
    const s = stack();
    const lan = new LanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: subnet('192.168.1.0/24') });
    const internal = new InternalNetwork(s, 'Internal', { runtimeName: 'rt1' });
    return { s, lan, internal };
  }

  test('is created on its internal network; each LAN vNIC is an attachment by id, with its static address and MAC', () => {
    const { s, lan, internal } = setup();
    new RuntimeContainer(s, 'rt1', {
      name: 'rt1',
      image: 'local/busybox:latest',
      internalNetwork: internal,
      vnics: [{ name: 'lan', network: lan, ipv4Address: ip('192.168.1.50'), macAddress: mac('02:00:00:00:00:01') }],
    });
    const json = synthJson(s);
    const container = Object.values<any>(json.resource.docker_container)[0];
    expect(container.networks_advanced).toEqual([{ name: expect.stringMatching(/^\$\{docker_network\.Internal_.*\.id\}$/) }]);
    expect(container).toMatchObject({ name: 'rt1', must_run: true, restart: 'unless-stopped' });
    expect(container.network_mode).toBeUndefined();
    expect(Object.values<any>(json.resource.edgenet_network_attachment)).toEqual([
      {
        container: expect.stringMatching(/^\$\{docker_container\.rt1_[0-9A-F]+\.id\}$/),
        network: expect.stringMatching(/^\$\{docker_network\.eth0_.*\.id\}$/),
        ipv4_address: '192.168.1.50',
        mac_address: '02:00:00:00:00:01',
      },
    ]);
  });

  test('passes command arguments and variables as written: Terraform templates in them are escaped, never evaluated', () => {
    const { s, internal } = setup();
    new RuntimeContainer(s, 'rt1', {
      name: 'rt1',
      image: 'x',
      internalNetwork: internal,
      command: ['sh', '-c', 'echo ${HOME} %{ if true }x%{ endif } $${kept}'],
      env: { KEY: '${file("/root/.ssh/id_rsa")}', 'A${B}': '100%' },
    });
    const container = Object.values<any>(synthJson(s).resource.docker_container)[0];
    expect(container.command).toEqual(['sh', '-c', 'echo $${HOME} %%{ if true }x%%{ endif } $$${kept}']);
    expect(container.env).toEqual(['A$${B}=100%', 'KEY=$${file("/root/.ssh/id_rsa")}']);
  });

  test('is never replaced for a change of its networks, labels or network mode (the docker provider would replace it), only with a new internal network', () => {
    const { s, lan, internal } = setup();
    new RuntimeContainer(s, 'rt1', { name: 'rt1', image: 'x', internalNetwork: internal, vnics: [{ name: 'lan', network: lan }] });
    const json = synthJson(s);
    const container = Object.values<any>(json.resource.docker_container)[0];
    const [networkId] = Object.keys(json.resource.docker_network).filter((id) => json.resource.docker_network[id].internal === true);
    expect(container.lifecycle).toEqual({
      ignore_changes: ['networks_advanced', 'labels', 'network_mode'],
      replace_triggered_by: [`docker_network.${networkId}.id`],
    });
  });

  test('fails when the runtime is not given its internal address, or is given one without asking', () => {
    const { s, lan, internal } = setup();
    new RuntimeContainer(s, 'rt1', { name: 'rt1', image: 'x', internalNetwork: internal, internalAddress: ip('172.31.7.2') });
    new RuntimeContainer(s, 'rt2', { name: 'rt2', image: 'x', internalNetwork: internal, vnics: [{ name: 'lan', network: lan }] });
    const [rt1, rt2] = Object.values<any>(synthJson(s).resource.docker_container);
    expect(rt1.networks_advanced).toEqual([{ name: expect.stringMatching(/^\$\{docker_network\..+\.id\}$/), ipv4_address: '172.31.7.2' }]);
    expect(rt2.networks_advanced[0]).not.toHaveProperty('ipv4_address');
  });

  test('leaves mac_address out when emitMacAddress is false', () => {
    const { s, lan, internal } = setup();
    new RuntimeContainer(s, 'rt1', {
      name: 'rt1',
      image: 'x',
      internalNetwork: internal,
      emitMacAddress: false,
      vnics: [{ name: 'lan', network: lan, macAddress: mac('02:00:00:00:00:01') }],
    });
    expect(Object.values<any>(synthJson(s).resource.edgenet_network_attachment)[0].mac_address).toBeUndefined();
  });

  test('fails when a vNIC address is outside its network', () => {
    const { s, lan, internal } = setup();
    expect(
      problemsOf(
        () =>
          new RuntimeContainer(s, 'rt1', {
            name: 'rt1',
            image: 'x',
            internalNetwork: internal,
            vnics: [{ name: 'lan', network: lan, ipv4Address: ip('10.0.0.5') }],
          }),
      ).join(),
    ).toContain(
      'test/rt1.vnics[0].ipv4Address: is not an address in the network, got "10.0.0.5"; expected an IPv4 address in 192.168.1.0/24',
    );
  });

  test('fails when two vNICs join the same network', () => {
    const { s, lan, internal } = setup();
    expect(
      problemsOf(
        () =>
          new RuntimeContainer(s, 'rt1', {
            name: 'rt1',
            image: 'x',
            internalNetwork: internal,
            vnics: [
              { name: 'a', network: lan },
              { name: 'b', network: lan },
            ],
          }),
      ).join(),
    ).toContain('test/rt1.vnics[1].network: joins a network another vNIC already joins');
  });

  test('fails when a MAC is multicast', () => {
    const { s, lan, internal } = setup();
    expect(
      problemsOf(
        () =>
          new RuntimeContainer(s, 'rt1', {
            name: 'rt1',
            image: 'x',
            internalNetwork: internal,
            vnics: [{ name: 'a', network: lan, macAddress: mac('03:00:00:00:00:01') }],
          }),
      ).join(),
    ).toContain('test/rt1.vnics[0].macAddress: is not a unicast MAC');
  });

  test("fails when a MAC is given on an ipvlan network, whose endpoints have the parent's", () => {
    const { s, internal } = setup();
    const wifi = new LanNetwork(s, 'wlan0', { parentInterface: 'wlan0', subnet: subnet('10.1.0.0/24'), driver: 'ipvlan' });
    expect(
      problemsOf(
        () =>
          new RuntimeContainer(s, 'rt1', {
            name: 'rt1',
            image: 'x',
            internalNetwork: internal,
            vnics: [{ name: 'a', network: wifi, macAddress: mac('02:00:00:00:00:01') }],
          }),
      ).join(),
    ).toContain('test/rt1.vnics[0].macAddress: is set on the ipvlan network ipvlan_wlan0_10.1.0.0_24');
  });

  test('fails when ports are given without a publish network', () => {
    const { s, internal } = setup();
    expect(
      problemsOf(
        () =>
          new RuntimeContainer(s, 'rt1', { name: 'rt1', image: 'x', internalNetwork: internal, ports: [{ internal: 80, external: 80 }] }),
      ).join(),
    ).toContain('test/rt1.publishNetwork: is required to publish ports');
  });

  test('fails when two vNICs share a name, even on different networks', () => {
    const { s, lan, internal } = setup();
    const other = new LanNetwork(s, 'eth1', { parentInterface: 'eth1', subnet: subnet('10.1.0.0/24') });
    const vnics = [
      { name: 'a', network: lan },
      { name: 'a', network: other },
    ];
    expect(problemsOf(() => new RuntimeContainer(s, 'rt1', { name: 'rt1', image: 'x', internalNetwork: internal, vnics }))).toEqual([
      'test/rt1.vnics[1].name: duplicates another vNIC, got "a"; expected unique vNIC names',
    ]);
  });

  test('fails when the container name is not a valid Docker name', () => {
    const { s, internal } = setup();
    expect(problemsOf(() => new RuntimeContainer(s, 'rt1', { name: 'a b', image: 'x', internalNetwork: internal })).join()).toContain(
      'test/rt1.name: is not a valid container name, got "a b"',
    );
  });
});
