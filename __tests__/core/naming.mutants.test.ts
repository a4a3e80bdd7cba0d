import {
  internalNetworkName,
  isImageReference,
  isReservedName,
  lanNetworkName,
  macvlanNetworkName,
  publishNetworkName,
} from '../../lib/core/naming';
import { subnet } from '../helpers';

const HEX64 = 'a'.repeat(32) + '0123456789abcdef0123456789ABCDEF';

describe('Docker network names', () => {
  test('fails when a macvlan network is not named macvlan_<iface>_<network>_<prefix>', () => {
    expect(macvlanNetworkName('eth0', subnet('192.168.1.0/24'))).toBe('macvlan_eth0_192.168.1.0_24');
  });

  test('fails when an ipvlan network is not named ipvlan_<iface>_<network>_<prefix>', () => {
    expect(lanNetworkName('ipvlan', 'wlan0', subnet('10.0.5.0/26'))).toBe('ipvlan_wlan0_10.0.5.0_26');
  });

  test('fails when the internal bridge is not named <runtime>_internal', () => {
    expect(internalNetworkName('rt1')).toBe('rt1_internal');
  });

  test('fails when the publish bridge is not named <runtime>_publish', () => {
    expect(publishNetworkName('rt1')).toBe('rt1_publish');
  });
});

describe('isReservedName', () => {
  test.each(['__proto__', 'prototype', 'constructor', 'toString', 'hasOwnProperty'])(
    'fails when %s, a name every object has, is not reserved',
    (name) => {
      expect(isReservedName(name)).toBe(true);
    },
  );

  test.each(['', 'rt1', 'Prototype', 'proto', '__proto', 'prototype1'])('fails when %p, a name no object has, is reserved', (name) => {
    expect(isReservedName(name)).toBe(false);
  });
});

describe('isImageReference', () => {
  test.each([
    ['a', 'a one-character repository'],
    ['busybox', 'a bare repository'],
    ['busybox:latest', 'a repository with a tag'],
    ['busybox:1.0', 'a tag with a dot (not a registry)'],
    ['library/busybox', 'a path of two components without a registry'],
    ['my_org/app', 'a first component with an underscore (a path, not a registry)'],
    ['my.app', 'a component with a dot separator'],
    ['my_app', 'a component with an underscore separator'],
    ['my__app', 'a component with a double underscore separator'],
    ['my--app', 'a component with several dashes'],
    ['localhost/app', 'the localhost registry'],
    ['localhost:5000/app', 'a registry with a port'],
    ['localhost:5000/app:1.2', 'a registry with a port and a tag'],
    ['Example.COM/app', 'a registry in upper case (a domain, not a path)'],
    ['a.b/app', 'a registry of one-character labels'],
    ['my-registry.example-host.com:5000/team/app', 'a registry with dashes, dots and a port'],
    [`busybox@sha256:${HEX64}`, 'a digest'],
    [`busybox:latest@sha256:${HEX64}`, 'a tag and a digest'],
    [`busybox@sha256+b64u.x-y_z:${HEX64}`, 'a digest whose algorithm has separated components'],
    [`busybox@sha256:${'f'.repeat(32)}`, 'a digest of 32 hex digits, the minimum'],
    [`busybox:${'v'.repeat(128)}`, 'a tag of 128 characters, the maximum'],
    ['busybox:_x', 'a tag starting with an underscore'],
    ['a'.repeat(255), 'a name of 255 characters, the maximum'],
  ])('fails when %s (%s) is refused', (text) => {
    expect(isImageReference(text)).toBe(true);
  });

  test.each([
    [`busybox@sha256:${HEX64}@sha256:${HEX64}`, 'two digests'],
    ['busybox@sha256:abc', 'a digest shorter than 32 hex digits'],
    [`busybox@sha256:${'f'.repeat(31)}`, 'a digest of 31 hex digits'],
    [`busybox@1sha256:${HEX64}`, 'a digest algorithm with a prefix that is not a letter'],
    [`busybox@sha256:${HEX64}zz`, 'a digest with a suffix that is not hex'],
    [`busybox@sha256:${'g'.repeat(64)}`, 'a digest that is not hex'],
    [`busybox@sha256+:${HEX64}`, 'a digest algorithm ending in a separator'],
    [`busybox@sha256+1:${HEX64}`, 'a digest algorithm component starting with a digit'],
    ['busybox-', 'a component ending in a dash'],
    ['busybox_', 'a component ending in an underscore'],
    ['busyBox', 'a component in upper case after a lowercase prefix'],
    ['Busybox', 'a component in upper case'],
    ['library/BusyBox', 'one component of several in upper case'],
    ['my___app', 'three underscores'],
    ['/app', 'an empty first component'],
    [':latest', 'an empty repository'],
    ['busybox:-x', 'a tag starting with a dash'],
    ['busybox:.x', 'a tag starting with a dot'],
    ['busybox:v1!', 'a tag with a suffix that is not allowed'],
    ['busybox:', 'an empty tag'],
    [`busybox:${'v'.repeat(129)}`, 'a tag of 129 characters'],
    ['my_reg.io/app', 'a registry with an underscore'],
    ['-registry.io/app', 'a registry label starting with a dash'],
    ['registry-.io/app', 'a registry label ending in a dash'],
    ['registry.io:5000x/app', 'a registry port with a suffix'],
    ['registry.io:/app', 'a registry with an empty port'],
    ['registry..io/app', 'a registry with an empty label'],
    ['a'.repeat(256), 'a name of 256 characters'],
  ])('fails when %s (%s) is accepted', (text) => {
    expect(isImageReference(text)).toBe(false);
  });
});
