import { resolveModel } from '../../../lib/core/model/resolve';
import { config, lanFacts, movedFacts, plain, problemsOf, runtime } from '../../helpers';

const lan = (extra: Record<string, unknown> = {}) => ({ name: 'lan', ...extra });

describe('resolveModel', () => {
  test('vNICs on the same parent and subnet share one macvlan network, named by contract', () => {
    const model = resolveModel(config([runtime('ra', { vnics: [lan()] }), runtime('rb', { vnics: [lan()] })]), lanFacts());
    expect(model.networks.map((n) => n.name)).toEqual(['macvlan_eth0_192.168.1.0_24']);
    expect(plain(model.networks[0])).toMatchObject({ id: 'eth0', gateway: '192.168.1.1' });
  });

  test('the gateway falls back to the first host when the facts have none', () => {
    const facts = lanFacts();
    const model = resolveModel(config([runtime('ra', { vnics: [lan()] })]), {
      ...facts,
      interfaces: [{ ...facts.interfaces[0], gateway: null }],
    });
    expect(model.networks[0].gateway.toString()).toBe('192.168.1.1');
  });

  test('a pinned parent_subnet other than the detected one gets its own id', () => {
    const model = resolveModel(config([runtime('ra', { vnics: [lan({ parent_subnet: '10.9.0.0/24' })] })]), lanFacts());
    expect(plain(model.networks[0])).toMatchObject({ id: 'macvlan_eth0_10-9-0-0_24', gateway: '10.9.0.1' });
  });

  test('auto never takes the network, broadcast, gateway, host or a static address', () => {
    const runtimes = Array.from({ length: 250 }, (_, i) => runtime(`r${i}`, { vnics: [lan()] }));
    runtimes.push(runtime('rs', { vnics: [lan({ network_mode: 'static', ip: '192.168.1.77' })] }));
    const model = resolveModel(config(runtimes), lanFacts());
    const ips = model.runtimes.flatMap((r) => r.vnics.map((v) => v.ipv4?.toString()));
    expect(new Set(ips).size).toBe(ips.length);
    for (const banned of ['192.168.1.0', '192.168.1.255', '192.168.1.1', '192.168.1.10']) expect(ips).not.toContain(banned);
    expect(ips.filter((ip) => ip === '192.168.1.77')).toHaveLength(1);
  });

  test("adding a runtime does not move other runtimes' auto addresses", () => {
    const before = resolveModel(config([runtime('ra', { vnics: [lan()] }), runtime('rb', { vnics: [lan()] })]), lanFacts());
    const after = resolveModel(
      config([runtime('ra', { vnics: [lan()] }), runtime('rc', { vnics: [lan()] }), runtime('rb', { vnics: [lan()] })]),
      lanFacts(),
    );
    const ip = (m: typeof before, name: string) => m.runtimes.find((r) => r.name === name)!.vnics[0].ipv4?.toString();
    expect(ip(after, 'ra')).toBe(ip(before, 'ra'));
    expect(ip(after, 'rb')).toBe(ip(before, 'rb'));
  });

  test('an auto address keeps its offset when the host moves to a subnet of the same size', () => {
    const moved = movedFacts();
    const a = resolveModel(config([runtime('ra', { vnics: [lan()] })]), lanFacts()).runtimes[0].vnics[0].ipv4!.toString();
    const b = resolveModel(config([runtime('ra', { vnics: [lan()] })]), moved).runtimes[0].vnics[0].ipv4!.toString();
    expect(a.split('.')[3]).toBe(b.split('.')[3]);
  });

  test('generated MACs are locally administered unicast and stable per (runtime, vNIC)', () => {
    const one = resolveModel(config([runtime('ra', { vnics: [lan()] })]), lanFacts()).runtimes[0].vnics[0];
    const two = resolveModel(config([runtime('rz'), runtime('ra', { vnics: [lan()] })]), lanFacts()).runtimes[1].vnics[0];
    expect(one.mac!.toString()).toBe(two.mac!.toString());
    expect(parseInt(one.mac!.toString().slice(0, 2), 16) & 0x03).toBe(0x02);
  });

  test('DNS servers of the vNICs are merged in order without repeats', () => {
    const facts = lanFacts({
      interfaces: [
        ...lanFacts().interfaces,
        { name: 'eth1', operstate: 'UP', mac: null, ipv4: [{ address: '10.1.0.2', prefixlen: 24, subnet: '10.1.0.0/24' }], gateway: null },
      ],
    });
    const model = resolveModel(
      config([
        runtime('ra', {
          vnics: [lan({ dns: ['192.168.1.1', '9.9.9.9'] }), { name: 'ot', parent_interface: 'eth1', dns: ['9.9.9.9', '10.1.0.1'] }],
        }),
      ]),
      facts,
    );
    expect(plain(model.runtimes[0].dns)).toEqual(['192.168.1.1', '9.9.9.9', '10.1.0.1']);
  });

  test('an existing macvlan network on the same parent and subnet is reused', () => {
    const facts = lanFacts({
      docker_networks: [
        { name: 'lan_legacy', driver: 'macvlan', parent: 'eth0', subnet: '192.168.1.0/24', gateway: '192.168.1.1', managed_by: null },
      ],
    });
    const model = resolveModel(config([runtime('ra', { vnics: [lan()] })]), facts);
    expect(plain(model.networks[0])).toMatchObject({ name: 'lan_legacy', existingName: 'lan_legacy' });
  });

  test('our own network listed in the facts is not treated as foreign', () => {
    const facts = lanFacts({
      docker_networks: [
        {
          name: 'macvlan_eth0_192.168.1.0_24',
          driver: 'macvlan',
          parent: 'eth0',
          subnet: '192.168.1.0/24',
          gateway: '192.168.1.1',
          managed_by: 'edge',
        },
      ],
    });
    expect(resolveModel(config([runtime('ra', { vnics: [lan()] })]), facts).networks[0].existingName).toBeUndefined();
  });

  test('dhcp vNICs get no fixed address', () => {
    const model = resolveModel(config([runtime('ra', { vnics: [lan({ network_mode: 'dhcp' })] })]), lanFacts());
    expect(model.runtimes[0].vnics[0].ipv4).toBeUndefined();
  });
});

