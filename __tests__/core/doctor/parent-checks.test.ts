import { LinkObservation, SysfsObservation } from '../../../lib/core/doctor/observations';
import {
  hostAccessCheck,
  linkIsUp,
  parentCheck,
  parentPortCheck,
  unplacedCheck,
  vswitchCheck,
  wifiCheck,
} from '../../../lib/core/doctor/parent-checks';
import { ParentUse } from '../../../lib/core/doctor/parents';
import { HostFacts } from '../../../lib/core/facts/types';
import { lanFacts } from '../../helpers';
import { link } from './link';

const macvlan = (iface = 'eth0'): ParentUse => ({
  iface,
  driver: 'macvlan',
  driverReason: `the host facts type ${iface} ethernet`,
  hostAccess: false,
});
const ipvlan = (iface = 'wlan0'): ParentUse => ({
  iface,
  driver: 'ipvlan',
  driverReason: `the host facts type ${iface} wifi`,
  hostAccess: false,
});
const sysfs = (...links: LinkObservation[]): SysfsObservation => ({ readable: true, links: new Map(links.map((l) => [l.name, l])) });
const wifiFacts = (): HostFacts =>
  lanFacts({ interfaces: [{ name: 'wlan0', operstate: 'UP', type: 'wifi', mac: null, ipv4: [], gateway: null }] });

describe('linkIsUp', () => {
  test('fails when operstate up is not up', () => {
    expect(linkIsUp(link())).toBe(true);
  });

  test('fails when a link without an operstate of its own (unknown) is not judged by its flags and carrier, as netmon does', () => {
    expect(linkIsUp(link({ operstate: 'unknown' }))).toBe(true);
    expect(linkIsUp(link({ operstate: 'unknown', carrier: false }))).toBe(false);
    expect(linkIsUp(link({ operstate: 'unknown', adminUp: false }))).toBe(false);
  });

  test.each(['down', 'lowerlayerdown', 'dormant'])('fails when operstate %s is taken for up', (operstate) => {
    expect(linkIsUp(link({ operstate }))).toBe(false);
  });
});

describe('parentCheck (1: the parent is there and up)', () => {
  test('fails when a parent up on this host is not ok, with its addresses', () => {
    expect(parentCheck(macvlan(), sysfs(link()), lanFacts())).toEqual({
      check: 'parent',
      status: 'ok',
      subject: 'eth0',
      found: 'up (192.168.1.10/24)',
      todo: '',
    });
  });

  test('fails when a parent that does not exist is not blocking, naming it and the interfaces there are', () => {
    const finding = parentCheck(macvlan('eth9'), sysfs(link(), link({ name: 'eth9', exists: false })), lanFacts());
    expect(finding).toEqual({
      check: 'parent',
      status: 'blocking',
      subject: 'eth9',
      found: 'no such link on this host',
      todo: 'name an interface that exists here as parent_interface (with IPv4 here: eth0)',
    });
  });

  test.each([
    [{ operstate: 'down', adminUp: false, carrier: undefined }, 'not up: administratively down'],
    [{ operstate: 'down', carrier: false }, 'not up: no carrier'],
    [{ operstate: 'dormant' }, 'not up: operstate dormant'],
  ])('fails when a parent that is not up (%j) is not blocking, saying why', (state, found) => {
    const finding = parentCheck(macvlan(), sysfs(link(state)), lanFacts());
    expect(finding).toMatchObject({ status: 'blocking', subject: 'eth0', found });
    expect(finding.todo).toContain('ip link set eth0 up');
  });

  test('fails when, with no /sys to read, the facts are not asked instead', () => {
    const unreadable: SysfsObservation = { readable: false, links: new Map() };
    expect(parentCheck(macvlan(), unreadable, lanFacts())).toMatchObject({
      status: 'ok',
      found: expect.stringContaining('UP in the host facts'),
    });
    expect(parentCheck(macvlan('eth9'), unreadable, lanFacts())).toMatchObject({
      status: 'blocking',
      found: expect.stringContaining('not in the host facts'),
    });
    const down = lanFacts({ interfaces: [{ ...lanFacts().interfaces[0], operstate: 'DOWN' }] });
    expect(parentCheck(macvlan(), unreadable, down)).toMatchObject({
      status: 'blocking',
      found: expect.stringContaining('DOWN in the host facts'),
    });
  });
});

