/**
 * Compares the Docker engine's real state with the synthesized intent (cdk.tf.json).
 * Needed because the provider never reads `networks_advanced` back: a container
 * disconnected out of band is invisible to `plan`. Pure: the engine's state comes in
 * as a snapshot (lib/host reads it).
 */

import { engineRules } from '../engine-rules';
import { MacAddress } from '../values';
import { macOnWire } from '../wire-mac';

export interface Finding {
  /** Terraform address, e.g. `docker_container.Runtimes_rt1_Container_0C0AE5C6`. */
  readonly address: string;
  /** Where it was seen: the engine's refresh (`state`) or edgenet's own comparison (`engine`). */
  readonly source: 'state' | 'engine';
  /** e.g. `update`, `delete`, `missing`, `disconnected`. */
  readonly action: string;
  readonly detail: string;
}

export interface IntendedEndpoint {
  readonly network: string;
  readonly ipv4?: string;
  readonly mac?: string;
  /** The Terraform address that owns the endpoint: a network attachment, else the container itself. */
  readonly owner?: string;
}

export interface IntendedContainer {
  readonly name: string;
  readonly endpoints: readonly IntendedEndpoint[];
}

export interface IntendedNetwork {
  readonly name: string;
  readonly subnet?: string;
  readonly parent?: string;
}

export interface Intent {
  /** By Terraform address. */
  readonly networks: ReadonlyMap<string, IntendedNetwork>;
  readonly containers: ReadonlyMap<string, IntendedContainer>;
}

/** What the engine shows: the subset of Docker's inspect data the comparison reads. */
export interface EngineNetwork {
  readonly IPAM?: { readonly Config?: readonly { readonly Subnet?: string }[] };
  readonly Options?: Readonly<Record<string, string>>;
}

export interface EngineEndpoint {
  readonly IPAddress?: string;
  readonly MacAddress?: string;
}

export interface EngineContainer {
  readonly State?: { readonly Running?: boolean; readonly Status?: string };
  /** The MACs of the links in its namespace, where they were read (engines that choose their own MAC on connect). */
  readonly links?: readonly string[];
  readonly NetworkSettings?: { readonly Networks?: Readonly<Record<string, EngineEndpoint>> };
}

export interface EngineSnapshot {
  readonly apiVersion: string;
  /** Every network, by name. */
  readonly networks: ReadonlyMap<string, EngineNetwork>;
  /** The intended containers, by name; undefined when the engine has none of that name. */
  readonly containers: ReadonlyMap<string, EngineContainer | undefined>;
}

const REFERENCE = /^\$\{(data\.)?docker_network\.([^.]+)\.id\}$/;
const CONTAINER_REFERENCE = /^\$\{docker_container\.([^.]+)\.id\}$/;

/** The networks and containers cdk.tf.json asks for, with network references resolved to names. */
export function intendedState(tfJson: any): Intent {
  const networkNames = new Map<string, string>();
  const networks = new Map<string, IntendedNetwork>();
  for (const [id, net] of Object.entries<any>(tfJson.resource?.docker_network ?? {})) {
    networkNames.set(`docker_network.${id}`, net.name);
    networks.set(`docker_network.${id}`, { name: net.name, subnet: net.ipam_config?.[0]?.subnet, parent: net.options?.parent });
  }
  for (const [id, net] of Object.entries<any>(tfJson.data?.docker_network ?? {})) networkNames.set(`data.docker_network.${id}`, net.name);
  const networkName = (reference: string) => {
    const ref = REFERENCE.exec(reference);
    return ref ? (networkNames.get(`${ref[1] ? 'data.' : ''}docker_network.${ref[2]}`) ?? reference) : reference;
  };
  const containers = new Map<string, { name: string; endpoints: IntendedEndpoint[] }>();
  for (const [id, c] of Object.entries<any>(tfJson.resource?.docker_container ?? {})) {
    const endpoints: IntendedEndpoint[] = (c.networks_advanced ?? []).map((n: any) => ({
      network: networkName(n.name),
      ipv4: n.ipv4_address,
      mac: n.mac_address,
    }));
    // On the host network (netmon, host access) the engine shows the container joined to `host`: that is its mode, not an extra.
    if (c.network_mode === 'host') endpoints.push({ network: 'host' });
    containers.set(`docker_container.${id}`, { name: c.name, endpoints });
  }
  // The LAN endpoints are network attachments of their own: drift there is theirs to heal.
  for (const [id, a] of Object.entries<any>(tfJson.resource?.edgenet_network_attachment ?? {})) {
    const container = containers.get(`docker_container.${CONTAINER_REFERENCE.exec(a.container)?.[1]}`);
    container?.endpoints.push({
      network: networkName(a.network),
      ipv4: a.ipv4_address,
      mac: a.mac_address,
      owner: `edgenet_network_attachment.${id}`,
    });
  }
  return { networks, containers };
}

