import * as path from 'path';
import { observeLinks } from '../../../lib/host/doctor/sysfs';
import { FIXTURES } from '../../paths';

/** A machine's /sys as a fixture tree: __tests__/fixtures/doctor/machine/sys/class/net. */
const MACHINE = path.join(FIXTURES, 'doctor', 'machine');

describe('observeLinks', () => {
  test('reads a NIC: operstate, IFF_UP, carrier and its driver', async () => {
    const { readable, links } = await observeLinks(['eth0', 'ens5'], MACHINE);
    expect(readable).toBe(true);
    expect(links.get('eth0')).toEqual({
      name: 'eth0',
      exists: true,
      operstate: 'up',
      adminUp: true,
      carrier: true,
      bondPort: false,
      wireless: false,
      driver: 'virtio_net',
      lower: [],
    });
    expect(links.get('ens5')?.driver).toBe('e1000e');
  });

  test('reads a down link without a carrier file as down, its carrier unknown', async () => {
    expect((await observeLinks(['eth2'], MACHINE)).links.get('eth2')).toMatchObject({ operstate: 'down', adminUp: false });
    expect((await observeLinks(['eth2'], MACHINE)).links.get('eth2')).not.toHaveProperty('carrier');
  });

  test("reads a bridge's and a bond's ports, and their masters with the kind", async () => {
    const { links } = await observeLinks(['eth1', 'eth3', 'br1', 'bond0'], MACHINE);
    expect(links.get('eth1')?.master).toEqual({ name: 'br0', kind: 'bridge' });
    expect(links.get('eth3')).toMatchObject({ master: { name: 'bond0', kind: 'bond' }, bondPort: true });
    expect(links.get('br1')?.lower).toEqual([{ name: 'eth4', driver: 'vmxnet3' }]);
    expect(links.get('bond0')?.lower).toEqual([{ name: 'eth3', driver: 'e1000e' }]);
  });

  test('reads a wireless link as wireless', async () => {
    expect((await observeLinks(['wlan0'], MACHINE)).links.get('wlan0')).toMatchObject({ wireless: true, driver: 'iwlwifi' });
  });

  test('a link that is not there exists not; a root without /sys is unreadable, and nothing fails', async () => {
    expect((await observeLinks(['eth9'], MACHINE)).links.get('eth9')).toMatchObject({ exists: false });
    const none = await observeLinks(['eth0'], path.join(FIXTURES, 'doctor', 'kernel-config'));
    expect(none.readable).toBe(false);
    expect(none.links.get('eth0')?.exists).toBe(false);
  });
});