describe('unplacedCheck', () => {
  test('fails when a vNIC with no parent at all is not blocking, naming it', () => {
    expect(unplacedCheck({ parents: [], unplaced: '$.runtimes[0].vnics[0]' }, true)).toMatchObject({
      check: 'parent',
      status: 'blocking',
      found: '$.runtimes[0].vnics[0] names no parent_interface and the facts name no default interface',
    });
  });

  test('fails when, without a config, no default interface is not blocking', () => {
    expect(unplacedCheck({ parents: [], unplaced: 'the facts' }, false)).toMatchObject({
      status: 'blocking',
      subject: '(default interface)',
    });
  });

  test('fails when a config without LAN vNICs is not said to be fine, or a placed config gets a line', () => {
    expect(unplacedCheck({ parents: [] }, true)).toMatchObject({ status: 'ok', subject: '(none)' });
    expect(unplacedCheck({ parents: [macvlan()] }, true)).toBeUndefined();
  });
});

describe('parentPortCheck (2: not a bridge or bond port)', () => {
  test("fails when a link that is nobody's port is not ok", () => {
    expect(parentPortCheck(macvlan(), link())).toMatchObject({ check: 'parent-port', status: 'ok' });
  });

  test('fails when a bridge port is not blocking, saying to use the bridge', () => {
    expect(parentPortCheck(macvlan('eth1'), link({ name: 'eth1', master: { name: 'br0', kind: 'bridge' } }))).toEqual({
      check: 'parent-port',
      status: 'blocking',
      subject: 'eth1',
      found:
        'a port of bridge br0: the bridge takes every frame that arrives on eth1, so the kernel refuses macvlan and ipvlan links on it (device or resource busy)',
      todo: 'use the bridge itself as the parent (parent_interface: br0)',
    });
  });

  test('fails when a bond port is not blocking, by its master or by bonding_slave alone', () => {
    expect(parentPortCheck(macvlan('eth3'), link({ master: { name: 'bond0', kind: 'bond' }, bondPort: true }))).toMatchObject({
      status: 'blocking',
      todo: 'use the bond itself as the parent (parent_interface: bond0)',
    });
    expect(parentPortCheck(macvlan('eth3'), link({ bondPort: true }))).toMatchObject({
      status: 'blocking',
      found: expect.stringContaining('a port of bond'),
    });
  });

  test('fails when a port of something else (a VRF, Open vSwitch) is blocking or unsaid', () => {
    expect(parentPortCheck(macvlan(), link({ master: { name: 'ovs-system', kind: 'other' } }))).toMatchObject({
      status: 'warning',
      todo: 'use ovs-system as the parent if it is the link that carries the LAN',
    });
  });
});

