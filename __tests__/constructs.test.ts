import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { EdgeStack } from '../constructs/edge-stack';
import { InternalNetwork } from '../constructs/internal-network';
import { MacvlanNetwork } from '../constructs/macvlan-network';
import { NetworkMonitor } from '../constructs/network-monitor';
import { RuntimeContainer } from '../constructs/runtime-container';
import { config, lanFacts, problemsOf, runtime } from './helpers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  return s;
}

const synthJson = (s: TerraformStack) => JSON.parse(Testing.synth(s, true));

describe('MacvlanNetwork', () => {
  test('synthesizes a macvlan network with parent, subnet and gateway always set', () => {
    const s = stack();
    const net = new MacvlanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: '192.168.1.0/24', managedBy: 'edge' });
    const json = Testing.synth(s, true);
    expect(json).toHaveResourceWithProperties({ tfResourceType: 'docker_network' }, {
      name: 'macvlan_eth0_192.168.1.0_24', driver: 'macvlan', options: { parent: 'eth0' },
      ipam_config: [{ subnet: '192.168.1.0/24', gateway: '192.168.1.1' }],
      labels: [{ label: 'io.edgenet.stack', value: 'edge' }],
    });
    expect(net.gateway).toBe('192.168.1.1');
    expect(net.mode).toBe('bridge');
  });

  test('writes macvlan_mode only when it is not the default', () => {
    const s = stack();
    new MacvlanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: '10.0.0.0/24', mode: 'private' });
    expect(Testing.synth(s)).toHaveResourceWithProperties({ tfResourceType: 'docker_network' }, { options: { parent: 'eth0', macvlan_mode: 'private' } });
  });

  test('reuses an existing network through the data source', () => {
    const s = stack();
    const net = new MacvlanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: '10.0.0.0/24', existingNetworkName: 'legacy' });
    const json = synthJson(s);
    expect(json.resource?.docker_network).toBeUndefined();
    expect(Object.values<any>(json.data.docker_network)[0].name).toBe('legacy');
    expect(net.reused).toBe(true);
  });

  test('fails when the subnet is not a CIDR, naming the construct path', () => {
    expect(problemsOf(() => new MacvlanNetwork(stack(), 'eth0', { parentInterface: 'eth0', subnet: '10.0.0.1/24' })))
      .toEqual(['test/eth0.subnet: is not an IPv4 subnet in network form, got "10.0.0.1/24"; expected a.b.c.d/n, e.g. 192.168.1.0/24']);
  });

  test('fails when the gateway is outside the subnet', () => {
    expect(problemsOf(() => new MacvlanNetwork(stack(), 'eth0', { parentInterface: 'eth0', subnet: '10.0.0.0/24', gateway: '10.0.1.1' })).join())
      .toContain('test/eth0.gateway: is not an address in the subnet');
  });

  test('fails when the parent is not an interface name', () => {
    expect(problemsOf(() => new MacvlanNetwork(stack(), 'p', { parentInterface: 'a very long interface name', subnet: '10.0.0.0/24' })).join())
      .toContain('test/p.parentInterface: is not an interface name');
  });
});

describe('InternalNetwork', () => {
  test('is an internal bridge named <runtime>_internal', () => {
    const s = stack();
    new InternalNetwork(s, 'Internal', { runtimeName: 'rt1' });
    expect(Testing.synth(s, true)).toHaveResourceWithProperties({ tfResourceType: 'docker_network' }, { name: 'rt1_internal', internal: true, driver: 'bridge' });
  });

  test('fails when the runtime name is not a Docker name', () => {
    expect(problemsOf(() => new InternalNetwork(stack(), 'Internal', { runtimeName: 'rt 1' })).join()).toContain('test/Internal.runtimeName: is not a valid runtime name');
  });
});

