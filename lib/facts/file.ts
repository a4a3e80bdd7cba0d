import { promises as fs } from 'fs';
import { EdgenetError, problem, ProblemList } from '../errors';
import { writeFileAtomic } from '../fs-atomic';
import { parseIPv4, Subnet } from '../ipv4';
import { DockerNetworkFact, HostFacts, InterfaceFact, Ipv4Fact } from './types';

/** Reading and writing the facts JSON, checked so a hand-edited file fails with a path. */

export async function loadFacts(path: string): Promise<HostFacts> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (err) {
    throw new EdgenetError(`${path}: cannot read facts file: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new EdgenetError(`${path}: facts file is not valid JSON: ${(err as Error).message}`);
  }
  return checkFacts(raw);
}

export async function saveFacts(path: string, facts: HostFacts): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(facts, null, 2)}\n`);
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates the shape of untrusted facts; every problem is reported at once. */
export function checkFacts(raw: unknown): HostFacts {
  const problems = new ProblemList();
  if (!isObject(raw)) {
    problems.add(problem('facts', 'is not an object', raw, 'a JSON object with interfaces, default_interface, source, detected_at'));
    problems.throwIfAny();
  }
  const facts = raw as Record<string, any>;
  if (!Array.isArray(facts.interfaces)) {
    problems.add(problem('facts.interfaces', 'is not a list', facts.interfaces, 'a list of interfaces'));
    problems.throwIfAny();
  }
  const interfaces: InterfaceFact[] = facts.interfaces.map((iface: unknown, i: number) => {
    const at = `facts.interfaces[${i}]`;
    if (!isObject(iface) || typeof iface.name !== 'string') {
      problems.add(problem(`${at}.name`, 'is not a string', isObject(iface) ? iface.name : iface, 'an interface name'));
      return undefined;
    }
    if (iface.gateway !== null && iface.gateway !== undefined && parseIPv4(iface.gateway) === undefined) {
      problems.add(problem(`${at}.gateway`, 'is not an IPv4 address', iface.gateway, 'a dotted quad or null'));
    }
    const ipv4: Ipv4Fact[] = (Array.isArray(iface.ipv4) ? iface.ipv4 : []).map((a: any, j: number) => {
      if (!isObject(a) || Subnet.parse(a.subnet) === undefined) {
        problems.add(problem(`${at}.ipv4[${j}].subnet`, 'is not an IPv4 subnet', isObject(a) ? a.subnet : a, 'a.b.c.d/n in network form'));
      } else if (a.address !== null && a.address !== undefined && parseIPv4(a.address) === undefined) {
        problems.add(problem(`${at}.ipv4[${j}].address`, 'is not an IPv4 address', a.address, 'a dotted quad or null'));
      }
      return { address: a?.address ?? null, prefixlen: Subnet.parse(a?.subnet)?.prefix ?? a?.prefixlen, subnet: a?.subnet };
    });
    return {
      name: iface.name,
      operstate: typeof iface.operstate === 'string' ? iface.operstate : 'UNKNOWN',
      mac: typeof iface.mac === 'string' ? iface.mac : null,
      ipv4,
      gateway: iface.gateway ?? null,
    };
  });
  const dockerNetworks = facts.docker_networks;
  if (dockerNetworks !== undefined && !Array.isArray(dockerNetworks)) {
    problems.add(problem('facts.docker_networks', 'is not a list', dockerNetworks, 'a list of networks or nothing'));
  }
  problems.throwIfAny();
  return {
    interfaces: interfaces as InterfaceFact[],
    default_interface: typeof facts.default_interface === 'string' ? facts.default_interface : null,
    source: typeof facts.source === 'string' ? facts.source : 'file',
    detected_at: typeof facts.detected_at === 'string' ? facts.detected_at : '',
    ...(Array.isArray(dockerNetworks) ? { docker_networks: dockerNetworks as DockerNetworkFact[] } : {}),
  };
}