describe('wifiCheck (3: a Wi-Fi parent)', () => {
  test('fails when a wired parent gets more than an ok', () => {
    expect(wifiCheck(macvlan(), link(), lanFacts(), { macvlan: true, ipvlan: false })).toMatchObject({ status: 'ok', found: 'not Wi-Fi' });
  });

  test('fails when a Wi-Fi parent whose LAN must be ipvlan, on a kernel without ipvlan, is not blocking, naming the missing ipvlan', () => {
    const finding = wifiCheck(ipvlan(), undefined, wifiFacts(), { macvlan: true, ipvlan: false });
    expect(finding.status).toBe('blocking');
    expect(finding.found).toContain('this kernel has no ipvlan');
    expect(finding.todo).toContain('set it routed');
  });

  test('fails when a routed Wi-Fi LAN on a kernel without ipvlan is blocking, or does not name the missing ipvlan', () => {
    const routed = { ...ipvlan(), driver: 'routed' as const, driverReason: 'the host facts type wlan0 wifi and the kernel has no ipvlan' };
    expect(wifiCheck(routed, undefined, wifiFacts(), { macvlan: true, ipvlan: false })).toMatchObject({
      status: 'ok',
      found: expect.stringContaining('this kernel has no ipvlan, and edgenet routes its vNICs there'),
    });
  });

  test('fails when a Wi-Fi parent on a kernel with ipvlan is not ok, saying ipvlan L2 is used', () => {
    expect(wifiCheck(ipvlan(), undefined, wifiFacts(), { macvlan: true, ipvlan: true })).toMatchObject({
      status: 'ok',
      found: expect.stringContaining('edgenet uses ipvlan L2 there, and this kernel has ipvlan'),
    });
  });

  test('fails when not knowing the kernel is taken for either answer', () => {
    expect(wifiCheck(ipvlan(), undefined, wifiFacts(), undefined)).toMatchObject({ status: 'warning' });
  });

  test('fails when sysfs saying wireless is not Wi-Fi, or macvlan on Wi-Fi (facts typed ethernet, or a forced driver) is not warned of', () => {
    const finding = wifiCheck(macvlan('wlan0'), link({ name: 'wlan0', wireless: true }), lanFacts(), { macvlan: true, ipvlan: true });
    expect(finding).toMatchObject({
      status: 'warning',
      found: expect.stringContaining('yet its LAN gets macvlan because the host facts type wlan0 ethernet'),
    });
  });
});

describe('vswitchCheck (5: a VM NIC under macvlan)', () => {
  test.each(['virtio_net', 'vmxnet3', 'hv_netvsc'])(
    'fails when a %s parent of a macvlan LAN is not warned of, naming the vSwitch settings',
    (driver) => {
      const finding = vswitchCheck(macvlan(), link({ driver }));
      expect(finding).toMatchObject({
        check: 'vswitch',
        status: 'warning',
        found: expect.stringContaining(`a virtual machine's NIC (${driver})`),
      });
      expect(finding.todo).toContain('forged transmits and promiscuous mode');
    },
  );

  test('fails when a VM NIC below a bridge parent is not found', () => {
    const bridge = link({ name: 'br1', lower: [{ name: 'eth4', driver: 'vmxnet3' }] });
    expect(vswitchCheck(macvlan('br1'), bridge)).toMatchObject({
      status: 'warning',
      found: expect.stringContaining('br1 leaves through eth4, which is'),
    });
  });

  test('fails when a physical NIC, a virtual link or an ipvlan LAN is warned of', () => {
    expect(vswitchCheck(macvlan(), link({ driver: 'e1000e' }))).toMatchObject({
      status: 'ok',
      found: "NIC driver eth0 e1000e: not a VM's",
    });
    expect(vswitchCheck(macvlan(), link())).toMatchObject({ status: 'ok', found: 'a virtual link, no VM NIC below it' });
    expect(vswitchCheck(ipvlan('eth0'), link({ driver: 'virtio_net' }))).toMatchObject({ status: 'ok' });
  });
});

describe('hostAccessCheck (7: the host and its macvlan runtimes)', () => {
  test('fails when a macvlan LAN gets no warning pointing to host_access', () => {
    const finding = hostAccessCheck(macvlan());
    expect(finding).toMatchObject({ check: 'host-access', status: 'warning', subject: 'eth0' });
    expect(finding?.todo).toContain('set lans.eth0.host_access: true');
  });

  test('fails when a LAN with host access still gets the warning', () => {
    expect(hostAccessCheck({ ...macvlan(), hostAccess: true })).toMatchObject({ status: 'ok' });
  });

  test('fails when an ipvlan LAN gets the macvlan warning', () => {
    expect(hostAccessCheck(ipvlan())).toBeUndefined();
  });
});