/** What the engine reports for a field, for a finding's detail: `nothing` where it reports none. */
function reported(value: string | null | undefined, nothing = 'none'): string {
  return value === undefined || value === null || value === '' ? nothing : value;
}

/** Every way the engine differs from the intent, as findings. */
export function compareWithEngine(intent: Intent, engine: EngineSnapshot): Finding[] {
  const findings: Finding[] = [];
  const rules = engineRules(engine.apiVersion);
  for (const [address, net] of intent.networks) {
    const real = engine.networks.get(net.name);
    if (!real) {
      findings.push({ address, source: 'engine', action: 'missing', detail: `network ${net.name} does not exist` });
      continue;
    }
    const realSubnet = real.IPAM?.Config?.[0]?.Subnet;
    if (net.subnet && net.subnet !== realSubnet) {
      findings.push({
        address,
        source: 'engine',
        action: 'changed',
        detail: `network ${net.name} has subnet ${reported(realSubnet)}, want ${net.subnet}`,
      });
    }
    if (net.parent && real.Options?.parent !== net.parent) {
      findings.push({
        address,
        source: 'engine',
        action: 'changed',
        detail: `network ${net.name} has parent ${reported(real.Options?.parent)}, want ${net.parent}`,
      });
    }
  }
  for (const [address, c] of intent.containers) {
    const real = engine.containers.get(c.name);
    if (!real) {
      findings.push({ address, source: 'engine', action: 'missing', detail: `container ${c.name} does not exist` });
      continue;
    }
    if (!real.State?.Running)
      findings.push({
        address,
        source: 'engine',
        action: 'stopped',
        detail: `container ${c.name} is ${reported(real.State?.Status, 'not running')}`,
      });
    const attached = real.NetworkSettings?.Networks ?? {};
    for (const e of c.endpoints) {
      const owner = e.owner ?? address;
      const ep = attached[e.network];
      if (!ep) {
        findings.push({
          address: owner,
          source: 'engine',
          action: 'disconnected',
          detail: `container ${c.name} is not connected to ${e.network}`,
        });
        continue;
      }
      if (e.ipv4 && ep.IPAddress !== e.ipv4) {
        findings.push({
          address: owner,
          source: 'engine',
          action: 'changed',
          detail: `container ${c.name} has ${reported(ep.IPAddress, 'no address')} on ${e.network}, want ${e.ipv4}`,
        });
      }
      const declared = MacAddress.parse(e.mac);
      const links = real.links?.map((l) => MacAddress.parse(l)).filter((l): l is MacAddress => l !== undefined);
      const onWire = macOnWire(rules, ep.MacAddress, declared, links);
      // Where nothing tells the MAC on the wire (links not read on an older engine), nothing is claimed.
      const told = rules.macOnConnect || links !== undefined;
      if (declared && told && !declared.equals(onWire)) {
        const has = onWire?.toString() ?? (links === undefined ? 'none' : 'none of its links has the declared one');
        findings.push({
          address: owner,
          source: 'engine',
          action: 'changed',
          detail: `container ${c.name} has MAC ${has} on ${e.network}, want ${e.mac}`,
        });
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
