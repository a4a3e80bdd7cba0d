import { HostFacts } from '../../../lib/core/facts/types';
import { dhcpClientId } from '../../../lib/core/model/macs';
import { resolveModel } from '../../../lib/core/model/resolve';
import { config, lanFacts, runtime } from '../../helpers';

/** A host whose only LAN is a Wi-Fi station (wlan0 on 192.168.1.0/24): its vNICs are ipvlan. */
const wifiFacts = (): HostFacts => {
  const facts = lanFacts();
  return { ...facts, interfaces: [{ ...facts.interfaces[0], name: 'wlan0', type: 'wifi' }], default_interface: 'wlan0' };
};

describe('DHCP client identifiers on ipvlan', () => {
  test('fails when an ipvlan vNIC that is not dhcp gets a client identifier', () => {
    const model = resolveModel(
      config([
        runtime('ra', { vnics: [{ name: 'lan', network_mode: 'dhcp' }] }),
        runtime('rb', { vnics: [{ name: 'lan', network_mode: 'auto' }] }),
        runtime('rc', { vnics: [{ name: 'lan', network_mode: 'static', ip: '192.168.1.77' }] }),
      ]),
      wifiFacts(),
    );
    expect(model.runtimes.map((r) => [r.name, r.vnics[0].network.driver, r.vnics[0].dhcpClientId])).toEqual([
      ['ra', 'ipvlan', dhcpClientId('ra', 'lan')],
      ['rb', 'ipvlan', undefined],
      ['rc', 'ipvlan', undefined],
    ]);
  });

  test('fails when the identifier is not type 0 followed by <runtime>/<vnic> as hex', () => {
    expect(dhcpClientId('ra', 'lan')).toBe('0072612f6c616e');
  });
});
