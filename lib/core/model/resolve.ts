import { selectHost } from '../config/targets';
import { ValidConfig } from '../config/validate';
import { ProblemList } from '../errors';
import { HostFacts } from '../facts/types';
import { Ipv4Address } from '../values';
import { assignAddresses } from './addresses';
import { hostAccessRequests, planHostAccess } from './host-access';
import { viewHost } from './host-view';
import { planLans } from './lans';
import { assignInternalSubnets } from './internal';
import { assignMacs } from './macs';
import { AllocationRecord, EdgeModel, RuntimePlan } from './types';

/**
 * config + facts -> the fully resolved, validated model the constructs render, in named
 * steps: read the host, plan the LANs, address the vNICs, give them MACs, give the internal
 * networks their subnets. Pure: no I/O,
 * no clock; the same inputs give the same model. Throws a ValidationError with every problem.
 */
export function resolveModel(config: ValidConfig, facts: HostFacts, hostName?: string, recorded: AllocationRecord = {}): EdgeModel {
  const host = selectHost(config.hosts, hostName);
  const problems = new ProblemList();
  const view = viewHost(facts);
  const onHost = host.runtimes ? config.runtimes.filter((r) => host.runtimes?.includes(r.name)) : config.runtimes;
  const { networks, members } = planLans(problems, onHost, view, host.stack, config.lans);
  const wantHostAccess = hostAccessRequests(problems, config.lans, networks, view);
  const { addresses, stranded, allocations, hostAccess } = assignAddresses(
    problems,
    networks,
    members,
    view,
    config.lans,
    recorded,
    wantHostAccess,
  );
  const attached = members.filter((m) => !stranded.has(m.vnic));
  const { macs, clientIds } = assignMacs(problems, members, view);
  const internal = assignInternalSubnets(problems, onHost, config.manager, networks, view, recorded);
  problems.throwIfAny();

  const runtimes: RuntimePlan[] = onHost.map((valid) => {
    const { path: _path, vnics: _vnics, ...runtime } = valid;
    const all = attached
      .filter((m) => m.runtime === valid)
      .map(({ vnic, network }) => {
        const address = addresses.get(vnic);
        const mac = macs.get(vnic);
        const clientId = clientIds.get(vnic);
        return {
          name: vnic.name,
          network,
          mode: vnic.mode,
          ...(address ? { ipv4: address } : {}),
          ...(mac ? { mac } : {}),
          macGenerated: mac !== undefined && vnic.mac === undefined,
          ...(clientId ? { dhcpClientId: clientId } : {}),
          dns: vnic.dns,
        };
      });
    // The container's resolvers come from every vNIC, stranded ones too: the engine replaces a
    // container whose DNS changes, and a stranding must never restart a runtime.
    const dns = members.filter((m) => m.runtime === valid).flatMap((m) => m.vnic.dns);
    const internalPlan = internal.internal.get(valid.name);
    const vnics = all.filter((v) => v.network.driver !== 'routed');
    const routedVnics = all.filter((v) => v.network.driver === 'routed');
    return { ...runtime, vnics, routedVnics, dns: uniqueAddresses(dns), ...(internalPlan ? { internal: internalPlan } : {}) };
  });
  return {
    stack: host.stack,
    host,
    networks: networks.filter((n) => n.driver !== 'routed'),
    routedLans: networks.filter((n) => n.driver === 'routed'),
    runtimes,
    stranded: [...stranded.values()],
    hostAccess: planHostAccess(hostAccess, attached, addresses),
    allocations: { ...allocations, ...internal.allocations },
    ...(config.manager ? { manager: { container: config.manager.container } } : {}),
    dhcpClientImage: config.dhcpClientImage,
    ...(config.netmon ? { netmon: config.netmon } : {}),
  };
}

/** In order of first mention, without repeats. */
function uniqueAddresses(addresses: readonly Ipv4Address[]): Ipv4Address[] {
  const seen = new Map<number, Ipv4Address>();
  for (const a of addresses) if (!seen.has(a.value)) seen.set(a.value, a);
  return [...seen.values()];
}
