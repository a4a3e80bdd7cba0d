import { LAN_DRIVERS, MANAGED_LABEL } from './naming';

/** A LAN network as the engine has it, with the containers on it. */
export interface EngineLanNetwork {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly options: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** Names of the containers on the network, running or not. */
  readonly containers: readonly string[];
}

/** The network the stack declares, as the engine's network create takes it. */
export interface LanNetworkSpec {
  readonly name: string;
  readonly driver: string;
  readonly options: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly ipam: ReadonlyArray<{ readonly subnet: string; readonly gateway?: string }>;
}

/** A container's endpoint on the new network, exactly as its attachment declares it. */
export interface LanMoveAttach {
  readonly container: string;
  readonly ipv4Address: string;
  readonly macAddress?: string;
}

/**
 * One LAN network the stack now declares under a new name (its subnet moved) while the engine
 * still has the stack's old one on the same parent: what the plan will do to it, as engine calls.
 */
export interface LanMove {
  readonly from: { readonly id: string; readonly name: string };
  /** Every container on the old network: each leaves it before it is removed. */
  readonly detach: readonly string[];
  readonly to: LanNetworkSpec;
  /** The attachments the stack declares on the new network, for containers the engine runs. */
  readonly attach: readonly LanMoveAttach[];
}

const REF = /^\$\{([a-z_]+)\.([^.}]+)\.id\}$/;

/** `${docker_network.Lan_eth0_93A1E4CB.id}` -> ['docker_network', 'Lan_eth0_93A1E4CB']. */
function reference(value: unknown): [string, string] | undefined {
  const m = typeof value === 'string' ? REF.exec(value) : null;
  return m ? [m[1], m[2]] : undefined;
}

function labelMap(labels: unknown): Record<string, string> {
  const list = Array.isArray(labels) ? (labels as Array<{ label: string; value: string }>) : [];
  return Object.fromEntries(list.map((l) => [l.label, l.value]));
}

function specOf(resource: any): LanNetworkSpec {
  return {
    name: resource.name,
    driver: resource.driver,
    options: { ...(resource.options ?? {}) },
    labels: labelMap(resource.labels),
    ipam: (resource.ipam_config ?? []).map((c: any) => ({ subnet: c.subnet, ...(c.gateway ? { gateway: c.gateway } : {}) })),
  };
}

/**
 * The subnet moves a plan of `tfJson` would make on an engine that has `networks` and runs
 * `running` (container names), read from the synthesized stack itself so that they are the
 * plan's own engine calls. Rule (move first): a stack LAN network the engine lacks by name
 * replaces the one network of the same stack, driver and parent the engine has, only when
 * every container on that old network is one the stack declares and every attachment on the
 * new one has its address written out (a dhcp vNIC's lease and client, or an address by host
 * index, are the plan's to make); anything else is left to the plan alone.
 */
export function planLanMoves(tfJson: any, networks: readonly EngineLanNetwork[], running: ReadonlySet<string>): LanMove[] {
  const resources = tfJson?.resource ?? {};
  const declaredNetworks: Record<string, any> = resources.docker_network ?? {};
  const containers: Record<string, any> = resources.docker_container ?? {};
  const attachments: any[] = Object.values(resources.edgenet_network_attachment ?? {});
  const declaredContainers = new Set(Object.values(containers).map((c: any) => String(c.name)));
  const moves: LanMove[] = [];
  for (const [key, resource] of Object.entries(declaredNetworks)) {
    const to = specOf(resource);
    const stack = to.labels[MANAGED_LABEL];
    if (!(LAN_DRIVERS as readonly string[]).includes(to.driver) || stack === undefined) continue;
    if (networks.some((n) => n.name === to.name)) continue;
    const old = networks.filter(
      (n) => n.driver === to.driver && n.options.parent === to.options.parent && n.labels[MANAGED_LABEL] === stack,
    );
    if (old.length !== 1 || !old[0].containers.every((c) => declaredContainers.has(c))) continue;
    const onLan = attachments.filter((a) => reference(a.network)?.[1] === key);
    if (onLan.some((a) => !a.ipv4_address || a.ipv4_host_index !== undefined)) continue;
    const attach = onLan
      .map((a): LanMoveAttach | undefined => {
        const ref = reference(a.container);
        const name = ref?.[0] === 'docker_container' ? containers[ref[1]]?.name : undefined;
        if (name === undefined || !running.has(name)) return undefined;
        return { container: name, ipv4Address: a.ipv4_address, ...(a.mac_address ? { macAddress: a.mac_address } : {}) };
      })
      .filter((a): a is LanMoveAttach => a !== undefined)
      .sort((a, b) => a.container.localeCompare(b.container));
    moves.push({ from: { id: old[0].id, name: old[0].name }, detach: [...old[0].containers].sort(), to, attach });
  }
  return moves;
}
