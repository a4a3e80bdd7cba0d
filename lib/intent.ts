import { DockerApi } from './docker-api';

/**
 * Compares the Docker engine's real state with the synthesized intent (cdk.tf.json).
 * Needed because the provider never reads `networks_advanced` back: a container
 * disconnected out of band is invisible to `plan`.
 */

export interface Finding {
  /** Terraform address, e.g. `docker_container.Runtimes_rt1_Container_0C0AE5C6`. */
  readonly address: string;
  /** Where it was seen: the engine's refresh (`state`) or edgenet's own comparison (`engine`). */
  readonly source: 'state' | 'engine';
  /** e.g. `update`, `delete`, `missing`, `disconnected`. */
  readonly action: string;
  readonly detail: string;
}

interface IntendedEndpoint {
  readonly network: string;
  readonly ipv4?: string;
  readonly mac?: string;
}

const REFERENCE = /^\$\{(data\.)?docker_network\.([^.]+)\.id\}$/;

export function intendedState(tfJson: any): { networks: Map<string, any>; containers: Map<string, { name: string; endpoints: IntendedEndpoint[] }> } {
  const networkNames = new Map<string, string>();
  const networks = new Map<string, any>();
  for (const [id, net] of Object.entries<any>(tfJson.resource?.docker_network ?? {})) {
    networkNames.set(`docker_network.${id}`, net.name);
    networks.set(`docker_network.${id}`, net);
  }
  for (const [id, net] of Object.entries<any>(tfJson.data?.docker_network ?? {})) networkNames.set(`data.docker_network.${id}`, net.name);
  const containers = new Map<string, { name: string; endpoints: IntendedEndpoint[] }>();
  for (const [id, c] of Object.entries<any>(tfJson.resource?.docker_container ?? {})) {
    const endpoints = (c.networks_advanced ?? []).map((n: any) => {
      const ref = REFERENCE.exec(n.name);
      const name = ref ? networkNames.get(`${ref[1] ? 'data.' : ''}docker_network.${ref[2]}`) ?? n.name : n.name;
      return { network: name, ipv4: n.ipv4_address, mac: n.mac_address };
    });
    containers.set(`docker_container.${id}`, { name: c.name, endpoints });
  }
  return { networks, containers };
}

/** Engines from API 1.54 honour a MAC given on connect (moby#52040); older ones ignore it. */
export function engineHonoursEndpointMac(apiVersion: string): boolean {
  const [major, minor] = apiVersion.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 54);
}

export async function compareWithEngine(tfJson: any, docker: DockerApi): Promise<Finding[]> {
  const intent = intendedState(tfJson);
  const findings: Finding[] = [];
  const honoursMac = engineHonoursEndpointMac(await docker.apiVersion());
  const realNetworks = new Map((await docker.get<any[]>('/networks')).map((n) => [n.Name, n]));
  for (const [address, net] of intent.networks) {
    const real = realNetworks.get(net.name);
    if (!real) {
      findings.push({ address, source: 'engine', action: 'missing', detail: `network ${net.name} does not exist` });
      continue;
    }
    const wantSubnet = net.ipam_config?.[0]?.subnet;
    const realSubnet = real.IPAM?.Config?.[0]?.Subnet;
    if (wantSubnet && wantSubnet !== realSubnet) {
      findings.push({ address, source: 'engine', action: 'changed', detail: `network ${net.name} has subnet ${realSubnet}, want ${wantSubnet}` });
    }
    const wantParent = net.options?.parent;
    if (wantParent && real.Options?.parent !== wantParent) {
      findings.push({ address, source: 'engine', action: 'changed', detail: `network ${net.name} has parent ${real.Options?.parent}, want ${wantParent}` });
    }
  }
  for (const [address, c] of intent.containers) {
    let real: any;
    try {
      real = await docker.get(`/containers/${encodeURIComponent(c.name)}/json`);
    } catch {
      findings.push({ address, source: 'engine', action: 'missing', detail: `container ${c.name} does not exist` });
      continue;
    }
    if (!real.State?.Running) findings.push({ address, source: 'engine', action: 'stopped', detail: `container ${c.name} is ${real.State?.Status}` });
    const attached: Record<string, any> = real.NetworkSettings?.Networks ?? {};
    for (const e of c.endpoints) {
      const ep = attached[e.network];
      if (!ep) {
        findings.push({ address, source: 'engine', action: 'disconnected', detail: `container ${c.name} is not connected to ${e.network}` });
        continue;
      }
      if (e.ipv4 && ep.IPAddress !== e.ipv4) {
        findings.push({ address, source: 'engine', action: 'changed', detail: `container ${c.name} has ${ep.IPAddress} on ${e.network}, want ${e.ipv4}` });
      }
      if (e.mac && honoursMac && ep.MacAddress !== e.mac) {
        findings.push({ address, source: 'engine', action: 'changed', detail: `container ${c.name} has MAC ${ep.MacAddress} on ${e.network}, want ${e.mac}` });
      }
    }
    for (const name of Object.keys(attached)) {
      if (!c.endpoints.some((e) => e.network === name)) {
        findings.push({ address, source: 'engine', action: 'extra-network', detail: `container ${c.name} is also connected to ${name}` });
      }
    }
  }
  return findings;
}
