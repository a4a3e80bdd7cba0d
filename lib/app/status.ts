import { engineRules } from '../core/engine-rules';
import { dhcpClientName, internalNetworkName, routedVnicContainerName } from '../core/naming';
import { MacAddress } from '../core/values';
import { macOnWire } from '../core/wire-mac';
import { linkMacsWhereRecordFails, namespacesOf } from '../host/docker/link-macs';
import { DockerApi } from '../host/docker/docker-api';
import { execIn } from '../host/docker/exec';
import { readHostAccessLink, readRoutedVnicAddresses } from '../host/docker/keeper-links';
import { RuntimePlan } from '../core/model/types';
import { SynthesizedStack } from './synth';

/** Where a runtime's vNIC stands on the engine, and where its address came from. */
export interface VnicState {
  readonly runtime: string;
  readonly vnic: string;
  readonly network: string;
  readonly mode: string;
  /** The address the vNIC holds now; null when it holds none (not attached, no lease yet). */
  readonly address: string | null;
  /** The MAC it has on the wire (macOnWire); null when not attached or it cannot be told. */
  readonly mac: string | null;
  /** static and auto: the plan's; lease: the LAN's DHCP server's; stranded: detached until its LAN comes back. */
  readonly source: 'static' | 'auto' | 'lease' | 'stranded' | 'none';
  /** For a lease: who gave it, and until when it runs unless renewed. */
  readonly lease?: { readonly server: string; readonly obtained: string; readonly until: string };
}

/** A runtime's internal network as the engine shows it now: the runtime's address there and the control plane's. */
export interface InternalState {
  readonly runtime: string;
  readonly network: string;
  /** The runtime's address on its internal network; null when it holds none. */
  readonly address: string | null;
  /** The control plane's (`manager.container`) address there; null without a manager, or when it is not joined. */
  readonly manager: string | null;
  /** `internal_pool`: planned from the config's pool; `engine`: the engine's IPAM chose them. */
  readonly source: 'internal_pool' | 'engine';
}

/** The host's own link on a LAN (host access), as the host shows it now. */
export interface HostAccessState {
  readonly lan: string;
  readonly interface: string;
  /** Its addresses now; empty when the link is not there. */
  readonly addresses: readonly string[];
  readonly planned: string;
  /** The runtime addresses routed through it now. */
  readonly routes: readonly string[];
  /** present: the link is there; absent: not there; unknown: its container is not running. */
  readonly state: 'present' | 'absent' | 'unknown';
}

/** What `edgenet status` shows of a stack. */
export interface StackState {
  readonly vnics: VnicState[];
  readonly internal: InternalState[];
  readonly hostAccess: HostAccessState[];
}

const LEASE_FILE = '/tmp/edgenet-lease.json';

/** Each vNIC and internal network of the stack as the engine shows it now (one inspect per container). */
export async function stackStates(stack: SynthesizedStack): Promise<StackState> {
  const api = new DockerApi(stack.model.host.connection);
  const rules = engineRules((await api.get<{ ApiVersion: string }>('/version')).ApiVersion);
  const namespaces = namespacesOf(api, stack.model.dhcpClientImage);
  const inspect = (name: string) => api.getOrUndefined(`/containers/${encodeURIComponent(name)}/json`);
  const manager = stack.model.manager ? await inspect(stack.model.manager.container) : undefined;
  const vnics: VnicState[] = [];
  const internal: InternalState[] = [];
  for (const runtime of stack.model.runtimes) {
    const container = await inspect(runtime.name);
    const network = internalNetworkName(runtime.name);
    internal.push({
      runtime: runtime.name,
      network,
      address: container?.NetworkSettings?.Networks?.[network]?.IPAddress || null,
      manager: manager?.NetworkSettings?.Networks?.[network]?.IPAddress || null,
      source: runtime.internal ? 'internal_pool' : 'engine',
    });
    const links = await linkMacsWhereRecordFails(namespaces, rules, container);
    const macOf = (network: string, declared?: MacAddress) =>
      macOnWire(rules, container?.NetworkSettings?.Networks?.[network]?.MacAddress, declared, links)?.toString() ?? null;
    vnics.push(...(await vnicsOf(api, runtime, container, macOf)));
    vnics.push(...(await routedVnicsOf(api, runtime)));
  }
  for (const s of stack.model.stranded) {
    vnics.push({ runtime: s.runtime, vnic: s.vnic, network: s.network, mode: 'static', address: null, mac: null, source: 'stranded' });
  }
  const hostAccess: HostAccessState[] = [];
  for (const access of stack.model.hostAccess) {
    const seen = await readHostAccessLink(api, access.containerName);
    hostAccess.push({
      lan: access.network.parentInterface,
      interface: access.interfaceName,
      addresses: seen?.addresses ?? [],
      planned: access.address.toString(),
      routes: seen?.routes ?? [],
      state: seen === undefined ? 'unknown' : seen.present ? 'present' : 'absent',
    });
  }
  return { vnics, internal, hostAccess };
}

