import { relevantInterfaces } from '../../../watcher/watch/relevance';
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
});
