import { checkFacts } from '../../../lib/core/facts/check';
import { problemsOf } from '../../helpers';

describe('facts file checks', () => {
  test('fails when the facts nest deeper than the limit, before the schema walks them', () => {
    let deep: unknown = null;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(problemsOf(() => checkFacts({ interfaces: deep }))).toEqual([
      `facts.interfaces${'[0]'.repeat(31)}: nests too deeply, got more than 32 levels; expected at most 32 levels of lists and mappings`,
    ]);
  });

  test('fails when a subnet in the facts is malformed', () => {
    expect(problemsOf(() => checkFacts({ interfaces: [{ name: 'eth0', ipv4: [{ address: '1.2.3.4', subnet: 'x' }] }] }))).toEqual([
      'facts.interfaces[0].ipv4[0].subnet: is not an IPv4 subnet, got "x"; expected a.b.c.d/n in network form',
    ]);
  });

  test('fails when a misspelt field of the facts, an interface, an address or a network is read as absent', () => {
    const raw = {
      interfaces: [{ name: 'eth0', gatway: '10.0.0.1', ipv4: [{ address: '10.0.0.2', subnet: '10.0.0.0/24', prefix: 24 }] }],
      default_iface: 'eth0',
      docker_networks: [{ name: 'n', driver: 'macvlan', parent: 'eth0', subnet: null, gateway: null, managed_by: null, labels: {} }],
    };
    expect(problemsOf(() => checkFacts(raw))).toEqual([
      'facts.interfaces[0].ipv4[0].prefix: is not a known field, got "prefix"; expected did you mean "prefixlen"? one of address, prefixlen, subnet',
      'facts.interfaces[0].gatway: is not a known field, got "gatway"; expected did you mean "gateway"? one of name, operstate, type, mac, ipv4, gateway',
      'facts.docker_networks[0].labels: is not a known field, got "labels"; expected one of name, driver, parent, subnet, gateway, managed_by',
      'facts.default_iface: is not a known field, got "default_iface"; expected one of interfaces, default_interface, source, detected_at, docker_networks, kernel',
    ]);
  });

  test('fails when an interface that is not an object is not named as such', () => {
    expect(problemsOf(() => checkFacts({ interfaces: ['eth0'] }))).toEqual([
      'facts.interfaces[0]: is not an object, got "eth0"; expected an object with name, operstate, type, mac, ipv4, gateway',
    ]);
  });

  test('fails when interfaces is missing', () => {
    expect(problemsOf(() => checkFacts({})).join()).toContain('facts.interfaces: is not a list');
  });

  test('fails when docker_networks is not a list', () => {
    expect(problemsOf(() => checkFacts({ interfaces: [], docker_networks: { eth0: 'x' } }))).toEqual([
      'facts.docker_networks: is not a list, got {"eth0":"x"}; expected a list of networks or nothing',
    ]);
  });

  test('fails when an interface gateway is not an address', () => {
    expect(problemsOf(() => checkFacts({ interfaces: [{ name: 'eth0', gateway: 'router' }] })).join()).toContain(
      'facts.interfaces[0].gateway: is not an IPv4 address, got "router"',
    );
  });

  test('fails when an interface type is neither ethernet nor wifi', () => {
    expect(problemsOf(() => checkFacts({ interfaces: [{ name: 'wwan0', type: 'lte' }] }))).toEqual([
      'facts.interfaces[0].type: is not an interface type, got "lte"; expected ethernet or wifi',
    ]);
  });

  test('keeps the type a file gives', () => {
    expect(checkFacts({ interfaces: [{ name: 'wlp2s0', type: 'wifi' }] }).interfaces[0].type).toBe('wifi');
  });

  test('fills what old detectors left out: operstate, type (ethernet), mac, ipv4, prefixlen', () => {
    const facts = checkFacts({ interfaces: [{ name: 'eth0', ipv4: [{ address: '10.0.0.2', subnet: '10.0.0.0/16' }] }] });
    expect(facts.interfaces[0]).toEqual({
      name: 'eth0',
      operstate: 'UNKNOWN',
      type: 'ethernet',
      mac: null,
      ipv4: [{ address: '10.0.0.2', prefixlen: 16, subnet: '10.0.0.0/16' }],
      gateway: null,
    });
    expect(facts).toMatchObject({ default_interface: null, source: 'file', detected_at: '' });
  });
});
