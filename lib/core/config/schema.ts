import { z } from 'zod';
import { say } from '../errors';
import { CONTAINER_NAME_PATTERN, LAN_DRIVERS, NAME_PATTERN, NETMON_CONTAINER_NAME } from '../naming';
import {
  ADDRESS_EXAMPLE,
  envName,
  envValue,
  imageField,
  interfaceField,
  ipv4Field,
  list,
  macField,
  mapping,
  maskField,
  nameField,
  oneOf,
  port,
  rangeField,
  subnetField,
  text,
} from './fields';
import { StateSchema } from './state-schema';

/**
 * The config file's shape, written once. The TypeScript types (`z.input` / `z.output`),
 * the validation messages (path, value received, what is allowed) and
 * schema/edgenet.schema.json (`npm run schema`) all come from here.
 *
 * Field names follow the reference agent's vNIC options; profiles carry the
 * "plugin-level defaults, per-runtime overrides" rule.
 */

export const NETWORK_MODES = ['static', 'auto', 'dhcp'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

export const RESTART_POLICIES = ['no', 'on-failure', 'always', 'unless-stopped'] as const;
export type RestartPolicy = (typeof RESTART_POLICIES)[number];

/** A vNIC's fields other than its name: what `vnic_defaults` may set. */
export const VNIC_FIELDS = {
  parent_interface: interfaceField("host interface; default: the facts' default_interface").optional(),
  parent_subnet: subnetField.optional(),
  parent_gateway: ipv4Field("LAN gateway; default: the detected gateway, else the subnet's .1").optional(),
  network_mode: oneOf(NETWORK_MODES, 'static: the given ip; auto: a stable free address; dhcp: no fixed address (default auto)').optional(),
  ip: ipv4Field('static mode only: the address').optional(),
  mac_address: macField.optional(),
  dns: list(ipv4Field('DNS server'), 'a list of strings', 'a list of IPv4 addresses').optional(),
  subnet: maskField.optional(),
  gateway: ipv4Field("static mode only, as the reference agent writes it; must be the LAN's gateway").optional(),
};

export const VnicDefaultsSchema = mapping(VNIC_FIELDS, 'a mapping of vNIC fields', 'vnic_defaults');

export const VNIC_SHAPE = {
  name: nameField(NAME_PATTERN, `a name matching ${NAME_PATTERN}`, 'vNIC name, unique within the runtime'),
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
  image: imageField('image reference, already present on the host').optional(),
  command: list(text('a string, e.g. sleep'), 'a list of strings', 'a list of strings, e.g. [sleep, infinity]').optional(),
  env: z
    .record(envName, envValue, {
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
  name: nameField(CONTAINER_NAME_PATTERN, `a container name matching ${CONTAINER_NAME_PATTERN}`, 'runtime and container name').refine(
    (name) => name !== NETMON_CONTAINER_NAME,
    { error: (iss) => say("is the name of edgenet's own netmon container", iss.input, 'another name') },
  ),
  profile: text('a profile defined under profiles', undefined, 'profile whose settings this runtime starts from').optional(),
  ...SETTINGS_SHAPE,
};

export const RuntimeSchema = mapping(RUNTIME_SHAPE, 'a mapping with at least name and image', 'runtime');

export const NETMON_SHAPE = {
  image: imageField('an image holding the edgenet command'),
  socket_dir: text('an absolute directory path', /^\/\S*$/, 'host directory for the socket (default /var/orchestrator)').optional(),
};

/** How edgenet and the provider reach a Docker engine; the same fields at the top level and per host. */
export const CONNECTION_SHAPE = {
  docker_host: text(
    'unix:///path/to/docker.sock, tcp://host:port or ssh://user@host',
    /^(unix|tcp|ssh):\/\/\S+$/,
    'Docker engine URL (default: $DOCKER_HOST, else unix:///var/run/docker.sock)',
  ).optional(),
  docker_cert_path: text(
    'a directory holding ca.pem, cert.pem and key.pem',
    /^\S+$/,
    'TLS client certificates for a tcp:// engine, relative to the config file (default: $DOCKER_CERT_PATH)',
  ).optional(),
  ssh_opts: list(
    text('an ssh option, e.g. -i or ~/.ssh/edge', /^\S+$/),
    'a list of strings',
    'a list of ssh options, e.g. [-i, ~/.ssh/edge]',
  )
    .meta({ description: 'extra ssh arguments for an ssh:// engine' })
    .optional(),
};

/** Settings of the LAN on one parent interface, whatever subnet it has. */
export const LanSchema = mapping(
  {
    auto_range: rangeField('where auto addresses are taken from (default: the upper half of the subnet)').optional(),
    exclude: list(rangeField('addresses auto never takes and static may not use'), 'a list', 'a list of address ranges').optional(),
    driver: oneOf(
      LAN_DRIVERS,
      "how the LAN's vNICs reach it (default: on a Wi-Fi parent ipvlan, or routed where the kernel has no ipvlan; else macvlan)",
    ).optional(),
    arp_probe: z
      .boolean({ error: (iss) => say('is not a boolean', iss.input, 'true or false') })
      .meta({
        description: 'ask the LAN (ARP, from the host on the parent) whether an auto address is free before giving it (default false)',
      })
      .optional(),
    host_access: z
      .union([z.boolean(), ipv4Field('the address of the host on this LAN')], {
        error: (iss) => say('is neither a boolean nor an address', iss.input, `true, false or ${ADDRESS_EXAMPLE}`),
      })
      .meta({
        description:
          "give the host an interface of its own on this LAN, so it reaches its runtimes there (true: its address is allocated like an auto vNIC's; or the address; default false)",
      })
      .optional(),
  },
  'a mapping of auto_range, exclude, driver, arp_probe and host_access',
  'lan',
);

/** The widest and narrowest internal pools: a runtime's internal network is one /24 of it. */
export const INTERNAL_POOL_PREFIXES = { widest: 8, narrowest: 24 } as const;

/** The control plane's container, joined to every runtime's internal network. */
export const ManagerSchema = mapping(
  {
    container: text(`a container name matching ${NAME_PATTERN}`, NAME_PATTERN, 'an existing container (e.g. the orchestrator agent)'),
    internal_pool: subnetField
      .refine((pool) => pool.prefix >= INTERNAL_POOL_PREFIXES.widest && pool.prefix <= INTERNAL_POOL_PREFIXES.narrowest, {
        error: (iss) =>
          say(
            'is not a pool of /24 subnets',
            iss.input,
            `a subnet of prefix length ${INTERNAL_POOL_PREFIXES.widest} to ${INTERNAL_POOL_PREFIXES.narrowest}, e.g. 172.31.0.0/16`,
          ),
      })
      .meta({
        description:
          "gives each runtime's internal network a /24 of this pool, the runtime .2 and the manager .3 on it (default: the engine picks the subnet and the manager's address)",
      })
      .optional(),
  },
  'a mapping with container and internal_pool',
  'manager',
);

export const HostSchema = mapping(
  {
    ...CONNECTION_SHAPE,
    state: StateSchema.optional(),
    facts: text(
      'a facts file path',
      /^\S+$/,
      "this host's facts (edgenet facts --json), relative to the config file; default: detected over docker_host",
    ).optional(),
    runtimes: list(
      text(`a runtime name matching ${NAME_PATTERN}`, NAME_PATTERN),
      'a list of strings',
      'a list of runtime names from runtimes',
    )
      .meta({ description: 'which of the runtimes run on this host (default: all)' })
      .optional(),
  },
  'a mapping of docker_host, docker_cert_path, ssh_opts, state and facts',
  'host',
);

/** A profile's name: any one line of text a runtime's `profile` can repeat. */
export const ProfileNameSchema = nameField(/^.+$/, 'a profile name');

export const TOP_LEVEL_SHAPE = {
  stack: text(
    `a name matching ${NAME_PATTERN}`,
    NAME_PATTERN,
    'stack name (default edge); with hosts, each host is a stack of its name',
  ).optional(),
  ...CONNECTION_SHAPE,
  state: StateSchema.optional(),
  hosts: z
    .record(nameField(NAME_PATTERN, `a name matching ${NAME_PATTERN}`), HostSchema, {
      error: (iss) => say('is not a mapping', iss.input, 'a mapping of host name to its docker_host, state and facts'),
    })
    .meta({ description: 'several edge hosts from one config: one stack and one state per host, the same runtimes on each' })
    .optional(),
  lans: z
    .record(interfaceField('parent interface'), LanSchema, {
      error: (iss) => say('is not a mapping', iss.input, 'a mapping of parent interface to its LAN settings'),
    })
    .meta({ description: 'per parent interface: where auto addresses come from and what to keep clear' })
    .optional(),
  manager: ManagerSchema.optional(),
  dhcp_client_image: imageField(
    'image of the helpers: the DHCP client beside dhcp vNICs, the ARP probe, and what puts declared MACs on the links of engines before API 1.54; busybox with udhcpc, ip and arping (default busybox:1.36)',
  ).optional(),
  profiles: z
    .record(ProfileNameSchema, SettingsSchema, {
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
