import { z } from 'zod';
import { say } from '../errors';
import { closedObject } from '../schema-issues';
import {
  INTERFACE_NAME_EXPECTED,
  INTERFACE_PATTERN,
  isImageReference,
  isReservedName,
  parentInterfaceProblem,
  RESERVED_NAME_PROBLEM,
} from '../naming';
import { AddressRange, Ipv4Address, MacAddress, Subnet } from '../values';

/**
 * Field builders for the config schema: each carries its own path/value/allowed message
 * (`<what>, got <value>; expected <allowed>`), so the schema is the only place a field's
 * rule is written.
 */

/** What a missing or wrongly typed value is called, for the message. */
export function typeProblem(input: unknown, kind: string): string {
  return input === undefined ? 'is required' : `is not ${kind}`;
}

/** A string, optionally matching `pattern`; `expected` says what is allowed. */
export function text(expected: string, pattern?: RegExp, description?: string) {
  const base = z.string({ error: (iss) => say(typeProblem(iss.input, 'a string'), iss.input, expected) });
  // abort: a value that breaks the pattern gets that one problem, not also the refinements after it.
  const checked = pattern ? base.regex(pattern, { abort: true, error: (iss) => say('is not valid', iss.input, expected) }) : base;
  return description ? checked.meta({ description }) : checked;
}

/** One of a fixed set of words. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  const expected = `one of ${values.join(', ')}`;
  return z
    .enum(values, {
      error: (iss) => say(typeof iss.input === 'string' ? 'is not valid' : typeProblem(iss.input, 'a string'), iss.input, expected),
    })
    .meta({ description });
}

/** A mapping with exactly these fields; unknown fields are reported one by one (see issues.ts). */
export function mapping<S extends z.core.$ZodLooseShape>(shape: S, expected: string, id?: string) {
  const schema = closedObject(shape, (input) => say('is not a mapping', input, expected));
  return id ? schema.meta({ id }) : schema;
}

export function list<T extends z.ZodType>(item: T, what: string, expected: string) {
  return z.array(item, { error: (iss) => say(`is not ${what}`, iss.input, expected) });
}

export const ADDRESS_EXAMPLE = 'a dotted quad, e.g. 192.168.1.50';

/** A dotted quad, parsed into an Ipv4Address. */
export const ipv4Field = (description: string) =>
  z
    .string({ error: (iss) => say(typeProblem(iss.input, 'an IPv4 address'), iss.input, ADDRESS_EXAMPLE) })
    .meta({ description, format: 'ipv4' })
    .transform((value, ctx) => {
      const address = Ipv4Address.parse(value);
      if (address === undefined) {
        ctx.issues.push({ code: 'custom', message: say('is not an IPv4 address', value, ADDRESS_EXAMPLE), input: value });
        return z.NEVER;
      }
      return address;
    });

/** `a.b.c.d/n` in network form, parsed into a Subnet. */
export const subnetField = z
  .string({ error: (iss) => say(typeProblem(iss.input, 'an IPv4 subnet'), iss.input, 'a.b.c.d/n, e.g. 192.168.1.0/24') })
  .meta({ description: 'IPv4 subnet in network form, e.g. 192.168.1.0/24', pattern: '^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$' })
  .transform((value, ctx) => {
    const subnet = Subnet.parse(value);
    if (subnet === undefined) {
      const loose = Subnet.parse(value, false);
      const expected = loose ? `the network address form ${loose}` : 'a.b.c.d/n, e.g. 192.168.1.0/24';
      ctx.issues.push({ code: 'custom', message: say('is not an IPv4 subnet in network form', value, expected), input: value });
      return z.NEVER;
    }
    return subnet;
  });

/** A unicast MAC address, parsed into a MacAddress. */
export const macField = z
  .string({ error: (iss) => say(typeProblem(iss.input, 'a MAC address'), iss.input, 'six hex octets, e.g. 02:42:c0:a8:01:32') })
  .meta({ description: 'MAC address of the endpoint; default: derived from (runtime, vNIC)' })
  .transform((value, ctx) => {
    const mac = MacAddress.parse(value);
    let message: string | undefined;
    if (mac === undefined) message = say('is not a MAC address', value, 'six hex octets, e.g. 02:42:c0:a8:01:32');
    else if (mac.isZero) message = say('is the all-zero MAC', value, 'a unicast MAC, e.g. 02:42:c0:a8:01:32');
    else if (mac.isMulticast)
      message = say('is a multicast MAC (first octet is odd)', value, 'a unicast MAC: an even first octet, e.g. 02:...');
    if (message !== undefined || mac === undefined) {
      ctx.issues.push({ code: 'custom', message: message ?? '', input: value });
      return z.NEVER;
    }
    return mac;
  });

