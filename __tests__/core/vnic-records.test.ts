import { vnicRecords } from '../../lib/core/vnic-records';
import { model, runtime } from '../helpers';

describe('runtime_vnics.json', () => {
  test("records each runtime's vNICs as applied, with the reference agent's fields; the netmon sidecar is not a runtime", () => {
    const edge = model(
      [
        runtime('rt1', {
          vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1.50', dns: ['192.168.1.1'] }],
        }),
        runtime('worker', { isolated: true }),
      ],
      undefined,
      { netmon: { image: 'local/edgenet:latest' } },
    );
    expect(vnicRecords(edge)).toEqual({
      rt1: {
        vnics: [
          {
            name: 'lan',
            network: 'macvlan_eth0_192.168.1.0_24',
            parent_interface: 'eth0',
            parent_subnet: '192.168.1.0/24',
            parent_gateway: '192.168.1.1',
            network_mode: 'static',
            ip: '192.168.1.50',
            subnet: '192.168.1.0/24',
            gateway: '192.168.1.1',
            dns: ['192.168.1.1'],
            mac_address: expect.stringMatching(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/),
          },
        ],
      },
      worker: { vnics: [] },
    });
  });
});
