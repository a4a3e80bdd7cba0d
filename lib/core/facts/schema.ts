import { z } from 'zod';
import { say } from '../errors';
import { Ipv4Address, Subnet } from '../values';
import { DEFAULT_INTERFACE_TYPE, INTERFACE_TYPES, InterfaceType } from './interface-type';

/**
 * Host facts: the contract between detection (on the host) and synthesis (anywhere),
 * written once. A facts file is untrusted input: every field is checked, with its path.
 */

const addressText = (what: string) =>
  z.string().refine((v) => Ipv4Address.parse(v) !== undefined, { error: (iss) => say('is not an IPv4 address', iss.input, what) });

export const Ipv4FactSchema = z
  .object(
    {
      /** The host's own address; null when only the subnet is known (environment override). */
      address: addressText('a dotted quad or null').nullable().default(null),
      /** The subnet's prefix length; derived from `subnet` when left out. */
      prefixlen: z.number().int().min(0).max(32).optional(),
      /** `a.b.c.d/n`, network address form. */
      subnet: z
        .string({ error: (iss) => say('is not an IPv4 subnet', iss.input, 'a.b.c.d/n in network form') })
        .refine((v) => Subnet.parse(v) !== undefined, {
          error: (iss) => say('is not an IPv4 subnet', iss.input, 'a.b.c.d/n in network form'),
        }),
    },
    { error: (iss) => say('is not an object', iss.input, 'an object with address, prefixlen, subnet') },
  )
  .transform((fact) => ({ ...fact, prefixlen: fact.prefixlen ?? (Subnet.parse(fact.subnet) as Subnet).prefix }));

export const InterfaceFactSchema = z.object(
  {
    name: z.string({ error: (iss) => say('is not a string', iss.input, 'an interface name') }),
    /** As the kernel reports it: UP, DOWN, UNKNOWN, ... */
    operstate: z.string().catch('UNKNOWN').default('UNKNOWN'),
    /** `ethernet` or `wifi` (macvlan needs a parent that carries foreign MACs); files from before the field are Ethernet. */
    type: z
      .enum(INTERFACE_TYPES, { error: (iss) => say('is not an interface type', iss.input, INTERFACE_TYPES.join(' or ')) })
      .default(DEFAULT_INTERFACE_TYPE),
    mac: z.string().nullable().catch(null).default(null),
    ipv4: z.array(Ipv4FactSchema, { error: (iss) => say('is not a list', iss.input, 'a list of addresses') }).default([]),
    /** Gateway of the default route through this interface; null if there is none. */
    gateway: addressText('a dotted quad or null').nullable().default(null),
  },
  { error: (iss) => say('is not an object', iss.input, 'an object with name, operstate, mac, ipv4, gateway') },
);

/** A macvlan network that already exists on the Docker host (edgenet's own are labelled). */
export const DockerNetworkFactSchema = z.object(
  {
    name: z.string(),
    driver: z.string(),
    parent: z.string().nullable(),
    subnet: z.string().nullable(),
    gateway: z.string().nullable(),
    /** Value of the `io.edgenet.stack` label; null when created outside edgenet. */
    managed_by: z.string().nullable(),
  },
  { error: (iss) => say('is not an object', iss.input, 'an object with name, driver, parent, subnet, gateway, managed_by') },
);

export const HostFactsSchema = z.object(
  {
    interfaces: z.array(InterfaceFactSchema, { error: (iss) => say('is not a list', iss.input, 'a list of interfaces') }),
    /** First candidate parent: the default route's interface if private, else the first private one. */
    default_interface: z.string().nullable().catch(null).default(null),
    /** How the facts were obtained: `proc`, `proc+env`, `env`, `file`, `netmon`. */
    source: z.string().catch('file').default('file'),
    /** ISO-8601 time of detection; excluded from synthesis so output stays deterministic. */
    detected_at: z.string().catch('').default(''),
    /** Existing macvlan networks, when the Docker engine was asked. */
    docker_networks: z
      .array(DockerNetworkFactSchema, { error: (iss) => say('is not a list', iss.input, 'a list of networks or nothing') })
      .optional(),
  },
  { error: (iss) => say('is not an object', iss.input, 'a JSON object with interfaces, default_interface, source, detected_at') },
);

export type Ipv4Fact = z.output<typeof Ipv4FactSchema>;
/**
 * One interface's facts. `type` is always there once a file is checked; facts built in code
 * from a source that does not know it (the watcher's cache of a reference sidecar's reports)
 * may leave it out, which means `ethernet`, as in a file.
 */
export type InterfaceFact = Omit<z.output<typeof InterfaceFactSchema>, 'type'> & { type?: InterfaceType };
export type DockerNetworkFact = z.output<typeof DockerNetworkFactSchema>;
export type HostFacts = Omit<z.output<typeof HostFactsSchema>, 'interfaces'> & { interfaces: InterfaceFact[] };
