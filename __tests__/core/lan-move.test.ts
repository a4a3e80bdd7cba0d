import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { synthesize } from '../../lib/app/synth';
import { EngineLanNetwork, planLanMoves } from '../../lib/core/lan-move';
import { config, lanFacts, movedFacts, runtime } from '../helpers';

const cfg = config([
  runtime('rt1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] }),
  runtime('rt2', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] }),
]);
const tfJsonOf = (facts = movedFacts()) => synthesize(cfg, facts, mkdtempSync(path.join(tmpdir(), 'lan-move-'))).tfJson;
const before = tfJsonOf(lanFacts());
const after = tfJsonOf();
const lanOf = (tfJson: any): any => Object.values<any>(tfJson.resource.docker_network).find((n) => n.driver === 'macvlan');

/** The engine as the stack `before` left it: its LAN network with both runtimes on it. */
function engineBefore(overrides: Partial<EngineLanNetwork> = {}): EngineLanNetwork {
  const lan = lanOf(before);
  return {
    id: 'old-id',
    name: lan.name,
    driver: 'macvlan',
    options: { parent: 'eth0' },
    labels: { 'io.edgenet.stack': 'edge' },
    containers: ['rt2', 'rt1'],
    ...overrides,
  };
}
const running = new Set(['rt1', 'rt2']);

describe('planLanMoves', () => {
  it('moves the old LAN network to the one the stack now declares, with each attachment as declared', () => {
    const moves = planLanMoves(after, [engineBefore()], running);
    const lan = lanOf(after);
    const attachments = Object.values<any>(after.resource.edgenet_network_attachment);
    expect(moves).toEqual([
      {
        from: { id: 'old-id', name: lanOf(before).name },
        detach: ['rt1', 'rt2'],
        to: {
          name: lan.name,
          driver: 'macvlan',
          options: { parent: 'eth0' },
          labels: { 'io.edgenet.stack': 'edge' },
          ipam: [{ subnet: '10.0.5.0/24', gateway: '10.0.5.1' }],
        },
        attach: ['rt1', 'rt2'].map((name, i) => ({
          container: name,
          ipv4Address: attachments[i].ipv4_address,
          macAddress: attachments[i].mac_address,
        })),
      },
    ]);
    expect(moves[0].attach[0].ipv4Address).toMatch(/^10\.0\.5\./);
  });

  it('fails when a network the engine already has by name is moved again', () => {
    expect(planLanMoves(after, [engineBefore({ name: lanOf(after).name })], running)).toEqual([]);
  });

  it("fails when another stack's network is taken for this stack's old one", () => {
    expect(planLanMoves(after, [engineBefore({ labels: { 'io.edgenet.stack': 'other' } })], running)).toEqual([]);
    expect(planLanMoves(after, [engineBefore({ labels: {} })], running)).toEqual([]);
  });

  it('fails when a network on another parent or of another driver is taken for the old one', () => {
    expect(planLanMoves(after, [engineBefore({ options: { parent: 'eth1' } })], running)).toEqual([]);
    expect(planLanMoves(after, [engineBefore({ driver: 'ipvlan' })], running)).toEqual([]);
  });

  it('fails when a container the stack does not declare would be disconnected', () => {
    expect(planLanMoves(after, [engineBefore({ containers: ['rt1', 'someone-else'] })], running)).toEqual([]);
  });

  it('fails when it guesses between two old networks', () => {
    expect(planLanMoves(after, [engineBefore(), engineBefore({ id: 'older', name: 'macvlan_eth0_172.16.0.0_24' })], running)).toEqual([]);
  });

  it('fails when a container that is not running is connected (the plan creates it)', () => {
    const moves = planLanMoves(after, [engineBefore()], new Set(['rt2']));
    expect(moves[0].attach.map((a) => a.container)).toEqual(['rt2']);
    expect(moves[0].detach).toEqual(['rt1', 'rt2']);
  });

  it('fails when the internal bridge networks are taken for LAN moves', () => {
    const bridges = Object.values<any>(after.resource.docker_network).filter((n) => n.driver !== 'macvlan');
    expect(bridges.length).toBeGreaterThan(0);
    const oldBridge = engineBefore({ id: 'bridge-id', name: 'rt0_internal', driver: 'bridge', options: {}, containers: [] });
    expect(planLanMoves(after, [engineBefore(), oldBridge], running).map((m) => m.from.id)).toEqual(['old-id']);
  });

  const editedAttachments = (edit: (attachment: any, index: number) => void) => {
    const copy = JSON.parse(JSON.stringify(after));
    Object.values<any>(copy.resource.edgenet_network_attachment).forEach(edit);
    return copy;
  };

  it('fails when a MAC the attachment leaves out is sent', () => {
    const moves = planLanMoves(
      editedAttachments((a) => delete a.mac_address),
      [engineBefore()],
      running,
    );
    expect(moves[0].attach.map((a) => Object.keys(a).sort())).toEqual([
      ['container', 'ipv4Address'],
      ['container', 'ipv4Address'],
    ]);
  });

  it('fails when a LAN with an attachment whose address the plan does not write out (dhcp) is moved first', () => {
    expect(
      planLanMoves(
        editedAttachments((a, i) => i === 1 && delete a.ipv4_address),
        [engineBefore()],
        running,
      ),
    ).toEqual([]);
  });

  it('fails when a LAN with an attachment addressed by host index is moved first', () => {
    const byIndex = editedAttachments((a, i) => {
      if (i === 0) a.ipv4_host_index = 5;
    });
    expect(planLanMoves(byIndex, [engineBefore()], running)).toEqual([]);
  });

  it('answers nothing for a stack with no resources', () => {
    expect(planLanMoves({}, [engineBefore()], running)).toEqual([]);
  });
});
