import { DEFAULT_IGNORED_PREFIXES, isIgnoredInterface } from '../../../lib/core/facts/interface-filter';

describe('isIgnoredInterface', () => {
  test('fails when loopback is not ignored, with the default prefixes or any others', () => {
    expect(isIgnoredInterface('lo')).toBe(true);
    expect(isIgnoredInterface('lo', [])).toBe(true);
  });

  test.each(['lowpan0', 'lo1', 'eth0', 'wlan0', 'enp3s0'])(
    'fails when %s is ignored: "lo" stands for loopback only, not for every name it starts',
    (name) => {
      expect(isIgnoredInterface(name)).toBe(false);
    },
  );

  test.each(['docker0', 'veth1a2b', 'br-3f2e', 'cni0', 'flannel.1', 'cali123', 'vxlan.calico', 'tun0', 'tap0', 'macvlan0', 'dm-0'])(
    "fails when %s, a container engine's plumbing, is not ignored",
    (name) => {
      expect(isIgnoredInterface(name)).toBe(true);
    },
  );

  test('fails when a prefix list given in place of the default is not the one used', () => {
    expect(isIgnoredInterface('wg0', ['wg'])).toBe(true);
    expect(isIgnoredInterface('docker0', ['wg'])).toBe(false);
    expect(isIgnoredInterface('lowpan0', ['lo', ...DEFAULT_IGNORED_PREFIXES])).toBe(false);
  });
});
