import { z } from 'zod';
import { say } from '../errors';
import { closedObject } from '../schema-issues';
import { Ipv4Address, Subnet } from '../values';
import { DEFAULT_INTERFACE_TYPE, INTERFACE_TYPES, InterfaceType } from './interface-type';

/**
 * Host facts: the contract between detection (on the host) and synthesis (anywhere),
 * written once. A facts file is untrusted input: every field is checked, with its path.
 */

const addressText = (what: string) =>
  z
    .string({ error: (iss) => say('is not an IPv4 address', iss.input, what) })
    .refine((v) => Ipv4Address.parse(v) !== undefined, { error: (iss) => say('is not an IPv4 address', iss.input, what) });

/** A string field; `what` names what is allowed, e.g. "an interface name". */
const text = (what: string) => z.string({ error: (iss) => say('is not a string', iss.input, what) });

export const Ipv4FactSchema = closedObject(
  {
    /** The host's own address; null when only the subnet is known (environment override). */
    address: addressText('a dotted quad or null').nullable().default(null),
    /** The subnet's prefix length; derived from `subnet` when left out. */
    prefixlen: z
      .number({ error: (iss) => say('is not a prefix length', iss.input, 'an integer from 0 to 32') })
      .refine((n) => Number.isInteger(n) && n >= 0 && n <= 32, {
        error: (iss) => say('is not a prefix length', iss.input, 'an integer from 0 to 32'),
      })
      .optional(),
    /** `a.b.c.d/n`, network address form. */
    subnet: z
      .string({ error: (iss) => say('is not an IPv4 subnet', iss.input, 'a.b.c.d/n in network form') })
      .refine((v) => Subnet.parse(v) !== undefined, {
        error: (iss) => say('is not an IPv4 subnet', iss.input, 'a.b.c.d/n in network form'),
      }),
  },
  (input) => say('is not an object', input, 'an object with address, prefixlen, subnet'),
).transform((fact) => ({ ...fact, prefixlen: fact.prefixlen ?? (Subnet.parse(fact.subnet) as Subnet).prefix }));

export const InterfaceFactSchema = closedObject(
  {
    name: text('an interface name'),
    /** As the kernel reports it: UP, DOWN, UNKNOWN, ... */
    operstate: text('UP, DOWN, UNKNOWN, ...').default('UNKNOWN'),
    /** `ethernet` or `wifi` (macvlan needs a parent that carries foreign MACs); files from before the field are Ethernet. */
    type: z
      .enum(INTERFACE_TYPES, { error: (iss) => say('is not an interface type', iss.input, INTERFACE_TYPES.join(' or ')) })
      .default(DEFAULT_INTERFACE_TYPE),
    mac: text('a MAC address or null').nullable().default(null),
    ipv4: z.array(Ipv4FactSchema, { error: (iss) => say('is not a list', iss.input, 'a list of addresses') }).default([]),
    /** Gateway of the default route through this interface; null if there is none. */
    gateway: addressText('a dotted quad or null').nullable().default(null),
  },
  (input) => say('is not an object', input, 'an object with name, operstate, type, mac, ipv4, gateway'),
);

/** A macvlan or ipvlan network that already exists on the Docker host (edgenet's own are labelled). */
export const DockerNetworkFactSchema = closedObject(
  {
    name: text('a network name'),
    driver: text('a driver name, e.g. macvlan'),
    parent: text('a parent interface name or null').nullable(),
    subnet: text('a.b.c.d/n or null').nullable(),
    gateway: text('a dotted quad or null').nullable(),
    /** Value of the `io.edgenet.stack` label; null when created outside edgenet. */
    managed_by: text('a stack name or null').nullable(),
  },
  (input) => say('is not an object', input, 'an object with name, driver, parent, subnet, gateway, managed_by'),
);

/**
 * Which LAN drivers the host's kernel has: a kernel without macvlan cannot carry edgenet's
 * default LANs, one without ipvlan cannot carry a Wi-Fi parent's. Left out where detection
 * could not tell (no /sys/module entry, no kernel config, /lib/modules unreadable).
 */
export const KernelFactSchema = closedObject(
  {
    macvlan: z.boolean({ error: (iss) => say('is not a boolean', iss.input, 'true or false') }),
    ipvlan: z.boolean({ error: (iss) => say('is not a boolean', iss.input, 'true or false') }),
  },
  (input) => say('is not an object', input, 'an object with macvlan, ipvlan (true or false)'),
).meta({ description: "the LAN drivers the host's kernel has (loaded, built in, or available as a module)" });

export const HostFactsSchema = closedObject(
  {
    interfaces: z.array(InterfaceFactSchema, { error: (iss) => say('is not a list', iss.input, 'a list of interfaces') }),
    /** First candidate parent: the default route's interface if private, else the first private one. */
    default_interface: text('an interface name or null').nullable().default(null),
    /** How the facts were obtained: `proc`, `proc+env`, `env`, `file`, `netmon`. */
    source: text('proc, env, file, netmon, ...').default('file'),
    /** ISO-8601 time of detection; excluded from synthesis so output stays deterministic. */
    detected_at: text('an ISO-8601 time').default(''),
    /** Existing macvlan and ipvlan networks, when the Docker engine was asked. */
    docker_networks: z
      .array(DockerNetworkFactSchema, { error: (iss) => say('is not a list', iss.input, 'a list of networks or nothing') })
      .optional(),
    /** Whether the kernel has macvlan and ipvlan; absent when detection could not tell. */
    kernel: KernelFactSchema.optional(),
  },
  (input) => say('is not an object', input, 'a JSON object with interfaces, default_interface, source, detected_at'),
);

export type Ipv4Fact = z.output<typeof Ipv4FactSchema>;
/**
 * One interface's facts. `type` is always there once a file is checked; facts built in code
 * from a source that does not know it (the watcher's cache of a reference sidecar's reports)
 * may leave it out, which means `ethernet`, as in a file.
 */
export type InterfaceFact = Omit<z.output<typeof InterfaceFactSchema>, 'type'> & { type?: InterfaceType };
export type DockerNetworkFact = z.output<typeof DockerNetworkFactSchema>;
export type KernelFact = z.output<typeof KernelFactSchema>;
export type HostFacts = Omit<z.output<typeof HostFactsSchema>, 'interfaces'> & { interfaces: InterfaceFact[] };
