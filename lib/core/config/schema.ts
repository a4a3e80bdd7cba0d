import { z } from 'zod';
import { say } from '../errors';
import { INTERFACE_PATTERN, NAME_PATTERN } from '../naming';
import { Ipv4Address, MacAddress, Subnet } from '../values';

/**
 * The config file's shape, written once. The TypeScript types (`z.input` / `z.output`),
 * the validation messages (path, value received, what is allowed) and
 * schema/edgenet.schema.json (`npm run schema`) all come from here.
 *
 * Field names follow the reference agent's vNIC options; profiles carry the
 * "plugin-level defaults, per-runtime overrides" rule.
 */

/** What a missing or wrongly typed value is called, for the message. */
function typeProblem(input: unknown, kind: string): string {
  return input === undefined ? 'is required' : `is not ${kind}`;
}

/** A string, optionally matching `pattern`; `expected` says what is allowed. */
function text(expected: string, pattern?: RegExp, description?: string) {
  const base = z.string({ error: (iss) => say(typeProblem(iss.input, 'a string'), iss.input, expected) });
  const checked = pattern ? base.regex(pattern, { error: (iss) => say('is not valid', iss.input, expected) }) : base;
  return description ? checked.meta({ description }) : checked;
}

/** One of a fixed set of words. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  const expected = `one of ${values.join(', ')}`;
  return z
    .enum(values, {
      error: (iss) => say(typeof iss.input === 'string' ? 'is not valid' : typeProblem(iss.input, 'a string'), iss.input, expected),
    })
    .meta({ description });
}

/** A mapping with exactly these fields; unknown fields are reported one by one (see issues.ts). */
function mapping<S extends z.core.$ZodLooseShape>(shape: S, expected: string, id?: string) {
  const schema = z.strictObject(shape, {
    error: (iss) => (iss.code === 'invalid_type' ? say('is not a mapping', iss.input, expected) : undefined),
  });
  return id ? schema.meta({ id }) : schema;
}

function list<T extends z.ZodType>(item: T, what: string, expected: string) {
  return z.array(item, { error: (iss) => say(`is not ${what}`, iss.input, expected) });
}

const ADDRESS_EXAMPLE = 'a dotted quad, e.g. 192.168.1.50';

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
const subnetField = z
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
const macField = z
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

const port = z
  .number({ error: (iss) => say('is not a port number', iss.input, 'an integer from 1 to 65535') })
  .int({ error: (iss) => say('is not a port number', iss.input, 'an integer from 1 to 65535') })
  .min(1, { error: (iss) => say('is not a port number', iss.input, 'an integer from 1 to 65535') })
  .max(65535, { error: (iss) => say('is not a port number', iss.input, 'an integer from 1 to 65535') });