/** A runtime's attached vNICs as its container (`container`, inspected) and their DHCP clients show them. */
async function vnicsOf(
  api: DockerApi,
  runtime: RuntimePlan,
  container: any,
  macOf: (network: string, declared?: MacAddress) => string | null,
): Promise<VnicState[]> {
  const states: VnicState[] = [];
  for (const v of runtime.vnics) {
    const endpoint = container?.NetworkSettings?.Networks?.[v.network.name];
    const base = {
      runtime: runtime.name,
      vnic: v.name,
      network: v.network.name,
      mode: v.mode,
      mac: endpoint ? macOf(v.network.name, v.mac) : null,
    };
    if (v.mode !== 'dhcp') {
      states.push({ ...base, address: endpoint?.IPAddress || null, source: endpoint ? v.mode : 'none' });
      continue;
    }
    const lease = await readLease(api, dhcpClientName(runtime.name, v.name));
    states.push({ ...base, address: lease?.ip ?? null, source: lease ? 'lease' : 'none', ...(lease ? { lease: lease.lease } : {}) });
  }
  return states;
}

/**
 * A runtime's routed vNICs as their keepers hold them: the address on the runtime's end of the
 * veth, or the lease asked for it. The LAN sees the parent's MAC for them (mac: null).
 */
async function routedVnicsOf(api: DockerApi, runtime: RuntimePlan): Promise<VnicState[]> {
  const states: VnicState[] = [];
  for (const v of runtime.routedVnics) {
    const keeper = routedVnicContainerName(runtime.name, v.name);
    const base = { runtime: runtime.name, vnic: v.name, network: v.network.name, mode: v.mode, mac: null };
    if (v.mode === 'dhcp') {
      const lease = await readLease(api, keeper);
      states.push({ ...base, address: lease?.ip ?? null, source: lease ? 'lease' : 'none', ...(lease ? { lease: lease.lease } : {}) });
      continue;
    }
    const address = (await readRoutedVnicAddresses(api, keeper))?.[0] ?? null;
    states.push({ ...base, address, source: address ? v.mode : 'none' });
  }
  return states;
}

/** The lease the vNIC's DHCP client holds, from the state file its hook keeps. */
async function readLease(api: DockerApi, client: string): Promise<{ ip: string; lease: NonNullable<VnicState['lease']> } | undefined> {
  const running = await api.getOrUndefined(`/containers/${encodeURIComponent(client)}/json`);
  if (!running?.State?.Running) return undefined;
  const { exitCode, stdout } = await execIn(api.docker, client, ['cat', LEASE_FILE]);
  if (exitCode !== 0) return undefined;
  try {
    const held = JSON.parse(stdout);
    const obtained = Number(held.obtained);
    return {
      ip: String(held.ip),
      lease: {
        server: String(held.server),
        obtained: new Date(obtained * 1000).toISOString(),
        until: new Date((obtained + Number(held.lease)) * 1000).toISOString(),
      },
    };
  } catch {
    return undefined;
  }
}
