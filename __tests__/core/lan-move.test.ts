import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { synthesize } from '../../lib/app/synth';
import { EngineLanNetwork, planLanMoves } from '../../lib/core/lan-move';
import { HostFacts } from '../../lib/core/facts/types';
import { ValidConfig } from '../../lib/core/config/validate';
import { config, lanFacts, movedFacts, runtime } from '../helpers';

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
    const moves = planLanMoves(after.model, [engineBefore()], running);
    expect(moves).toEqual([{ from: { id: 'old-id', name: lanOf(before.tfJson).name }, detach: ['rt1', 'rt2'], ...declared(after.tfJson) }]);
    expect(moves[0].to.ipam).toEqual([{ subnet: '10.0.5.0/24', gateway: '10.0.5.1' }]);
    expect(moves[0].attach[0].ipv4Address).toMatch(/^10\.0\.5\./);
  });

  it('fails when an ipvlan LAN (a Wi-Fi parent) is moved other than as the stack declares it, with no MAC', () => {
    const wifi = (facts: HostFacts): HostFacts => ({ ...facts, interfaces: facts.interfaces.map((i) => ({ ...i, type: 'wifi' })) });
    const [was, now] = [synth(cfg, wifi(lanFacts())), synth(cfg, wifi(movedFacts()))];
    const old = engineBefore({ name: lanOf(was.tfJson).name, driver: 'ipvlan', options: { parent: 'eth0', ipvlan_mode: 'l2' } });
    const moves = planLanMoves(now.model, [old], running);
    expect(moves.map(({ to, attach }) => ({ to, attach }))).toEqual([declared(now.tfJson)]);
    expect(moves[0].to.options).toEqual({ parent: 'eth0', ipvlan_mode: 'l2' });
    expect(moves[0].attach.every((a) => a.macAddress === undefined)).toBe(true);
  });

  it('fails when a network the engine already has by name is moved again', () => {
    expect(planLanMoves(after.model, [engineBefore({ name: lanOf(after.tfJson).name })], running)).toEqual([]);
  });

  it("fails when another stack's network is taken for this stack's old one", () => {
    expect(planLanMoves(after.model, [engineBefore({ labels: { 'io.edgenet.stack': 'other' } })], running)).toEqual([]);
    expect(planLanMoves(after.model, [engineBefore({ labels: {} })], running)).toEqual([]);
  });

  it('fails when a network on another parent or of another driver is taken for the old one', () => {
    expect(planLanMoves(after.model, [engineBefore({ options: { parent: 'eth1' } })], running)).toEqual([]);
    expect(planLanMoves(after.model, [engineBefore({ driver: 'ipvlan' })], running)).toEqual([]);
  });

  it('fails when a container the stack does not declare would be disconnected', () => {
    expect(planLanMoves(after.model, [engineBefore({ containers: ['rt1', 'someone-else'] })], running)).toEqual([]);
  });

  it('fails when it guesses between two old networks', () => {
    const older = engineBefore({ id: 'older', name: 'macvlan_eth0_172.16.0.0_24' });
    expect(planLanMoves(after.model, [engineBefore(), older], running)).toEqual([]);
  });

  it('fails when a container that is not running is connected (the plan creates it)', () => {
    const moves = planLanMoves(after.model, [engineBefore()], new Set(['rt2']));
    expect(moves[0].attach.map((a) => a.container)).toEqual(['rt2']);
    expect(moves[0].detach).toEqual(['rt1', 'rt2']);
  });

  it('fails when the internal bridge networks are taken for LAN moves', () => {
    const oldBridge = engineBefore({ id: 'bridge-id', name: 'rt0_internal', driver: 'bridge', options: {}, containers: [] });
    expect(planLanMoves(after.model, [engineBefore(), oldBridge], running).map((m) => m.from.id)).toEqual(['old-id']);
  });

  it('answers nothing for a model with no LAN', () => {
    const bare = synth(config([runtime('rt1')]));
    expect(planLanMoves(bare.model, [engineBefore()], running)).toEqual([]);
  });
});
