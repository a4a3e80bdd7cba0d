import { parentsInUse } from '../../../lib/core/doctor/parents';
import { config, lanFacts, runtime } from '../../helpers';

const vnic = (extra: Record<string, unknown> = {}) => ({ name: 'lan', network_mode: 'auto', ...extra });
const wifiFacts = () =>
  lanFacts({
    interfaces: [
      ...lanFacts().interfaces,
      {
        name: 'wlan0',
        operstate: 'UP',
        type: 'wifi',
        mac: null,
        ipv4: [{ address: '10.1.0.5', prefixlen: 24, subnet: '10.1.0.0/24' }],
        gateway: null,
      },
    ],
  });

describe('parentsInUse', () => {
  test("fails when, without a config, the facts' default interface is not the one parent", () => {
    expect(parentsInUse(lanFacts())).toEqual({
      parents: [
        {
          iface: 'eth0',
          driver: 'macvlan',
          driverReason: 'the host facts type eth0 ethernet: each vNIC gets a MAC of its own',
          hostAccess: false,
        },
      ],
    });
  });

  test('fails when, without a config and a default interface, that is not said', () => {
    expect(parentsInUse(lanFacts({ default_interface: null }))).toEqual({ parents: [], unplaced: 'the facts' });
  });

  test("fails when a config's parents are not each named once, in order, with the driver the model would give them", () => {
    const cfg = config(
      [
        runtime('rt1', { vnics: [vnic(), vnic({ name: 'wifi', parent_interface: 'wlan0' })] }),
        runtime('rt2', {
          vnics: [vnic({ parent_interface: 'eth0' }), vnic({ name: 'gone', parent_interface: 'eth9', parent_subnet: '10.9.0.0/24' })],
        }),
      ],
      { lans: { eth9: { driver: 'ipvlan' } } },
    );
    expect(parentsInUse(wifiFacts(), cfg, cfg.hosts[0]).parents.map((p) => [p.iface, p.driver])).toEqual([
      ['eth0', 'macvlan'],
      ['wlan0', 'ipvlan'],
      ['eth9', 'ipvlan'],
    ]);
  });

  test('fails when a vNIC with no parent and no default interface is not named, or stops the others being checked', () => {
    const cfg = config([runtime('rt1', { vnics: [vnic(), vnic({ name: 'w', parent_interface: 'wlan0' })] })]);
    expect(parentsInUse({ ...wifiFacts(), default_interface: null }, cfg, cfg.hosts[0])).toMatchObject({
      parents: [{ iface: 'wlan0' }],
      unplaced: '$.runtimes[0].vnics[0]',
    });
  });

  test("fails when a host's parents include runtimes that run elsewhere", () => {
    const cfg = config(
      [runtime('rt1', { vnics: [vnic({ parent_interface: 'eth0' })] }), runtime('rt2', { vnics: [vnic({ parent_interface: 'eth1' })] })],
      { hosts: { edge1: { runtimes: ['rt1'] }, edge2: { runtimes: ['rt2'] } } },
    );
    expect(parentsInUse(lanFacts(), cfg, cfg.hosts[1]).parents.map((p) => p.iface)).toEqual(['eth1']);
  });

  test('fails when isolated runtimes alone give a parent', () => {
    const cfg = config([runtime('rt3', { isolated: true })]);
    expect(parentsInUse(lanFacts(), cfg, cfg.hosts[0])).toEqual({ parents: [] });
  });
});
