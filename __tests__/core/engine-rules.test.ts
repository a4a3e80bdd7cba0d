import { apiAtLeast, engineRules } from '../../lib/core/engine-rules';

describe('engineRules', () => {
  test.each([
    ['1.41', false, false],
    ['1.45', false, false],
    ['1.46', true, false],
    ['1.53', true, false],
    ['1.54', true, true],
    ['1.56', true, true],
    ['2.0', true, true],
  ])('API %s: several LAN networks per parent %s, MAC on connect %s', (version, several, mac) => {
    expect(engineRules(version)).toEqual({ severalLanNetworksPerParent: several, macOnConnect: mac });
  });

  test('fails when an API before 1.x (0.54, 0.60) is taken for a newer one', () => {
    expect([engineRules('0.54').macOnConnect, engineRules('0.60').severalLanNetworksPerParent]).toEqual([false, false]);
  });

  test('fails when text that is no API version is taken for a new engine: the conservative rules', () => {
    for (const text of ['', 'latest', '1.54.1', 'v1.54', '1.x']) {
      expect(engineRules(text)).toEqual({ severalLanNetworksPerParent: false, macOnConnect: false });
    }
  });
});

describe('apiAtLeast', () => {
  test('fails when minors are compared as text (1.100 after 1.54) or the major is ignored', () => {
    expect([apiAtLeast('1.100', '1.54'), apiAtLeast('2.1', '1.54'), apiAtLeast('1.9', '1.54'), apiAtLeast('1.54', '1.54')]).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });
});
