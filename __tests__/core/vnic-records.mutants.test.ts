import { ProblemList, ValidationError } from '../../lib/core/errors';
import { keyPath, readRuntimeVnics, vnicRecords } from '../../lib/core/vnic-records';
import { model, runtime } from '../helpers';

/** What `readRuntimeVnics` returns and the `path: message` lines it reports. */
function read(raw: unknown): { runtimes: unknown; problems: string[] } {
  const problems = new ProblemList();
  const runtimes = readRuntimeVnics(raw, problems);
  try {
    problems.throwIfAny();
  } catch (err) {
    return { runtimes, problems: (err as ValidationError).problems.map((p) => `${p.path}: ${p.message}`) };
  }
  return { runtimes, problems: [] };
}

const NOT_A_LIST = 'is not a list of vNICs, got %s; expected a list of vNIC objects (or edgenet\'s earlier {"vnics": [...]})';

/** Whether the one vNIC `fields` describe is read as on a Wi-Fi (or ipvlan) parent. */
const wifiOf = (fields: Record<string, unknown>): unknown => (read({ rt1: [{ name: 'lan', ...fields }] }).runtimes as any)[0].vnics[0].wifi;

describe('vnicRecords', () => {
  test('fails when the runtimes are not written sorted by name, whatever the order of the config', () => {
    const edge = model([
      runtime('rt2', { vnics: [{ name: 'lan' }] }),
      runtime('rt10', { isolated: true }),
      runtime('rt1', { isolated: true }),
    ]);
    expect(Object.keys(vnicRecords(edge))).toEqual(['rt1', 'rt10', 'rt2']);
  });
});

describe('keyPath', () => {
  test.each([
    ['rt1', '$.rt1'],
    ['_rt', '$._rt'],
    ['rt-a', '$["rt-a"]'],
    ['1rt', '$["1rt"]'],
    ['my rt', '$["my rt"]'],
  ])('fails when the container name %p is not written as %s', (key, path) => {
    expect(keyPath('$', key)).toBe(path);
  });
});

describe('readRuntimeVnics', () => {
  test('fails when null for the whole file is not refused as not an object, with nothing read', () => {
    expect(read(null)).toEqual({
      runtimes: [],
      problems: ['$: is not an object, got null; expected an object of container name to its list of vNICs'],
    });
  });

  test('fails when a file that is a list reads as anything but no runtimes', () => {
    expect(read([{ name: 'lan' }]).runtimes).toEqual([]);
  });

  test('fails when a container entry that is null, or an object whose vnics is not a list, is not refused as not a list of vNICs', () => {
    expect(read({ rt1: null, rt2: { vnics: 'lan' }, rt3: { vnics: null }, rt4: { name: 'lan' } })).toEqual({
      runtimes: [],
      problems: [
        `$.rt1: ${NOT_A_LIST.replace('%s', 'null')}`,
        `$.rt2: ${NOT_A_LIST.replace('%s', '{"vnics":"lan"}')}`,
        `$.rt3: ${NOT_A_LIST.replace('%s', '{"vnics":null}')}`,
        `$.rt4: ${NOT_A_LIST.replace('%s', '{"name":"lan"}')}`,
      ],
    });
  });

  test('fails when a vNIC that is not an object (null among them) is not read as only its path, not on Wi-Fi', () => {
    expect(read({ rt1: [null, 'lan'] })).toEqual({
      runtimes: [
        {
          name: 'rt1',
          path: '$.rt1',
          vnics: [
            { path: '$.rt1[0]', wifi: false },
            { path: '$.rt1[1]', wifi: false },
          ],
        },
      ],
      problems: [
        '$.rt1[0]: is not a vNIC object, got null; expected an object with name, parent_interface, network_mode, ...',
        '$.rt1[1]: is not a vNIC object, got "lan"; expected an object with name, parent_interface, network_mode, ...',
      ],
    });
  });

  test('fails when a dns list holding anything but strings is taken, or one of strings is refused', () => {
    expect(read({ rt1: [{ name: 'lan', dns: ['1.1.1.1', 53] }] })).toEqual({
      runtimes: [{ name: 'rt1', path: '$.rt1', vnics: [{ path: '$.rt1[0]', name: 'lan', wifi: false }] }],
      problems: ['$.rt1[0].dns: is not a list of strings, got ["1.1.1.1",53]; expected a list of IPv4 addresses, or null'],
    });
    expect(read({ rt1: [{ dns: ['1.1.1.1', '9.9.9.9'] }] }).runtimes).toEqual([
      { name: 'rt1', path: '$.rt1', vnics: [{ path: '$.rt1[0]', dns: ['1.1.1.1', '9.9.9.9'], wifi: false }] },
    ]);
  });

  test.each([
    [{ _interface_type: 'wifi' }, true],
    [{ _is_wifi: true }, true],
    [{ _network_method: 'proxy_arp' }, true],
    [{ driver: 'ipvlan' }, true],
    [{ _interface_type: 'ethernet', _is_wifi: false, _network_method: 'bridge', driver: 'macvlan' }, false],
    [{ _is_wifi: 'true' }, false],
    [{ _network_method: '' }, false],
    [{ driver: '' }, false],
  ])("fails when a vNIC with %p (the reference agent's notes of its parent) does not read as wifi: %p", (fields, wifi) => {
    expect(wifiOf(fields)).toBe(wifi);
  });
});