export const NETWORK_MODES = ['static', 'auto', 'dhcp'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

export const RESTART_POLICIES = ['no', 'on-failure', 'always', 'unless-stopped'] as const;
export type RestartPolicy = (typeof RESTART_POLICIES)[number];

/** A vNIC's fields other than its name: what `vnic_defaults` may set. */
export const VNIC_FIELDS = {
  parent_interface: text(
    'a Linux interface name of 1 to 15 characters',
    INTERFACE_PATTERN,
    "host interface; default: the facts' default_interface",
  ).optional(),
  parent_subnet: subnetField.optional(),
  parent_gateway: ipv4Field("LAN gateway; default: the detected gateway, else the subnet's .1").optional(),
  network_mode: oneOf(NETWORK_MODES, 'static: the given ip; auto: a stable free address; dhcp: no fixed address (default auto)').optional(),
  ip: ipv4Field('static mode only: the address').optional(),
  mac_address: macField.optional(),
  dns: list(ipv4Field('DNS server'), 'a list of strings', 'a list of IPv4 addresses').optional(),
};

export const VnicDefaultsSchema = mapping(VNIC_FIELDS, 'a mapping of vNIC fields', 'vnic_defaults');

export const VNIC_SHAPE = {
  name: text(`a name matching ${NAME_PATTERN}`, NAME_PATTERN, 'vNIC name, unique within the runtime'),
  ...VNIC_FIELDS,
};

export const VnicSchema = mapping(VNIC_SHAPE, 'a mapping of vNIC fields', 'vnic');

export const PortSchema = mapping(
  {
    internal: port.meta({ description: 'container port' }),
    external: port.meta({ description: 'host port; default: internal' }).optional(),
    protocol: z
      .enum(['tcp', 'udp'], {
        error: (iss) => say(typeof iss.input === 'string' ? 'is not valid' : 'is not a string', iss.input, 'tcp or udp'),
      })
      .optional(),
  },
  'a mapping with internal (and optional external, protocol)',
  'port',
);

/** Fields a profile may set and a runtime may override. */
export const SETTINGS_SHAPE = {
  image: text('an image reference, e.g. local/busybox:latest', /^\S+$/, 'image reference, already present on the host').optional(),
  command: list(z.string(), 'a list of strings', 'a list of strings, e.g. [sleep, infinity]').optional(),
  env: z
    .record(z.string(), text('a string value (quote numbers and booleans)'), {
      error: (iss) => say('is not a mapping', iss.input, 'a mapping of variable names to strings'),
    })
    .optional(),
  isolated: z
    .boolean({ error: (iss) => say('is not a boolean', iss.input, 'true or false') })
    .meta({ description: 'internal network only, no LAN vNIC (default false)' })
    .optional(),
  ports: list(PortSchema, 'a list', 'a list of { internal, external, protocol }').optional(),
  vnic_defaults: VnicDefaultsSchema.optional(),
  vnics: list(VnicSchema, 'a list', 'a list of vNICs').optional(),
  restart: oneOf(RESTART_POLICIES, 'restart policy (default unless-stopped)').optional(),
};

export const SettingsSchema = mapping(SETTINGS_SHAPE, 'a mapping of runtime settings', 'settings');

export const RUNTIME_SHAPE = {
  name: text(`a name matching ${NAME_PATTERN}`, NAME_PATTERN, 'runtime and container name'),
  profile: text('a profile defined under profiles', undefined, 'profile whose settings this runtime starts from').optional(),
  ...SETTINGS_SHAPE,
};

export const RuntimeSchema = mapping(RUNTIME_SHAPE, 'a mapping with at least name and image', 'runtime');

export const NETMON_SHAPE = {
  image: text('an image holding the edgenet command', /^\S+$/),
  socket_dir: text('an absolute directory path', /^\/\S*$/, 'host directory for the socket (default /var/orchestrator)').optional(),
};

export const TOP_LEVEL_SHAPE = {
  stack: text(`a name matching ${NAME_PATTERN}`, NAME_PATTERN, 'stack name (default edge)').optional(),
  docker_host: text(
    'unix:///path/to/docker.sock, tcp://host:port or ssh://user@host',
    /^(unix|tcp|ssh):\/\/\S+$/,
    'Docker engine URL (default unix:///var/run/docker.sock)',
  ).optional(),
  profiles: z
    .record(z.string(), SettingsSchema, {
      error: (iss) => say('is not a mapping', iss.input, 'a mapping of profile name to runtime settings'),
    })
    .optional(),
  runtimes: list(RuntimeSchema, 'a list', 'a list of runtimes'),
  netmon: mapping(NETMON_SHAPE, 'a mapping with image and socket_dir').optional(),
};

export const EdgeConfigSchema = mapping(TOP_LEVEL_SHAPE, 'a mapping with at least `runtimes`').meta({
  title: 'edgenet config',
  description: 'Runtimes on a Docker host with their own presence on the LAN (edgenet).',
});

/** The config file as users write it. */
export type EdgeConfigFile = z.input<typeof EdgeConfigSchema>;
export type VnicFile = z.input<typeof VnicSchema>;
export type RuntimeFile = z.input<typeof RuntimeSchema>;

/** The same, each value parsed (addresses, subnets and MACs as value types). */
export type ParsedVnicFields = z.output<z.ZodObject<typeof VNIC_FIELDS>>;
export type ParsedSettings = z.output<typeof SettingsSchema>;

/** schema/edgenet.schema.json: the editor's view of the same schema. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(EdgeConfigSchema, { io: 'input', target: 'draft-2020-12' });
}
