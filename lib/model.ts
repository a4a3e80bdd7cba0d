import { AddressPoolExhausted, allocateAuto } from './allocate';
import { ValidConfig, ValidRuntime, ValidVnic, checkHostAddress } from './config/validate';
import { NetworkMode } from './config/types';
import { problem, ProblemList } from './errors';
import { HostFacts, InterfaceFact } from './facts/types';
import { formatIPv4, parseIPv4, Subnet } from './ipv4';
import { deriveMac } from './mac';
import { macvlanNetworkName } from './naming';

/**
 * config + facts -> the fully resolved, validated model the constructs render.
 * Pure: no I/O, no clock; the same inputs give the same model.
 */

export interface MacvlanPlan {
  /** Construct id: `<iface>` for the interface's detected subnet so a host move replaces in place. */
  readonly id: string;
  readonly name: string;
  readonly parentInterface: string;
  readonly subnet: Subnet;
  readonly gateway: string;
  /** Name of an existing macvlan network (not ours) on the same parent and subnet, reused as is. */
  readonly existingName?: string;
}

export interface VnicPlan {
  readonly name: string;
  readonly network: MacvlanPlan;
  readonly mode: NetworkMode;
  /** Unset for dhcp: Docker's IPAM picks at connect time. */
  readonly ipv4?: string;
  readonly mac: string;
  readonly macGenerated: boolean;
  readonly dns: readonly string[];
}

/** A validated runtime with its vNICs placed on networks and addressed. */
export interface RuntimePlan extends Omit<ValidRuntime, 'path' | 'vnics'> {
  readonly vnics: readonly VnicPlan[];
  /** Union of the vNICs' DNS servers, in order of first mention. */
  readonly dns: readonly string[];
}

export interface EdgeModel {
  readonly stack: string;
  readonly dockerHost: string;
  readonly networks: readonly MacvlanPlan[];
  readonly runtimes: readonly RuntimePlan[];
  readonly netmon?: ValidConfig['netmon'];
}

interface Placement {
  readonly iface: string;
  readonly subnet: Subnet;
  readonly gateway: number;
  readonly detected: boolean;
}

function detectedSubnet(iface: InterfaceFact): { subnet: Subnet; gateway?: number } | undefined {
  const gateway = iface.gateway === null ? undefined : parseIPv4(iface.gateway);
  const withGateway = iface.ipv4.find((a) => gateway !== undefined && Subnet.parse(a.subnet)?.contains(gateway));
  const chosen = withGateway ?? iface.ipv4[0];
  const subnet = chosen && Subnet.parse(chosen.subnet);
  if (!subnet) return undefined;
  return { subnet, gateway: gateway !== undefined && subnet.contains(gateway) ? gateway : undefined };
}

function place(problems: ProblemList, vnic: ValidVnic, facts: HostFacts): Placement | undefined {
  const ifaceName = vnic.parentInterface ?? facts.default_interface ?? undefined;
  if (ifaceName === undefined) {
    problems.add(problem(`${vnic.path}.parent_interface`, 'is not set and the facts name no default interface', undefined, 'an interface name, e.g. eth0'));
    return undefined;
  }
  const iface = facts.interfaces.find((i) => i.name === ifaceName);
  const detected = iface ? detectedSubnet(iface) : undefined;
  if (vnic.parentSubnet === undefined && detected === undefined) {
    const known = facts.interfaces.filter((i) => i.ipv4.length > 0).map((i) => i.name);
    const what = iface ? 'has no IPv4 subnet in the facts and parent_subnet is not set' : 'is not in the host facts and parent_subnet is not set';
    problems.add(problem(`${vnic.path}.parent_interface`, what, ifaceName, `${known.length ? `one of ${known.join(', ')}` : 'an interface with IPv4 in the facts'}, or set parent_subnet`));
    return undefined;
  }
  const subnet = vnic.parentSubnet ?? detected!.subnet;
  const isDetected = detected !== undefined && subnet.equals(detected.subnet);
  const gateway = vnic.parentGateway ?? (isDetected ? detected!.gateway : undefined) ?? subnet.firstHost;
  return { iface: ifaceName, subnet, gateway, detected: isDetected };
}

function hostAddresses(facts: HostFacts): Set<number> {
  const addresses = new Set<number>();
  for (const iface of facts.interfaces) {
    for (const a of iface.ipv4) {
      const address = a.address === null ? undefined : parseIPv4(a.address);
      if (address !== undefined) addresses.add(address);
    }
  }
  return addresses;
}

const idSafe = (text: string): string => text.replace(/[^a-zA-Z0-9_-]/g, '-');