describe('resolveModel errors', () => {
  test('fails with the config path when facts do not fit', () => {
    expect(
      problemsOf(() =>
        resolveModel(config([runtime('rt1', { vnics: [lan()] })]), lanFacts({ interfaces: [], default_interface: null })),
      ).join(),
    ).toContain('$.runtimes[0].vnics[0].parent_interface');
  });

  test('fails when the parent interface is absent from the facts and no parent_subnet is set', () => {
    expect(problemsOf(() => resolveModel(config([runtime('ra', { vnics: [lan({ parent_interface: 'eth9' })] })]), lanFacts()))).toEqual([
      '$.runtimes[0].vnics[0].parent_interface: is not in the host facts and parent_subnet is not set, got "eth9"; expected one of eth0, or set parent_subnet',
    ]);
  });

  test('fails when no parent interface is given and the facts have no default', () => {
    expect(
      problemsOf(() => resolveModel(config([runtime('ra', { vnics: [lan()] })]), lanFacts({ default_interface: null }))).join(),
    ).toContain('$.runtimes[0].vnics[0].parent_interface: is not set and the facts name no default interface');
  });

  test('a static ip that no longer fits the detected subnet (host moved) strands that vNIC alone, named', () => {
    const moved = movedFacts();
    const runtimes = [
      runtime('rt1', {
        vnics: [
          lan({ network_mode: 'static', ip: '192.168.1.50' }),
          { name: 'ot', parent_interface: 'eth1', parent_subnet: '10.9.0.0/24' },
        ],
      }),
      runtime('rt2', { vnics: [lan()] }),
    ];
    const model = resolveModel(config(runtimes), moved);
    expect(plain(model.stranded)).toEqual([
      {
        runtime: 'rt1',
        vnic: 'lan',
        ip: '192.168.1.50',
        network: 'macvlan_eth0_10.0.5.0_24',
        subnet: '10.0.5.0/24',
        reason: 'is outside the subnet 10.0.5.0/24',
      },
    ]);
    expect(model.runtimes.map((r) => r.vnics.map((v) => v.name))).toEqual([['ot'], ['lan']]);
    expect(model.runtimes[1].vnics[0].ipv4?.toString()).toMatch(/^10\.0\.5\./);
  });

  test('fails when stranding a vNIC drops its DNS from the container (the engine would replace it)', () => {
    const runtimes = [runtime('rt1', { vnics: [lan({ network_mode: 'static', ip: '192.168.1.50', dns: ['192.168.1.53'] })] })];
    const before = resolveModel(config(runtimes), lanFacts());
    const moved = movedFacts();
    const after = resolveModel(config(runtimes), moved);
    expect(after.stranded.map((s) => s.vnic)).toEqual(['lan']);
    expect(after.runtimes[0].dns.map(String)).toEqual(before.runtimes[0].dns.map(String));
    expect(after.runtimes[0].dns.map(String)).toEqual(['192.168.1.53']);
  });

  test('fails when a static ip is outside a pinned parent_subnet: that is the config, not a move', () => {
    expect(
      problemsOf(() =>
        resolveModel(
          config([runtime('rt1', { vnics: [lan({ parent_interface: 'eth1', network_mode: 'static', ip: '10.0.5.9' })] })]),
          lanFacts(),
        ),
      ).join(),
    ).toContain('$.runtimes[0].vnics[0].parent_interface: is not in the host facts');
  });

  test('fails when a static ip is the detected gateway', () => {
    expect(
      problemsOf(() =>
        resolveModel(config([runtime('ra', { vnics: [lan({ network_mode: 'static', ip: '192.168.1.1' })] })]), lanFacts()),
      ).join(),
    ).toContain('is the gateway address');
  });

  test("fails when a static ip is the host's own address", () => {
    expect(
      problemsOf(() =>
        resolveModel(config([runtime('ra', { vnics: [lan({ network_mode: 'static', ip: '192.168.1.10' })] })]), lanFacts()),
      ).join(),
    ).toContain('is an address of the host itself');
  });

  test('fails when two vNICs of one runtime land on the same macvlan network', () => {
    expect(problemsOf(() => resolveModel(config([runtime('ra', { vnics: [lan(), { name: 'lan2' }] })]), lanFacts())).join()).toContain(
      '$.runtimes[0].vnics[1]: puts runtime ra on macvlan_eth0_192.168.1.0_24 a second time',
    );
  });

  test('fails when auto addresses run out', () => {
    const runtimes = ['ra', 'rb', 'rc', 'rd', 're', 'rf'].map((n) =>
      runtime(n, { vnics: [lan({ parent_subnet: '10.2.0.0/29', parent_interface: 'eth1' })] }),
    );
    expect(problemsOf(() => resolveModel(config(runtimes), lanFacts())).join()).toContain(
      'cannot be satisfied: 10.2.0.0/29 has 5 free addresses for 6 auto vNICs',
    );
  });

  test('fails when two parents carry overlapping subnets', () => {
    const runtimes = [
      runtime('ra', { vnics: [lan({ parent_interface: 'eth0' })] }),
      runtime('rb', { vnics: [lan({ parent_interface: 'eth1', parent_subnet: '192.168.1.0/25' })] }),
    ];
    expect(problemsOf(() => resolveModel(config(runtimes), lanFacts())).join()).toContain(
      'overlaps macvlan_eth0_192.168.1.0_24 on another parent',
    );
  });

  test('fails when vNICs sharing a network declare two gateways, whatever their order', () => {
    const one = runtime('ra', { vnics: [lan({ parent_gateway: '192.168.1.1' })] });
    const other = runtime('rb', { vnics: [lan({ parent_gateway: '192.168.1.254' })] });
    expect(problemsOf(() => resolveModel(config([one, other]), lanFacts()))).toEqual([
      '$.runtimes[1].vnics[0].parent_gateway: disagrees with the gateway 192.168.1.1 that $.runtimes[0].vnics[0] gives the same LAN, got "192.168.1.254"; expected 192.168.1.1',
    ]);
    expect(problemsOf(() => resolveModel(config([other, one]), lanFacts()))).toHaveLength(1);
  });

  test("a gateway one vNIC declares is the LAN's, whatever the order of the runtimes", () => {
    const plain = runtime('ra', { vnics: [lan()] });
    const declared = runtime('rb', { vnics: [lan({ parent_gateway: '192.168.1.254' })] });
    for (const runtimes of [
      [plain, declared],
      [declared, plain],
    ]) {
      expect(resolveModel(config(runtimes), lanFacts()).networks[0].gateway.toString()).toBe('192.168.1.254');
    }
  });

  test('fails when a configured MAC is the one another vNIC derives', () => {
    const derived = resolveModel(config([runtime('ra', { vnics: [lan()] })]), lanFacts()).runtimes[0].vnics[0].mac!.toString();
    const runtimes = [runtime('ra', { vnics: [lan()] }), runtime('rb', { vnics: [lan({ mac_address: derived })] })];
    expect(problemsOf(() => resolveModel(config(runtimes), lanFacts()))).toEqual([
      `$.runtimes[1].vnics[0].mac_address: is also the MAC of $.runtimes[0].vnics[0], got "${derived}"; expected each MAC used once`,
    ]);
  });

  test("fails when a configured MAC is a host interface's, whatever its case", () => {
    const runtimes = [runtime('ra', { vnics: [lan({ mac_address: '52-54-00-12-34-56' })] })];
    expect(problemsOf(() => resolveModel(config(runtimes), lanFacts()))).toEqual([
      '$.runtimes[0].vnics[0].mac_address: is the MAC of host interface eth0, got "52:54:00:12:34:56"; expected a unicast MAC no host interface has',
    ]);
  });

  test("fails when a derived MAC is a host interface's, saying where it came from", () => {
    const derived = resolveModel(config([runtime('ra', { vnics: [lan()] })]), lanFacts()).runtimes[0].vnics[0].mac!.toString();
    const facts = lanFacts();
    const host = {
      ...facts,
      interfaces: [...facts.interfaces, { ...facts.interfaces[0], name: 'eth9', mac: derived.toUpperCase(), ipv4: [] }],
    };
    expect(problemsOf(() => resolveModel(config([runtime('ra', { vnics: [lan()] })]), host))).toEqual([
      `$.runtimes[0].vnics[0].mac_address: is the MAC of host interface eth9 (derived from runtime ra and vNIC lan), got "${derived}"; expected a unicast MAC no host interface has`,
    ]);
  });

  test.each([
    [
      'lo',
      'is the loopback interface, which cannot carry macvlan, got "lo"; expected parent_interface: a physical or virtual Ethernet interface, e.g. eth0',
    ],
    [
      'eth0:1',
      'is not an interface name, got "eth0:1"; expected parent_interface: a Linux interface name of 1 to 15 characters, without a colon',
    ],
  ])('fails when a vNIC falls back to a default interface from the facts that cannot carry macvlan: %s', (iface, message) => {
    const facts = lanFacts();
    const host = { ...facts, interfaces: [{ ...facts.interfaces[0], name: iface }], default_interface: iface };
    expect(problemsOf(() => resolveModel(config([runtime('ra', { vnics: [{ name: 'lan' }] })]), host))).toEqual([
      `$.runtimes[0].vnics[0].parent_interface: is not set, and the facts' default interface ${message}`,
    ]);
  });
});
