import { lanGatewayProblem, lanSubnetProblem } from '../address-rules';
import { problem, ProblemList } from '../errors';
import { parentInterfaceProblem } from '../naming';
import { interfaceType } from './interface-type';
import { Ipv4Address, Subnet } from '../values';
import { HostFacts, InterfaceFact } from './types';

/** The NETWORK_* environment overrides of host detection, all-or-nothing. */
export const OVERRIDE_VARIABLES = ['NETWORK_INTERFACE', 'NETWORK_SUBNET', 'NETWORK_GATEWAY'] as const;

export interface FactsOverride {
  readonly interface: string;
  readonly subnet: Subnet;
  readonly gateway: Ipv4Address;
}

/**
 * Reads the override from an environment; undefined when none of the variables is set.
 * A partial override is an error: silently mixing detected and given facts would put
 * runtimes on a network the operator did not ask for.
 */
export function readOverride(env: Readonly<Record<string, string | undefined>>): FactsOverride | undefined {
  const set = OVERRIDE_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '');
  if (set.length === 0) return undefined;
  const problems = new ProblemList();
  for (const name of OVERRIDE_VARIABLES) {
    if (!set.includes(name)) {
      problems.add(
        problem(
          `env.${name}`,
          'is missing while other overrides are set',
          set,
          `all of ${OVERRIDE_VARIABLES.join(', ')} together, or none`,
        ),
      );
    }
  }
  problems.throwIfAny();
  const iface = env.NETWORK_INTERFACE as string;
  const subnet = Subnet.parse(env.NETWORK_SUBNET);
  const gateway = Ipv4Address.parse(env.NETWORK_GATEWAY);
  const unfit = parentInterfaceProblem(iface);
  if (unfit) problems.add(problem('env.NETWORK_INTERFACE', unfit.what, iface, unfit.expected));
  if (subnet === undefined) {
    problems.add(
      problem(
        'env.NETWORK_SUBNET',
        'is not an IPv4 subnet in network form',
        env.NETWORK_SUBNET,
        'a.b.c.d/n with no host bits set, e.g. 192.168.1.0/24',
      ),
    );
  } else {
    problems.add(lanSubnetProblem(subnet, 'env.NETWORK_SUBNET'));
  }
  if (gateway === undefined) {
    problems.add(problem('env.NETWORK_GATEWAY', 'is not an IPv4 address', env.NETWORK_GATEWAY, 'a dotted quad, e.g. 192.168.1.1'));
  } else if (subnet !== undefined) {
    problems.add(lanGatewayProblem(gateway, subnet, 'env.NETWORK_GATEWAY'));
  }
  problems.throwIfAny();
  return { interface: iface, subnet: subnet as Subnet, gateway: gateway as Ipv4Address };
}

/** The override defines that interface's facts, even when the interface is not visible here. */
export function applyOverride(facts: HostFacts, override: FactsOverride): HostFacts {
  const seen = facts.interfaces.find((i) => i.name === override.interface);
  const ownAddress = seen?.ipv4.find((a) => {
    const address = a.address === null ? undefined : Ipv4Address.parse(a.address);
    return address !== undefined && override.subnet.contains(address);
  });
  const replaced: InterfaceFact = {
    name: override.interface,
    operstate: seen?.operstate ?? 'UNKNOWN',
    // Not visible here (planning for a remote host): only the name can tell.
    type: seen?.type ?? interfaceType(override.interface, false),
    mac: seen?.mac ?? null,
    ipv4: [{ address: ownAddress?.address ?? null, prefixlen: override.subnet.prefix, subnet: override.subnet.toString() }],
    gateway: override.gateway.toString(),
  };
  const others = facts.interfaces.filter((i) => i.name !== override.interface);
  return {
    ...facts,
    interfaces: [replaced, ...others],
    default_interface: override.interface,
    source: seen ? `${facts.source}+env` : 'env',
  };
}