export const port = z
  .number({ error: (iss) => say('is not a port number', iss.input, 'an integer from 1 to 65535') })
  .int({ error: (iss) => say('is not a port number', iss.input, 'an integer from 1 to 65535') })
  .min(1, { error: (iss) => say('is not a port number', iss.input, 'an integer from 1 to 65535') })
  .max(65535, { error: (iss) => say('is not a port number', iss.input, 'an integer from 1 to 65535') });

const RANGE_EXAMPLE = 'a range of the LAN: 192.168.1.100-192.168.1.199, 192.168.1.64/26, an address, or host numbers such as 100-199';

/** An address range on a LAN, parsed into an AddressRange. */
export const rangeField = (description: string) =>
  z
    .string({ error: (iss) => say(typeProblem(iss.input, 'an address range'), iss.input, RANGE_EXAMPLE) })
    .meta({ description })
    .transform((value, ctx) => {
      const range = AddressRange.parse(value);
      if (range === undefined) {
        ctx.issues.push({ code: 'custom', message: say('is not an address range', value, RANGE_EXAMPLE), input: value });
        return z.NEVER;
      }
      return range;
    });

const MASK_EXAMPLE = "the LAN's subnet: a.b.c.d/n, a netmask such as 255.255.255.0, or /n";

/** The reference agent's static `subnet`: a CIDR, a dotted netmask or `/n`, parsed into a prefix (and network). */
export const maskField = z
  .string({ error: (iss) => say(typeProblem(iss.input, 'a subnet'), iss.input, MASK_EXAMPLE) })
  .meta({ description: "static mode only, as the reference agent writes it; must be the LAN's" })
  .transform((value, ctx) => {
    const prefixOnly = /^\/(\d{1,2})$/.exec(value);
    if (prefixOnly && Number(prefixOnly[1]) <= 32) return { prefix: Number(prefixOnly[1]) };
    const cidr = Subnet.parse(value, false);
    if (cidr) return { prefix: cidr.prefix, network: cidr };
    const mask = Ipv4Address.parse(value);
    const bits = mask ? mask.value.toString(2).padStart(32, '0') : '';
    if (mask && /^1*0*$/.test(bits)) return { prefix: bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') };
    ctx.issues.push({ code: 'custom', message: say('is not a subnet or netmask', value, MASK_EXAMPLE), input: value });
    return z.NEVER;
  });

/** A name users give (runtime, profile, host, vNIC): the pattern, and none JavaScript gives every object. */
export function nameField(pattern: RegExp, expected: string, description?: string) {
  const field = text(expected, pattern, description).refine((name) => !isReservedName(name), {
    error: (iss) => say(RESERVED_NAME_PROBLEM, iss.input, `another name (${expected})`),
  });
  return field;
}

const IMAGE_EXAMPLE =
  'an image reference Docker accepts: lowercase repository, optional registry, :tag and @digest, e.g. local/busybox:latest';

/** An image reference, by Docker's own grammar (a repository in upper case is refused by Docker). */
export const imageField = (description: string) =>
  z
    .string({ error: (iss) => say(typeProblem(iss.input, 'a string'), iss.input, IMAGE_EXAMPLE) })
    .meta({ description })
    .refine(isImageReference, { error: (iss) => say('is not an image reference', iss.input, IMAGE_EXAMPLE) });

/** A parent interface: a Linux interface name that can carry macvlan (the rule: parentInterfaceProblem). */
export const interfaceField = (description: string) => {
  const message = (input: unknown) => {
    const wrong = parentInterfaceProblem(String(input));
    return wrong ? say(wrong.what, input, wrong.expected) : undefined;
  };
  return (
    z
      .string({ error: (iss) => say(typeProblem(iss.input, 'a string'), iss.input, INTERFACE_NAME_EXPECTED) })
      // The pattern again, for the JSON Schema; abort, so the problem is reported once.
      .regex(INTERFACE_PATTERN, { abort: true, error: (iss) => message(iss.input) })
      .refine((name) => parentInterfaceProblem(name) === undefined, { error: (iss) => message(iss.input) })
      .meta({ description })
  );
};

/** An environment variable's name: not empty, no `=` (it would end the name), no NUL. */
export const envName = z.string().regex(/^[^=\0]+$/, {
  error: (iss) => say('is not an environment variable name', iss.input, 'a non-empty name without = or NUL, e.g. TZ'),
});

export const envValue = text('a string value (quote numbers and booleans), without NUL', /^[^\0]*$/);
