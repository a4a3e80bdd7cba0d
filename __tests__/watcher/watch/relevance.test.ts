import { defaultSettleMs, JOIN_SETTLE_MS, relevantInterfaces } from '../../../watcher/watch/relevance';
import { config, runtime } from '../../helpers';

describe('relevance', () => {
  test('only the parents of vNICs matter', () => {
    const relevant = relevantInterfaces(
      config([
        runtime('rt1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] }),
        runtime('rw', { isolated: true }),
      ]),
    );
    expect(relevant('eth0')).toBe(true);
    expect(relevant('wlan0')).toBe(false);
  });

  test('a vNIC without parent_interface follows the default interface, so every change matters', () => {
    const relevant = relevantInterfaces(config([runtime('rt1', { vnics: [{ name: 'lan', network_mode: 'auto' }] })]));
    expect(relevant('wlan0')).toBe(true);
  });

  describe('default settle', () => {
    const lan = (name: string, parent?: string) => ({ name, network_mode: 'auto', ...(parent ? { parent_interface: parent } : {}) });

    test('fails when a config on one named parent waits for changes it cannot join', () => {
      const one = config([runtime('rt1', { vnics: [lan('lan', 'eth0')] }), runtime('rt2', { vnics: [lan('lan', 'eth0')] })]);
      expect(defaultSettleMs(one)).toBe(0);
    });

    test('fails when changes on two parents are not waited for, to be joined into one run', () => {
      const two = config([runtime('rt1', { vnics: [lan('lan', 'eth0')] }), runtime('rt2', { vnics: [lan('wifi', 'wlan0')] })]);
      expect(defaultSettleMs(two)).toBe(JOIN_SETTLE_MS);
      expect(JOIN_SETTLE_MS).toBeGreaterThan(0);
    });

    test('fails when a vNIC following the default interface is taken for one parent', () => {
      expect(defaultSettleMs(config([runtime('rt1', { vnics: [lan('lan')] })]))).toBe(JOIN_SETTLE_MS);
    });
  });
});
