import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { synthesize } from '../../lib/app/synth';
import { describeMoveFirst, EngineLanNetwork, moveOrder, planLanMoves, standInMac } from '../../lib/core/lan-move';
import { MacAddress } from '../../lib/core/values';
import { HostFacts } from '../../lib/core/facts/types';
import { ValidConfig } from '../../lib/core/config/validate';
import { config, lanFacts, movedFacts, runtime } from '../helpers';
import { engineRules } from '../../lib/core/engine-rules';

/** Engine 20.10: one LAN network per parent, its own MACs on connect. */
const ENGINE_20_10 = engineRules('1.41');

const cfg = config([
  runtime('rt1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] }),
  runtime('rt2', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] }),
]);
const synth = (c: ValidConfig = cfg, facts: HostFacts = movedFacts()) =>
  synthesize(c, facts, mkdtempSync(path.join(tmpdir(), 'lan-move-')));
const before = synth(cfg, lanFacts());
const after = synth();
const lanOf = (tfJson: any): any => Object.values<any>(tfJson.resource.docker_network).find((n) => n.driver !== 'bridge');

/** The engine as the stack `before` left it: its LAN network with both runtimes on it. */
function engineBefore(overrides: Partial<EngineLanNetwork> = {}): EngineLanNetwork {
  return {
    id: 'old-id',
    name: lanOf(before.tfJson).name,
    driver: 'macvlan',
    options: { parent: 'eth0' },
    labels: { 'io.edgenet.stack': 'edge' },
    containers: ['rt2', 'rt1'],
    ...overrides,
  };
}
const running = new Set(['rt1', 'rt2']);

/** The move as the synthesized stack declares it: the LAN network's resource and its attachments. */
function declared(tfJson: any) {
  const lan = lanOf(tfJson);
  const attachments = Object.values<any>(tfJson.resource.edgenet_network_attachment);
  const containers = tfJson.resource.docker_container;
  const nameOf = (ref: string) => containers[/^\$\{docker_container\.([^.]+)\.id\}$/.exec(ref)![1]].name;
  return {
    to: {
      name: lan.name,
      driver: lan.driver,
      options: lan.options,
      labels: Object.fromEntries(lan.labels.map((l: any) => [l.label, l.value])),
      ipam: lan.ipam_config,
    },
    attach: attachments
      .map((a) => ({
        container: nameOf(a.container),
        ipv4Address: a.ipv4_address,
        ...(a.mac_address ? { macAddress: a.mac_address } : {}),
      }))
      .sort((a, b) => a.container.localeCompare(b.container)),
  };
}