export function resolveModel(config: ValidConfig, facts: HostFacts): EdgeModel {
  const problems = new ProblemList();
  const networks = new Map<string, MacvlanPlan>();
  const placed: { runtime: ValidRuntime; vnic: ValidVnic; network: MacvlanPlan }[] = [];

  for (const runtime of config.runtimes) {
    const onNetwork = new Map<string, string>();
    for (const vnic of runtime.vnics) {
      const at = place(problems, vnic, facts);
      if (!at) continue;
      const name = macvlanNetworkName(at.iface, at.subnet);
      let network = networks.get(name);
      if (!network) {
        const existing = facts.docker_networks?.find((n) => n.driver === 'macvlan' && n.parent === at.iface
          && n.subnet === at.subnet.toString() && n.managed_by !== config.stack);
        network = {
          id: at.detected ? idSafe(at.iface) : idSafe(name),
          name: existing?.name ?? name,
          parentInterface: at.iface,
          subnet: at.subnet,
          gateway: existing?.gateway ?? formatIPv4(at.gateway),
          ...(existing ? { existingName: existing.name } : {}),
        };
        networks.set(name, network);
      } else if (formatIPv4(at.gateway) !== network.gateway && vnic.parentGateway !== undefined) {
        problems.add(problem(`${vnic.path}.parent_gateway`, `disagrees with the gateway ${network.gateway} of ${network.name}`, formatIPv4(at.gateway), network.gateway));
      }
      const twin = onNetwork.get(name);
      if (twin) {
        problems.add(problem(vnic.path, `puts runtime ${runtime.name} on ${name} a second time (also ${twin})`, vnic.name, 'one vNIC per runtime per macvlan network'));
        continue;
      }
      onNetwork.set(name, vnic.path);
      placed.push({ runtime, vnic, network });
    }
  }

  for (const [a, b] of pairs([...networks.values()])) {
    if (a.parentInterface !== b.parentInterface && a.subnet.overlaps(b.subnet)) {
      problems.add(problem(`networks.${b.name}`, `overlaps ${a.name} on another parent (Docker refuses overlapping pools)`, b.subnet.toString(), 'one parent interface per subnet'));
    }
  }

  const hosts = hostAddresses(facts);
  const addresses = new Map<ValidVnic, number>();
  for (const network of networks.values()) {
    const members = placed.filter((p) => p.network === network);
    const gateway = parseIPv4(network.gateway)!;
    const reserved = new Set<number>([gateway, ...[...hosts].filter((h) => network.subnet.contains(h))]);
    if (network.subnet.prefix < 31) [network.subnet.network, network.subnet.broadcast].forEach((a) => reserved.add(a));
    for (const { vnic } of members.filter((m) => m.vnic.mode === 'static')) {
      if (!checkHostAddress({ problems }, vnic.ip!, network.subnet, gateway, `${vnic.path}.ip`)) continue;
      if (hosts.has(vnic.ip!)) {
        problems.add(problem(`${vnic.path}.ip`, 'is an address of the host itself', formatIPv4(vnic.ip!), `a free address in ${network.subnet}`));
        continue;
      }
      reserved.add(vnic.ip!);
      addresses.set(vnic, vnic.ip!);
    }
    const autos = members.filter((m) => m.vnic.mode === 'auto');
    try {
      const assigned = allocateAuto(network.subnet, reserved, autos.map((m) => ({ key: `${m.runtime.name}/${m.vnic.name}` })));
      for (const m of autos) addresses.set(m.vnic, assigned.get(`${m.runtime.name}/${m.vnic.name}`)!);
    } catch (err) {
      if (!(err instanceof AddressPoolExhausted)) throw err;
      problems.add(problem(`${autos[0].vnic.path}.network_mode`, `cannot be satisfied: ${network.subnet} has ${err.free} free addresses for ${err.requested} auto vNICs`, 'auto', 'a larger subnet, fewer auto vNICs or static addresses'));
    }
  }

  const macs = new Map<string, string>();
  const runtimes: RuntimePlan[] = config.runtimes.map((runtime) => {
    const vnics: VnicPlan[] = placed.filter((p) => p.runtime === runtime).map(({ vnic, network }) => {
      const mac = vnic.mac ?? deriveMac(runtime.name, vnic.name);
      const other = macs.get(mac);
      if (other) problems.add(problem(`${vnic.path}.mac_address`, `is also the MAC of ${other}`, mac, 'each MAC used once'));
      macs.set(mac, vnic.path);
      const address = addresses.get(vnic);
      return {
        name: vnic.name,
        network,
        mode: vnic.mode,
        ...(address !== undefined ? { ipv4: formatIPv4(address) } : {}),
        mac,
        macGenerated: vnic.mac === undefined,
        dns: vnic.dns,
      };
    });
    return {
      name: runtime.name,
      image: runtime.image,
      ...(runtime.command ? { command: runtime.command } : {}),
      env: runtime.env,
      isolated: runtime.isolated,
      ports: runtime.ports,
      restart: runtime.restart,
      vnics,
      dns: [...new Set(vnics.flatMap((v) => v.dns))],
    };
  });
  problems.throwIfAny();
  return {
    stack: config.stack,
    dockerHost: config.dockerHost,
    networks: [...networks.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
    runtimes,
    ...(config.netmon ? { netmon: config.netmon } : {}),
  };
}

function* pairs<T>(items: readonly T[]): Generator<[T, T]> {
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) yield [items[i], items[j]];
}
