import { interfaceType, isInterfaceType } from '../../../lib/core/facts/interface-type';

describe('interface type', () => {
  test('sysfs saying wireless makes any name wifi', () => {
    expect(interfaceType('eth0', true)).toBe('wifi');
    expect(interfaceType('enp3s0', true)).toBe('wifi');
  });

  test.each(['wlan0', 'wlp3s0', 'wlx001122334455'])('the name %s is wifi when sysfs says nothing', (name) => {
    expect(interfaceType(name, false)).toBe('wifi');
  });

  test.each(['eth0', 'enp3s0', 'ens37', 'wwan0', 'wl', 'owlan0'])('the name %s is ethernet when sysfs says nothing', (name) => {
    expect(interfaceType(name, false)).toBe('ethernet');
  });

  test('only ethernet and wifi are types', () => {
    expect(isInterfaceType('wifi')).toBe(true);
    expect(isInterfaceType('ethernet')).toBe(true);
    expect(isInterfaceType('Wifi')).toBe(false);
    expect(isInterfaceType(null)).toBe(false);
  });
});
