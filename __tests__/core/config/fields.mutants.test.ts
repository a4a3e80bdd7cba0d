import { z } from 'zod';
import {
  envName,
  imageField,
  interfaceField,
  ipv4Field,
  macField,
  maskField,
  oneOf,
  port,
  rangeField,
  subnetField,
} from '../../../lib/core/config/fields';
import { plain } from '../../helpers';

/** The issues `schema` reports for `input`, as code and message; fails the test if it accepts it. */
function issuesOf(schema: z.ZodType, input: unknown): { code: string; message: string }[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(result.data)}`);
  return result.error.issues.map((i) => ({ code: i.code, message: i.message }));
}

/** The one message `schema` reports for `input`. */
function messageOf(schema: z.ZodType, input: unknown): string {
  const issues = issuesOf(schema, input);
  expect(issues).toHaveLength(1);
  return issues[0].message;
}

const RANGE_EXAMPLE = 'a range of the LAN: 192.168.1.100-192.168.1.199, 192.168.1.64/26, an address, or host numbers such as 100-199';
const MASK_EXAMPLE = "the LAN's subnet: a.b.c.d/n, a netmask such as 255.255.255.0, or /n";
const IMAGE_EXAMPLE =
  'an image reference Docker accepts: lowercase repository, optional registry, :tag and @digest, e.g. local/busybox:latest';
const INTERFACE_EXPECTED = 'a Linux interface name of 1 to 15 characters, without a colon';

describe('oneOf', () => {
  const mode = oneOf(['dhcp', 'static'], 'the mode');

  test('fails when a string outside the set is not reported as not valid, with the words allowed', () => {
    expect(messageOf(mode, 'auto')).toBe('is not valid, got "auto"; expected one of dhcp, static');
  });

  test('fails when a value that is not a string is not reported as not a string', () => {
    expect(messageOf(mode, 5)).toBe('is not a string, got 5; expected one of dhcp, static');
  });

  test('fails when a missing value is not reported as required', () => {
    expect(messageOf(mode, undefined)).toBe('is required, got nothing; expected one of dhcp, static');
  });
});

describe('ipv4Field', () => {
  const field = ipv4Field('an address');

  test('fails when a value that is not a string is not reported as not an IPv4 address', () => {
    expect(messageOf(field, 5)).toBe('is not an IPv4 address, got 5; expected a dotted quad, e.g. 192.168.1.50');
  });

  test('fails when a string that is not a dotted quad is not reported as a custom issue with the example', () => {
    expect(issuesOf(field, '192.168.1.300')).toEqual([
      { code: 'custom', message: 'is not an IPv4 address, got "192.168.1.300"; expected a dotted quad, e.g. 192.168.1.50' },
    ]);
  });

  test('fails when a dotted quad is not parsed into the address', () => {
    expect(plain(field.parse('192.168.1.50'))).toBe('192.168.1.50');
  });
});

describe('subnetField', () => {
  test('fails when a value that is not a string is not reported as not an IPv4 subnet', () => {
    expect(messageOf(subnetField, 5)).toBe('is not an IPv4 subnet, got 5; expected a.b.c.d/n, e.g. 192.168.1.0/24');
  });

  test('fails when a subnet with host bits is not refused with its network form as what is allowed', () => {
    expect(issuesOf(subnetField, '192.168.1.5/24')).toEqual([
      {
        code: 'custom',
        message: 'is not an IPv4 subnet in network form, got "192.168.1.5/24"; expected the network address form 192.168.1.0/24',
      },
    ]);
  });

  test('fails when text that is no subnet at all is not refused with the general form as what is allowed', () => {
    expect(issuesOf(subnetField, 'nope')).toEqual([
      { code: 'custom', message: 'is not an IPv4 subnet in network form, got "nope"; expected a.b.c.d/n, e.g. 192.168.1.0/24' },
    ]);
  });
});

describe('macField', () => {
  test('fails when a value that is not a string is not reported as not a MAC address', () => {
    expect(messageOf(macField, 5)).toBe('is not a MAC address, got 5; expected six hex octets, e.g. 02:42:c0:a8:01:32');
  });

  test('fails when text that is not a MAC is not refused as a custom issue', () => {
    expect(issuesOf(macField, '02:42:zz:00:00:01')).toEqual([
      { code: 'custom', message: 'is not a MAC address, got "02:42:zz:00:00:01"; expected six hex octets, e.g. 02:42:c0:a8:01:32' },
    ]);
  });

  test('fails when the all-zero MAC is not refused, with a unicast MAC as what is allowed', () => {
    expect(issuesOf(macField, '00:00:00:00:00:00')).toEqual([
      { code: 'custom', message: 'is the all-zero MAC, got "00:00:00:00:00:00"; expected a unicast MAC, e.g. 02:42:c0:a8:01:32' },
    ]);
  });

  test('fails when a multicast MAC (odd first octet) is not refused, with an even first octet as what is allowed', () => {
    expect(issuesOf(macField, '01:00:5e:00:00:01')).toEqual([
      {
        code: 'custom',
        message:
          'is a multicast MAC (first octet is odd), got "01:00:5e:00:00:01"; expected a unicast MAC: an even first octet, e.g. 02:...',
      },
    ]);
  });

  test('fails when a unicast MAC is not parsed into the address', () => {
    expect(plain(macField.parse('02:42:C0:A8:01:32'))).toBe('02:42:c0:a8:01:32');
  });
});

describe('port', () => {
  test.each<[unknown, string]>([
    [1.5, 'a number that is not whole'],
    [0, 'zero, below the minimum'],
    [-1, 'a negative number'],
    [65536, 'one above the maximum'],
    ['80', 'a string'],
  ])('fails when %p (%s) is not refused as a port number from 1 to 65535', (input) => {
    expect(messageOf(port, input)).toBe(`is not a port number, got ${JSON.stringify(input)}; expected an integer from 1 to 65535`);
  });

  test.each([1, 80, 65535])('fails when the port %i, within 1 to 65535, is refused', (value) => {
    expect(port.parse(value)).toBe(value);
  });
});

describe('rangeField', () => {
  const field = rangeField('a range');

  test('fails when a value that is not a string is not reported as not an address range', () => {
    expect(messageOf(field, 5)).toBe(`is not an address range, got 5; expected ${RANGE_EXAMPLE}`);
  });

  test('fails when text that is no range is not refused as a custom issue with the forms allowed', () => {
    expect(issuesOf(field, 'x-y')).toEqual([{ code: 'custom', message: `is not an address range, got "x-y"; expected ${RANGE_EXAMPLE}` }]);
  });

  test('fails when host numbers are not parsed into a range of them', () => {
    const range = field.parse('100-199');
    expect({ kind: range.kind, first: range.first, last: range.last, text: String(range) }).toEqual({
      kind: 'hosts',
      first: 100,
      last: 199,
      text: '100-199',
    });
  });
});

describe('maskField', () => {
  test('fails when a value that is not a string is not reported as not a subnet', () => {
    expect(messageOf(maskField, 5)).toBe(`is not a subnet, got 5; expected ${MASK_EXAMPLE}`);
  });

  test.each([
    ['/0', 0],
    ['/8', 8],
    ['/24', 24],
    ['/32', 32],
    ['255.255.255.0', 24],
    ['255.255.255.255', 32],
    ['255.255.255.254', 31],
    ['128.0.0.0', 1],
    ['0.0.0.0', 0],
  ])('fails when %s is not read as the prefix /%i alone', (text, prefix) => {
    expect(maskField.parse(text)).toEqual({ prefix });
  });

  test('fails when a CIDR (host bits allowed) is not read as its prefix and network', () => {
    const mask = maskField.parse('192.168.1.5/24');
    expect({ prefix: mask.prefix, network: String(mask.network) }).toEqual({ prefix: 24, network: '192.168.1.0/24' });
  });

  test.each([
    ['/33', 'a prefix above 32'],
    ['/99', 'a two-digit prefix above 32'],
    ['/024', 'a prefix of three digits'],
    ['x/24', 'a prefix with a prefix added'],
    ['/24x', 'a prefix with a suffix added'],
    ['/', 'a slash alone'],
    ['nonsense', 'text that is no address'],
    ['255.0.255.0', 'a netmask whose ones are not contiguous'],
    ['0.0.0.255', 'a netmask whose ones are at the end'],
    ['255.255.255.1', 'a netmask with a stray one after the zeros'],
  ])('fails when %s (%s) is not refused as a custom issue with the forms allowed', (text) => {
    expect(issuesOf(maskField, text)).toEqual([
      { code: 'custom', message: `is not a subnet or netmask, got ${JSON.stringify(text)}; expected ${MASK_EXAMPLE}` },
    ]);
  });
});

describe('imageField', () => {
  const field = imageField('the image');

  test('fails when a value that is not a string is not reported as not a string, with what an image reference is', () => {
    expect(messageOf(field, 5)).toBe(`is not a string, got 5; expected ${IMAGE_EXAMPLE}`);
  });

  test('fails when a repository in upper case is not refused as an image reference', () => {
    expect(messageOf(field, 'Busybox')).toBe(`is not an image reference, got "Busybox"; expected ${IMAGE_EXAMPLE}`);
  });
});

describe('interfaceField', () => {
  const field = interfaceField('the parent');

  test('fails when a value that is not a string is not reported as not a string, with what an interface name is', () => {
    expect(messageOf(field, 5)).toBe(`is not a string, got 5; expected ${INTERFACE_EXPECTED}`);
  });

  test('fails when an alias label (with a colon) is not refused as an interface name', () => {
    expect(messageOf(field, 'eth0:1')).toBe(`is not an interface name, got "eth0:1"; expected ${INTERFACE_EXPECTED}`);
  });

  test('fails when the loopback interface, a valid name, is not refused as unable to carry macvlan', () => {
    expect(messageOf(field, 'lo')).toBe(
      'is the loopback interface, which cannot carry macvlan, got "lo"; expected a physical or virtual Ethernet interface, e.g. eth0',
    );
  });

  test('fails when an Ethernet interface is refused', () => {
    expect(field.parse('eth0')).toBe('eth0');
  });
});

describe('envName', () => {
  test.each(['A=B', '', 'A\0B'])('fails when %p (empty, with = or NUL) is not refused as an environment variable name', (name) => {
    expect(messageOf(envName, name)).toBe(
      `is not an environment variable name, got ${JSON.stringify(name)}; expected a non-empty name without = or NUL, e.g. TZ`,
    );
  });
});
