import { EngineLanNetwork, planLanMoves } from '../../lib/core/lan-move';
import { HostFacts } from '../../lib/core/facts/types';
import { resolveModel } from '../../lib/core/model/resolve';
import { config, lanFacts, movedFacts, runtime } from '../helpers';
import { engineRules } from '../../lib/core/engine-rules';

/** Engine 20.10: one LAN network per parent, its own MACs on connect. */
const ENGINE_20_10 = engineRules('1.41');

const OLD_NAME = 'macvlan_eth0_192.168.1.0_24';
const NEW_NAME = 'macvlan_eth0_10.0.5.0_24';
const running = new Set(['rt1', 'rt2']);
const auto = (parent = 'eth0', name = 'lan') => ({ name, parent_interface: parent, network_mode: 'auto' });

/** The engine's network of the stack before eth0's subnet moved, with rt1 and rt2 on it. */
function old(overrides: Partial<EngineLanNetwork> = {}): EngineLanNetwork {
  return {
    id: 'old-id',
    name: OLD_NAME,
    driver: 'macvlan',
    options: { parent: 'eth0' },
    labels: { 'io.edgenet.stack': 'edge' },
    containers: ['rt1', 'rt2'],
    ...overrides,
  };
}

/** eth0 moved to 10.0.5.0/24; eth1 stays on 10.0.9.0/24. */
function twoLans(): HostFacts {
  const moved = movedFacts();
  return {
    ...moved,
    interfaces: [
      ...moved.interfaces,
      {
        name: 'eth1',
        operstate: 'UP',
        mac: null,
        ipv4: [{ address: '10.0.9.10', prefixlen: 24, subnet: '10.0.9.0/24' }],
        gateway: '10.0.9.1',
      },
    ],
  };
}

const modelOf = (runtimes: unknown[], facts: HostFacts = movedFacts()) => resolveModel(config(runtimes), facts);

describe('planLanMoves', () => {
  test('fails when the attachments are not sent sorted by container name, whatever the order of the config', () => {
    const moves = planLanMoves(
      modelOf([runtime('rt2', { vnics: [auto()] }), runtime('rt1', { vnics: [auto()] })]),
      [old()],
      running,
      ENGINE_20_10,
      'cheap',
    );
    expect(moves.map((m) => m.attach.map((a) => a.container))).toEqual([['rt1', 'rt2']]);
    expect(moves[0].to.name).toBe(NEW_NAME);
  });

  test("fails when a vNIC on the stack's other LAN is sent to the moved one", () => {
    const model = modelOf(
      [runtime('rt1', { vnics: [auto(), auto('eth1', 'wan')] }), runtime('rt2', { vnics: [auto('eth1', 'wan')] })],
      twoLans(),
    );
    const moves = planLanMoves(model, [old({ containers: ['rt1'] })], running, ENGINE_20_10, 'cheap');
    expect(moves.map((m) => m.attach.map((a) => [a.container, a.ipv4Address.startsWith('10.0.5.')]))).toEqual([[['rt1', true]]]);
  });

  test('fails when a LAN with a dhcp vNIC (its lease is the plan to make) is moved first', () => {
    const model = modelOf([runtime('rt1', { vnics: [auto()] }), runtime('rt2', { vnics: [{ ...auto(), network_mode: 'dhcp' }] })]);
    expect(planLanMoves(model, [old()], running, ENGINE_20_10, 'cheap')).toEqual([]);
  });

  test("fails when the DHCP client beside a dhcp vNIC on another LAN is not counted as the stack's own container", () => {
    const model = modelOf([runtime('rt1', { vnics: [auto(), { ...auto('eth1', 'wan'), network_mode: 'dhcp' }] })], twoLans());
    const moves = planLanMoves(model, [old({ containers: ['rt1', 'rt1_dhcp_wan'] })], running, ENGINE_20_10, 'cheap');
    expect(moves.map((m) => m.detach)).toEqual([['rt1', 'rt1_dhcp_wan']]);
  });

  test("fails when a container named like the DHCP client of a vNIC that is not dhcp is taken for the stack's own", () => {
    const model = modelOf([runtime('rt1', { vnics: [auto()] })]);
    expect(planLanMoves(model, [old({ containers: ['rt1', 'rt1_dhcp_lan'] })], running, ENGINE_20_10, 'cheap')).toEqual([]);
  });

  test("fails when another stack's network of the new name beside the old one is not seen as the name being taken", () => {
    const taken = old({ id: 'taken', name: NEW_NAME, labels: { 'io.edgenet.stack': 'other' } });
    expect(
      planLanMoves(modelOf([runtime('rt1', { vnics: [auto()] })]), [old({ containers: ['rt1'] }), taken], running, ENGINE_20_10, 'cheap'),
    ).toEqual([]);
  });

  test('fails when a stranded static vNIC is sent to the new LAN, or kept on the old one', () => {
    const model = modelOf([
      runtime('rt1', { vnics: [auto()] }),
      runtime('rt2', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1.50' }] }),
    ]);
    expect(model.stranded.map((s) => s.runtime)).toEqual(['rt2']);
    const [move] = planLanMoves(model, [old()], running, ENGINE_20_10, 'cheap');
    expect(move.detach).toEqual(['rt1', 'rt2']);
    expect(move.attach.map((a) => a.container)).toEqual(['rt1']);
  });

  test('fails when a network the model reuses (not created by the stack) would be created by a move', () => {
    const existing = {
      name: 'lan-by-hand',
      driver: 'macvlan',
      parent: 'eth0',
      subnet: '10.0.5.0/24',
      gateway: '10.0.5.1',
      managed_by: null,
    };
    const model = modelOf([runtime('rt1', { vnics: [auto()] })], { ...movedFacts(), docker_networks: [existing] });
    expect(model.networks.map((n) => n.existingName)).toEqual(['lan-by-hand']);
    // The engine read before the facts, without the network made by hand since.
    expect(planLanMoves(model, [old({ containers: ['rt1'] })], running, ENGINE_20_10, 'cheap')).toEqual([]);
  });

  test('fails when a runtime with a MAC of its own is connected without it, or a static address is not sent as planned', () => {
    const model = modelOf([
      runtime('rt1', {
        vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '10.0.5.77', mac_address: '02:aa:bb:cc:dd:ee' }],
      }),
    ]);
    expect(planLanMoves(model, [old({ containers: ['rt1'] })], running, ENGINE_20_10, 'cheap')[0].attach).toEqual([
      { container: 'rt1', ipv4Address: '10.0.5.77', macAddress: '02:aa:bb:cc:dd:ee' },
    ]);
  });

  test('fails when the moves of an unmoved LAN are planned from its old facts', () => {
    expect(
      planLanMoves(
        modelOf([runtime('rt1', { vnics: [auto()] })], lanFacts()),
        [old({ containers: ['rt1'] })],
        running,
        ENGINE_20_10,
        'cheap',
      ),
    ).toEqual([]);
  });
});
