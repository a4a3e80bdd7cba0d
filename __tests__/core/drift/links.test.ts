import { hostAccessFindings, parseHostAccessObservation, routedVnicFindings } from '../../../lib/core/drift/links';
import { isIgnoredInterface } from '../../../lib/core/facts/interface-filter';
import { hostAccessInterfaceName } from '../../../lib/core/naming';
import { lanFacts, model, runtime } from '../../helpers';

const access = () =>
  model(
    [
      runtime('rt1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1.50' }] }),
      runtime('rt2', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1.51' }] }),
    ],
    lanFacts(),
    { lans: { eth0: { host_access: '192.168.1.9' } } },
  ).hostAccess[0];

const seen = `7: eh-eth0    inet 192.168.1.9/32 scope global eh-eth0\\       valid_lft forever preferred_lft forever
---
192.168.1.50 dev eh-eth0 scope link
192.168.1.51 dev eh-eth0 scope link
`;

describe('host access as the host shows it', () => {
  test('reads the link: absent, or its addresses and the destinations routed through it', () => {
    expect(parseHostAccessObservation('absent\n')).toEqual({ present: false, addresses: [], routes: [] });
    expect(parseHostAccessObservation(seen)).toEqual({
      present: true,
      addresses: ['192.168.1.9'],
      routes: ['192.168.1.50', '192.168.1.51'],
    });
  });

  test('fails when a link as planned is reported as drift', () => {
    expect(hostAccessFindings(access(), 'docker_container.HostAccess', parseHostAccessObservation(seen))).toEqual([]);
  });

  test('fails when a missing link, another address or a lost route goes unreported', () => {
    const at = 'docker_container.HostAccess';
    expect(hostAccessFindings(access(), at, parseHostAccessObservation('absent'))).toEqual([
      { address: at, source: 'engine', action: 'missing', detail: 'host access eh-eth0 on eth0: the host has no such link' },
    ]);
    const drifted = seen.replace('192.168.1.9/32', '192.168.1.8/32').replace('192.168.1.51 dev eh-eth0 scope link\n', '');
    expect(hostAccessFindings(access(), at, parseHostAccessObservation(drifted)).map((f) => f.detail)).toEqual([
      'host access eh-eth0 on eth0 has 192.168.1.8, want 192.168.1.9',
      'host access eh-eth0 on eth0 routes nothing to rt2/lan 192.168.1.51',
    ]);
  });

  test("fails when facts or netmon take the host's own link for a LAN parent", () => {
    expect(isIgnoredInterface(hostAccessInterfaceName('eth0'))).toBe(true);
    expect(isIgnoredInterface('eth0')).toBe(false);
  });

  test('fails when a long parent name gives a link name Linux refuses, or a different one each time', () => {
    expect(hostAccessInterfaceName('eth0')).toBe('eh-eth0');
    const long = hostAccessInterfaceName('wlx00c0ca123456');
    expect(long).toMatch(/^eh-[0-9a-f]{12}$/);
    expect(hostAccessInterfaceName('wlx00c0ca123456')).toBe(long);
    expect(hostAccessInterfaceName('wlx00c0ca123457')).not.toBe(long);
  });
});

describe('routed vNICs as their runtime holds them', () => {
  const vnic = { runtime: 'rt1', vnic: 'lan', planned: '192.168.1.60' };

  test('fails when a routed vNIC that lost its address, or holds another, goes unreported', () => {
    expect(routedVnicFindings(vnic, 'docker_container.K', [])).toEqual([
      {
        address: 'docker_container.K',
        source: 'engine',
        action: 'changed',
        detail: 'routed vNIC lan of rt1 holds no address, want 192.168.1.60',
      },
    ]);
    expect(routedVnicFindings(vnic, 'docker_container.K', ['192.168.1.61'])[0].detail).toBe(
      'routed vNIC lan of rt1 holds 192.168.1.61, want 192.168.1.60',
    );
  });

  test('fails when a vNIC as planned, or a keeper not running (reported as such), is called drift here', () => {
    expect(routedVnicFindings(vnic, 'docker_container.K', ['192.168.1.60'])).toEqual([]);
    expect(routedVnicFindings(vnic, 'docker_container.K', undefined)).toEqual([]);
  });
});
