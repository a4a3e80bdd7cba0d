import { dhcpClientName } from '../core/naming';
import { DockerApi } from '../host/docker/docker-api';
import { execIn } from '../host/docker/exec';
import { SynthesizedStack } from './synth';

/** Where a runtime's vNIC stands on the engine, and where its address came from. */
export interface VnicState {
  readonly runtime: string;
  readonly vnic: string;
  readonly network: string;
  readonly mode: string;
  /** The address the vNIC holds now; null when it holds none (not attached, no lease yet). */
  readonly address: string | null;
  /** static and auto: the plan's; lease: the LAN's DHCP server's; stranded: detached until its LAN comes back. */
  readonly source: 'static' | 'auto' | 'lease' | 'stranded' | 'none';
  /** For a lease: who gave it, and until when it runs unless renewed. */
  readonly lease?: { readonly server: string; readonly obtained: string; readonly until: string };
}

const LEASE_FILE = '/tmp/edgenet-lease.json';

/** Each vNIC of the stack as the engine shows it now. */
export async function vnicStates(stack: SynthesizedStack): Promise<VnicState[]> {
  const api = new DockerApi(stack.model.host.connection);
  const states: VnicState[] = [];
  for (const runtime of stack.model.runtimes) {
    const container = await api.getOrUndefined(`/containers/${encodeURIComponent(runtime.name)}/json`);
    for (const v of runtime.vnics) {
      const endpoint = container?.NetworkSettings?.Networks?.[v.network.name];
      const base = { runtime: runtime.name, vnic: v.name, network: v.network.name, mode: v.mode };
      if (v.mode !== 'dhcp') {
        states.push({ ...base, address: endpoint?.IPAddress || null, source: endpoint ? v.mode : 'none' });
        continue;
      }
      const lease = await readLease(api, dhcpClientName(runtime.name, v.name));
      states.push({ ...base, address: lease?.ip ?? null, source: lease ? 'lease' : 'none', ...(lease ? { lease: lease.lease } : {}) });
    }
  }
  for (const s of stack.model.stranded) {
    states.push({ runtime: s.runtime, vnic: s.vnic, network: s.network, mode: 'static', address: null, source: 'stranded' });
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
