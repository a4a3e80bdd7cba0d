import { HostAccessPlan } from '../model/types';
import { Finding } from './intent';

/**
 * What the keepers hold on the host and in the runtimes, that the engine knows nothing of: the
 * host's link on a LAN (host access) and routed vNICs' addresses. Compared with the plan here,
 * as drift; read by lib/host/docker/keeper-links.ts.
 */

/** The host's link on a LAN as the host shows it (`ip -o -4 addr` and `ip -4 route` of the link). */
export interface HostAccessObservation {
  /** False when the host has no link of that name. */
  readonly present: boolean;
  /** Its IPv4 addresses, without prefix. */
  readonly addresses: readonly string[];
  /** The destinations routed through it, without a /32. */
  readonly routes: readonly string[];
}

/** The IPv4 addresses in `ip -o -4 addr` output, without prefix. */
export function inetAddresses(output: string): string[] {
  return [...output.matchAll(/\binet (\d+\.\d+\.\d+\.\d+)\//g)].map((m) => m[1]);
}

/** What READ_HOST_ACCESS_LINK prints: `absent`, or `ip -o -4 addr`, a line `---`, and `ip -4 route` of the link. */
export function parseHostAccessObservation(output: string): HostAccessObservation {
  if (output.trim() === 'absent') return { present: false, addresses: [], routes: [] };
  const [addr, route = ''] = output.split(/^---\r?$/m);
  const addresses = inetAddresses(addr);
  const routes = route
    .split('\n')
    .map((line) => /^(\d+\.\d+\.\d+\.\d+)(\/32)?\s/.exec(line.trim())?.[1])
    .filter((r): r is string => r !== undefined);
  return { present: true, addresses, routes };
}

/**
 * Where the host's link differs from the plan, as drift findings on the container that keeps
 * it (`address`): the link gone, another address, a runtime it no longer routes to.
 */
export function hostAccessFindings(plan: HostAccessPlan, address: string, seen: HostAccessObservation | undefined): Finding[] {
  const link = `host access ${plan.interfaceName} on ${plan.network.parentInterface}`;
  const finding = (action: string, detail: string): Finding => ({ address, source: 'engine', action, detail });
  if (!seen || !seen.present) return [finding('missing', `${link}: the host has no such link`)];
  const findings: Finding[] = [];
  const want = plan.address.toString();
  if (!seen.addresses.includes(want)) {
    findings.push(finding('changed', `${link} has ${seen.addresses.join(', ') || 'no address'}, want ${want}`));
  }
  for (const route of plan.routes) {
    if (!seen.routes.includes(route.address.toString())) {
      findings.push(finding('changed', `${link} routes nothing to ${route.runtime}/${route.vnic} ${route.address}`));
    }
  }
  return findings;
}

/** Where a routed vNIC's address, as its runtime's end of the veth holds it, differs from the plan. */
export function routedVnicFindings(
  vnic: { readonly runtime: string; readonly vnic: string; readonly planned: string },
  address: string,
  held: readonly string[] | undefined,
): Finding[] {
  if (held === undefined || held.includes(vnic.planned)) return [];
  return [
    {
      address,
      source: 'engine',
      action: 'changed',
      detail: `routed vNIC ${vnic.vnic} of ${vnic.runtime} holds ${held.join(', ') || 'no address'}, want ${vnic.planned}`,
    },
  ];
}