describe('planLanMoves', () => {
  it('fails when the move differs from what the synthesized stack declares: the network, each address and MAC', () => {
    const moves = planLanMoves(after.model, [engineBefore()], running, ENGINE_20_10, 'cheap');
    expect(moves).toEqual([
      {
        order: 'break-before-make',
        from: { id: 'old-id', name: lanOf(before.tfJson).name },
        detach: ['rt1', 'rt2'],
        ...declared(after.tfJson),
      },
    ]);
    expect(moves[0].to.ipam).toEqual([{ subnet: '10.0.5.0/24', gateway: '10.0.5.1' }]);
    expect(moves[0].attach[0].ipv4Address).toMatch(/^10\.0\.5\./);
  });

  it('fails when an ipvlan LAN (a Wi-Fi parent) is moved other than as the stack declares it, with no MAC', () => {
    const wifi = (facts: HostFacts): HostFacts => ({ ...facts, interfaces: facts.interfaces.map((i) => ({ ...i, type: 'wifi' })) });
    const [was, now] = [synth(cfg, wifi(lanFacts())), synth(cfg, wifi(movedFacts()))];
    const old = engineBefore({ name: lanOf(was.tfJson).name, driver: 'ipvlan', options: { parent: 'eth0', ipvlan_mode: 'l2' } });
    const moves = planLanMoves(now.model, [old], running, ENGINE_20_10, 'cheap');
    expect(moves.map(({ to, attach }) => ({ to, attach }))).toEqual([declared(now.tfJson)]);
    expect(moves[0].to.options).toEqual({ parent: 'eth0', ipvlan_mode: 'l2' });
    expect(moves[0].attach.every((a) => a.macAddress === undefined)).toBe(true);
  });

  it('fails when a network the engine already has by name is moved again', () => {
    expect(planLanMoves(after.model, [engineBefore({ name: lanOf(after.tfJson).name })], running, ENGINE_20_10, 'cheap')).toEqual([]);
  });

  it("fails when another stack's network is taken for this stack's old one", () => {
    expect(planLanMoves(after.model, [engineBefore({ labels: { 'io.edgenet.stack': 'other' } })], running, ENGINE_20_10, 'cheap')).toEqual(
      [],
    );
    expect(planLanMoves(after.model, [engineBefore({ labels: {} })], running, ENGINE_20_10, 'cheap')).toEqual([]);
  });

  it('fails when a network on another parent or of another driver is taken for the old one', () => {
    expect(planLanMoves(after.model, [engineBefore({ options: { parent: 'eth1' } })], running, ENGINE_20_10, 'cheap')).toEqual([]);
    expect(planLanMoves(after.model, [engineBefore({ driver: 'ipvlan' })], running, ENGINE_20_10, 'cheap')).toEqual([]);
  });

  it('fails when a container the stack does not declare would be disconnected', () => {
    expect(planLanMoves(after.model, [engineBefore({ containers: ['rt1', 'someone-else'] })], running, ENGINE_20_10, 'cheap')).toEqual([]);
  });

  it('fails when it guesses between two old networks', () => {
    const older = engineBefore({ id: 'older', name: 'macvlan_eth0_172.16.0.0_24' });
    expect(planLanMoves(after.model, [engineBefore(), older], running, ENGINE_20_10, 'cheap')).toEqual([]);
  });

  it('fails when a container that is not running is connected (the plan creates it)', () => {
    const moves = planLanMoves(after.model, [engineBefore()], new Set(['rt2']), ENGINE_20_10, 'cheap');
    expect(moves[0].attach.map((a) => a.container)).toEqual(['rt2']);
    expect(moves[0].detach).toEqual(['rt1', 'rt2']);
  });

  it('fails when the internal bridge networks are taken for LAN moves', () => {
    const oldBridge = engineBefore({ id: 'bridge-id', name: 'rt0_internal', driver: 'bridge', options: {}, containers: [] });
    expect(planLanMoves(after.model, [engineBefore(), oldBridge], running, ENGINE_20_10, 'cheap').map((m) => m.from.id)).toEqual([
      'old-id',
    ]);
  });

  it('answers nothing for a model with no LAN', () => {
    const bare = synth(config([runtime('rt1')]));
    expect(planLanMoves(bare.model, [engineBefore()], running, ENGINE_20_10, 'cheap')).toEqual([]);
  });
});

describe('moveOrder', () => {
  const withMac = [{ container: 'rt1', ipv4Address: '10.0.5.2', macAddress: '02:00:00:00:00:01' }];
  const withoutMac = [{ container: 'rt1', ipv4Address: '10.0.5.2' }];
  const ENGINE_29 = engineRules('1.56');

  test('fails when an engine with one LAN network per parent is asked to make before it breaks', () => {
    expect([moveOrder(ENGINE_20_10, 'cheap', withMac), moveOrder(ENGINE_20_10, 'cheap', withoutMac)]).toEqual([
      'break-before-make',
      'break-before-make',
    ]);
  });

  test('fails when an engine that takes a second network does not make before it breaks, where MACs step aside cheaply or need not', () => {
    expect([moveOrder(ENGINE_29, 'cheap', withMac), moveOrder(ENGINE_29, 'costly', withoutMac)]).toEqual([
      'make-before-break',
      'make-before-break',
    ]);
  });

  test('fails when MACs would step aside through a helper container a runtime: that costs more than the order saves', () => {
    expect(moveOrder(ENGINE_29, 'costly', withMac)).toBe('break-before-make');
  });

  test('fails when the make-before-break order is not planned for the engine that allows it', () => {
    const moves = planLanMoves(after.model, [engineBefore()], running, ENGINE_29, 'cheap');
    expect(moves.map((m) => m.order)).toEqual(['make-before-break']);
  });
});

describe('standInMac', () => {
  test('fails when the stand-in is the MAC itself, not locally administered unicast, or not the same every time', () => {
    const mac = MacAddress.parse('02:00:00:00:00:01') as MacAddress;
    const standIn = standInMac(mac);
    expect(standIn.equals(mac)).toBe(false);
    expect([standIn.isLocallyAdministered, standIn.isMulticast]).toEqual([true, false]);
    expect(standInMac(mac).toString()).toBe(standIn.toString());
  });
});

describe('describeMoveFirst', () => {
  it('fails when the line a move prints does not name the new network, how many runtimes move, the order and the old network', () => {
    const [move] = planLanMoves(after.model, [engineBefore()], running, engineRules('1.56'), 'cheap');
    expect(describeMoveFirst(move)).toBe(
      `lan ${lanOf(after.tfJson).name}: apply moves 2 runtime(s) to it first, make before break, then ${lanOf(before.tfJson).name} goes`,
    );
  });
});
