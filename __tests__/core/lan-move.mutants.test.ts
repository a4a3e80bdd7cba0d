import { EngineLanNetwork, planLanMoves } from '../../lib/core/lan-move';

const NEW_NAME = 'macvlan_eth0_10.0.5.0_24';
const OLD_NAME = 'macvlan_eth0_192.168.1.0_24';
const STACK = [{ label: 'io.edgenet.stack', value: 'edge' }];
const running = new Set(['rt1', 'rt2']);

/** An attachment of container resource `container` to network resource `network`, its address written out. */
const attachment = (container: string, network = 'Lan_new', ipv4 = '10.0.5.2', extra: Record<string, unknown> = {}) => ({
  network: `\${docker_network.${network}.id}`,
  container: `\${docker_container.${container}.id}`,
  ipv4_address: ipv4,
  ...extra,
});

/** A synthesized stack, by hand: the LAN network under its new name, rt1 and rt2, and `attachments`. */
function stack(attachments: Record<string, unknown>, network: Record<string, unknown> = {}): any {
  return {
    resource: {
      docker_network: {
        Lan_new: {
          name: NEW_NAME,
          driver: 'macvlan',
          options: { parent: 'eth0' },
          labels: STACK,
          ipam_config: [{ subnet: '10.0.5.0/24', gateway: '10.0.5.1' }],
          ...network,
        },
        rt1_internal: { name: 'rt1_internal', driver: 'bridge', labels: STACK },
      },
      docker_container: { rt1: { name: 'rt1' }, rt2: { name: 'rt2' } },
      edgenet_network_attachment: attachments,
    },
  };
}

/** The engine's network of the stack before its subnet moved, with rt1 and rt2 on it. */
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

const attachedTo = (tfJson: unknown, networks = [old()]) => planLanMoves(tfJson, networks, running).map((m) => m.attach);

describe('planLanMoves', () => {
  test('fails when the attachments are not sent sorted by container name, whatever the order of the stack', () => {
    const moves = planLanMoves(
      stack({
        b: attachment('rt2', 'Lan_new', '10.0.5.3'),
        a: attachment('rt1', 'Lan_new', '10.0.5.2', { mac_address: '02:00:00:00:00:01' }),
      }),
      [old()],
      running,
    );
    expect(moves).toEqual([
      {
        from: { id: 'old-id', name: OLD_NAME },
        detach: ['rt1', 'rt2'],
        to: {
          name: NEW_NAME,
          driver: 'macvlan',
          options: { parent: 'eth0' },
          labels: { 'io.edgenet.stack': 'edge' },
          ipam: [{ subnet: '10.0.5.0/24', gateway: '10.0.5.1' }],
        },
        attach: [
          { container: 'rt1', ipv4Address: '10.0.5.2', macAddress: '02:00:00:00:00:01' },
          { container: 'rt2', ipv4Address: '10.0.5.3' },
        ],
      },
    ]);
  });

  test('fails when a network the stack declares without an IPAM config is sent with one', () => {
    const moves = planLanMoves(stack({ a: attachment('rt1') }, { ipam_config: undefined }), [old()], running);
    expect(moves.map((m) => m.to.ipam)).toEqual([[]]);
  });

  test.each([undefined, null])('fails when a synthesized stack of %p is not read as no moves', (tfJson) => {
    expect(planLanMoves(tfJson, [old()], running)).toEqual([]);
  });

  test("fails when a LAN network the stack declares without edgenet's stack label takes the engine's unlabelled one", () => {
    expect(planLanMoves(stack({ a: attachment('rt1') }, { labels: undefined }), [old({ labels: {} })], running)).toEqual([]);
  });

  test('fails when a network the engine has by name is moved again because an old one of the stack is beside it', () => {
    const taken = old({ id: 'taken', name: NEW_NAME, labels: { 'io.edgenet.stack': 'other' } });
    expect(planLanMoves(stack({ a: attachment('rt1') }), [old(), taken], running)).toEqual([]);
  });

  test("fails when attachments to the stack's other networks, or to no network resource, are sent to the new LAN", () => {
    expect(
      attachedTo(
        stack({
          a: attachment('rt1'),
          internal: attachment('rt1', 'rt1_internal', '172.30.0.2'),
          dhcpElsewhere: { ...attachment('rt2', 'rt1_internal'), ipv4_address: undefined },
          bare: { ...attachment('rt2'), network: 'macvlan_eth0_10.0.5.0_24' },
          listed: { ...attachment('rt2'), network: ['${docker_network.Lan_new.id}'] },
          missing: { ...attachment('rt2'), network: undefined },
        }),
      ),
    ).toEqual([[{ container: 'rt1', ipv4Address: '10.0.5.2' }]]);
  });

  test('fails when an attachment whose container is not a docker_container of the stack is sent', () => {
    expect(
      attachedTo(
        stack({
          a: attachment('rt1'),
          image: { ...attachment('rt2'), container: '${docker_image.rt2.id}' },
          unknown: { ...attachment('rt2'), container: '${docker_container.rt9.id}' },
          literal: { ...attachment('rt2'), container: 'rt2' },
        }),
      ),
    ).toEqual([[{ container: 'rt1', ipv4Address: '10.0.5.2' }]]);
  });
});
