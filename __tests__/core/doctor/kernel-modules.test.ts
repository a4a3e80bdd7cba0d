import { kernelFact, kernelHasModule } from '../../../lib/core/doctor/kernel-modules';

const DEP =
  'kernel/drivers/net/macvlan.ko.xz:\nkernel/drivers/net/macvtap.ko.xz: kernel/drivers/net/macvlan.ko.xz kernel/drivers/net/tap.ko.xz\n';
const CONFIG = '# Linux/x86 6.18 Kernel Configuration\nCONFIG_MACVLAN=y\nCONFIG_MACVTAP=y\n# CONFIG_IPVLAN is not set\n';

describe('kernelHasModule', () => {
  test('fails when a module /sys/module lists is not taken as there, whatever else says', () => {
    expect(kernelHasModule('ipvlan', { loaded: true, config: CONFIG, modulesDep: DEP })).toBe(true);
  });

  test.each([
    ['y', true],
    ['m', true],
  ])('fails when the kernel config saying =%s is not taken as the module being there', (value, has) => {
    expect(kernelHasModule('ipvlan', { loaded: false, config: `CONFIG_IPVLAN=${value}\n` })).toBe(has);
  });

  test('fails when a kernel config that leaves the option unset is not taken as the module missing, even where the lists are unreadable', () => {
    expect(kernelHasModule('ipvlan', { loaded: false, config: CONFIG })).toBe(false);
    expect(kernelHasModule('macvlan', { loaded: false, config: CONFIG })).toBe(true);
  });

  test('fails when another option that contains the name (CONFIG_MACVLAN_EXTRA, CONFIG_IPVLAN in a comment) counts', () => {
    expect(kernelHasModule('macvlan', { loaded: false, config: 'CONFIG_MACVLAN_EXTRA=y\n# CONFIG_MACVLAN=y\n' })).toBe(false);
  });

  test('fails when modules.dep or modules.builtin listing the module (any compression) is not taken as it being there', () => {
    expect(kernelHasModule('macvlan', { loaded: false, modulesDep: DEP })).toBe(true);
    expect(kernelHasModule('ipvlan', { loaded: false, modulesBuiltin: 'kernel/drivers/net/ipvlan/ipvlan.ko\n' })).toBe(true);
    expect(kernelHasModule('ipvlan', { loaded: false, modulesDep: 'kernel/drivers/net/ipvlan/ipvlan.ko.zst: kernel/net/x.ko\n' })).toBe(
      true,
    );
  });

  test('fails when a module the lists name only as a dependency, or under a longer name, is taken as there', () => {
    expect(kernelHasModule('ipvlan', { loaded: false, modulesDep: 'kernel/drivers/net/x.ko: kernel/drivers/net/ipvlan/ipvlan.ko\n' })).toBe(
      false,
    );
    expect(kernelHasModule('macvlan', { loaded: false, modulesDep: 'kernel/drivers/net/macvlan2.ko:\n' })).toBe(false);
    expect(kernelHasModule('ipvlan', { loaded: false, modulesDep: DEP, modulesBuiltin: '' })).toBe(false);
  });

  test('fails when nothing readable is taken for an answer', () => {
    expect(kernelHasModule('macvlan', { loaded: false })).toBeUndefined();
  });
});

describe('kernelFact', () => {
  const none = { loaded: false };
  test('fails when the field is given while either driver cannot be told', () => {
    expect(kernelFact({ macvlan: { loaded: true }, ipvlan: none })).toBeUndefined();
    expect(kernelFact({ macvlan: none, ipvlan: { loaded: true } })).toBeUndefined();
  });

  test('fails when what can be told is not the field', () => {
    expect(kernelFact({ macvlan: { loaded: false, config: CONFIG }, ipvlan: { loaded: false, config: CONFIG } })).toEqual({
      macvlan: true,
      ipvlan: false,
    });
  });
});