describe('RuntimeContainer', () => {
  function setup() {
    const s = stack();
    const lan = new MacvlanNetwork(s, 'eth0', { parentInterface: 'eth0', subnet: '192.168.1.0/24' });
    const internal = new InternalNetwork(s, 'Internal', { runtimeName: 'rt1' });
    return { s, lan, internal };
  }

  test('references networks by id, with the static address and MAC on the LAN endpoint', () => {
    const { s, lan, internal } = setup();
    new RuntimeContainer(s, 'rt1', { name: 'rt1', image: 'local/busybox:latest', internalNetwork: internal, vnics: [{ name: 'lan', network: lan, ipv4Address: '192.168.1.50', macAddress: '02:00:00:00:00:01' }] });
    const container = Object.values<any>(synthJson(s).resource.docker_container)[0];
    expect(container.networks_advanced).toEqual([
      { name: expect.stringMatching(/^\$\{docker_network\.Internal_.*\.id\}$/) },
      { name: expect.stringMatching(/^\$\{docker_network\.eth0_.*\.id\}$/), ipv4_address: '192.168.1.50', mac_address: '02:00:00:00:00:01' },
    ]);
    expect(container).toMatchObject({ name: 'rt1', must_run: true, restart: 'unless-stopped' });
    expect(container.network_mode).toBeUndefined();
  });

  test('leaves mac_address out when emitMacAddress is false', () => {
    const { s, lan, internal } = setup();
    new RuntimeContainer(s, 'rt1', { name: 'rt1', image: 'x', internalNetwork: internal, emitMacAddress: false, vnics: [{ name: 'lan', network: lan, macAddress: '02:00:00:00:00:01' }] });
    expect(Object.values<any>(synthJson(s).resource.docker_container)[0].networks_advanced[1].mac_address).toBeUndefined();
  });

  test('fails when a vNIC address is outside its network', () => {
    const { s, lan, internal } = setup();
    expect(problemsOf(() => new RuntimeContainer(s, 'rt1', { name: 'rt1', image: 'x', internalNetwork: internal, vnics: [{ name: 'lan', network: lan, ipv4Address: '10.0.0.5' }] })).join())
      .toContain('test/rt1.vnics[0].ipv4Address: is not an address in the network, got "10.0.0.5"; expected an IPv4 address in 192.168.1.0/24');
  });

  test('fails when two vNICs join the same network', () => {
    const { s, lan, internal } = setup();
    expect(problemsOf(() => new RuntimeContainer(s, 'rt1', { name: 'rt1', image: 'x', internalNetwork: internal, vnics: [{ name: 'a', network: lan }, { name: 'b', network: lan }] })).join())
      .toContain('test/rt1.vnics[1].network: joins a network another vNIC already joins');
  });

  test('fails when a MAC is multicast', () => {
    const { s, lan, internal } = setup();
    expect(problemsOf(() => new RuntimeContainer(s, 'rt1', { name: 'rt1', image: 'x', internalNetwork: internal, vnics: [{ name: 'a', network: lan, macAddress: '03:00:00:00:00:01' }] })).join())
      .toContain('test/rt1.vnics[0].macAddress: is not a unicast MAC');
  });

  test('fails when ports are given without a publish network', () => {
    const { s, internal } = setup();
    expect(problemsOf(() => new RuntimeContainer(s, 'rt1', { name: 'rt1', image: 'x', internalNetwork: internal, ports: [{ internal: 80, external: 80 }] })).join())
      .toContain('test/rt1.publishNetwork: is required to publish ports');
  });
});

describe('NetworkMonitor', () => {
  test('host network, socket directory bound, healthcheck in canonical durations', () => {
    const s = stack();
    new NetworkMonitor(s, 'Netmon', { image: 'edgenet:1', healthIntervalSeconds: 60 });
    expect(Testing.synth(s, true)).toHaveResourceWithProperties({ tfResourceType: 'docker_container' }, {
      network_mode: 'host',
      volumes: [{ host_path: '/var/orchestrator', container_path: '/var/orchestrator' }],
      healthcheck: { test: ['CMD', 'edgenet', 'netmon', '--check', '--socket', '/var/orchestrator/netmon.sock'], interval: '1m0s', timeout: '5s', start_period: '10s', retries: 3 },
    });
  });

  test('fails when the socket directory is relative', () => {
    expect(problemsOf(() => new NetworkMonitor(stack(), 'Netmon', { image: 'x', socketDir: 'var/run' })).join()).toContain('test/Netmon.socketDir: is not an absolute path');
  });
});

describe('EdgeStack', () => {
  const example = () => config([
    runtime('rt1', { ports: [{ internal: 8443 }], vnics: [{ name: 'lan', network_mode: 'static', ip: '192.168.1.50', dns: ['192.168.1.1'] }] }),
    runtime('rt2', { vnics: [{ name: 'lan' }] }),
    runtime('worker', { isolated: true }),
  ]);

  test('composes one shared macvlan network, an internal network per runtime and the containers', () => {
    const s = new EdgeStack(Testing.app(), 'edge', { config: example(), facts: lanFacts() });
    const json = synthJson(s);
    const names = Object.values<any>(json.resource.docker_network).map((n) => n.name).sort();
    expect(names).toEqual(['macvlan_eth0_192.168.1.0_24', 'rt1_internal', 'rt1_publish', 'rt2_internal', 'worker_internal']);
    expect(Object.keys(json.resource.docker_container)).toHaveLength(3);
    expect(json.terraform.required_providers.docker.version).toBe('4.6.0');
    expect(json.terraform.backend.local.path).toBe('../../../terraform.edge.tfstate');
  });

  test('construct ids are stable Terraform addresses; a host move keeps the macvlan address', () => {
    const moved = lanFacts({ interfaces: [{ name: 'eth0', operstate: 'UP', mac: null, ipv4: [{ address: '10.0.5.10', prefixlen: 24, subnet: '10.0.5.0/24' }], gateway: '10.0.5.1' }] });
    const cfg = config([runtime('rt2', { vnics: [{ name: 'lan' }] })]);
    const a = synthJson(new EdgeStack(Testing.app(), 'edge', { config: cfg, facts: lanFacts() }));
    const b = synthJson(new EdgeStack(Testing.app(), 'edge', { config: cfg, facts: moved }));
    expect(Object.keys(a.resource.docker_network)).toEqual(Object.keys(b.resource.docker_network));
    expect(Object.keys(a.resource.docker_container)).toEqual(['Runtimes_rt2_Container_5968EBDA']);
  });

  test('fails with the config path when facts do not fit', () => {
    expect(problemsOf(() => new EdgeStack(Testing.app(), 'edge', { config: example(), facts: lanFacts({ interfaces: [], default_interface: null }) })).join())
      .toContain('$.runtimes[0].vnics[0].parent_interface');
  });
});
