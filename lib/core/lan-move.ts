import { EngineRules } from './engine-rules';
import { lanNetworkSettingsOf, lanNetworkSpec, LanNetworkSpec, resolveLanNetwork } from './lan-network';
import { EdgeModel } from './model/types';
import { MANAGED_LABEL, runtimeContainers } from './naming';
import { MacAddress } from './values';

export type { LanNetworkSpec };

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

/** A container's endpoint on the new network, exactly as its attachment declares it. */
export interface LanMoveAttach {
  readonly container: string;
  readonly ipv4Address: string;
  readonly macAddress?: string;
}

/**
 * The order of a move's engine calls. `make-before-break` (engines that take a second LAN
 * network on a parent): the new network, every runtime connected to it, then the old endpoints
 * and network go, so each runtime answers on the new LAN one connect after the move starts.
 * `break-before-make` (Engine 20.10 refuses a second one): every old endpoint and the old
 * network go first, then the new network and its connects.
 */
export type MoveOrder = 'make-before-break' | 'break-before-make';

/**
 * What stepping an old endpoint's MAC aside costs: `cheap` where the namespaces are entered
 * from this machine (a few ms), `costly` through a helper container (hundreds of ms a runtime,
 * more than a make-before-break move saves).
 */
export type StepAsideCost = 'cheap' | 'costly';

/**
 * The order of one move: make before break where the engine takes a second LAN network on the
 * parent, unless its runtimes' MACs would have to step aside at a cost (ipvlan vNICs share the
 * parent's MAC and never need to).
 */
export function moveOrder(engine: EngineRules, stepAside: StepAsideCost, attach: readonly LanMoveAttach[]): MoveOrder {
  if (!engine.severalLanNetworksPerParent) return 'break-before-make';
  return stepAside === 'cheap' || attach.every((a) => a.macAddress === undefined) ? 'make-before-break' : 'break-before-make';
}

/**
 * One LAN network the stack now declares under a new name (its subnet moved) while the engine
 * still has the stack's old one on the same parent: what the plan will do to it, as engine calls.
 */
export interface LanMove {
  readonly order: MoveOrder;
  readonly from: { readonly id: string; readonly name: string };
  /** Every container on the old network: each leaves it before it is removed. */
  readonly detach: readonly string[];
  readonly to: LanNetworkSpec;
  /** The attachments the stack declares on the new network, for containers the engine runs. */
  readonly attach: readonly LanMoveAttach[];
}

/**
 * The subnet moves a plan of the model's stack would make on an engine that has `networks`
 * and runs `running` (container names), read from the model as the stack declares it (the
 * network as LanNetwork makes it, each vNIC's attachment at its address with its MAC), so that
 * they are the plan's own engine calls and can be made before the stack is synthesized. Rule
 * (move first): a LAN network the stack creates and the engine lacks by name replaces the one
 * network of the same stack, driver and parent the engine has, only when every container on
 * that old network is one the stack declares and every vNIC on the new one has its address in
 * the model (a dhcp vNIC's lease and client are the plan's to make); anything else is left to
 * the plan alone. The calls' order is the engine's (`MoveOrder`).
 */
export function planLanMoves(
  model: EdgeModel,
  networks: readonly EngineLanNetwork[],
  running: ReadonlySet<string>,
  engine: EngineRules,
  stepAside: StepAsideCost,
): LanMove[] {
  const declared = new Set(model.runtimes.flatMap((r) => runtimeContainers(r).map((c) => c.name)));
  const moves: LanMove[] = [];
  for (const plan of model.networks) {
    const network = resolveLanNetwork(lanNetworkSettingsOf(plan, model.stack));
    if (network.reused || networks.some((n) => n.name === network.name)) continue;
    const old = networks.filter(
      (n) => n.driver === network.driver && n.options.parent === network.parentInterface && n.labels[MANAGED_LABEL] === model.stack,
    );
    if (old.length !== 1 || !old[0].containers.every((c) => declared.has(c))) continue;
    const onLan = model.runtimes.flatMap((r) => r.vnics.filter((v) => v.network === plan).map((v) => ({ container: r.name, ...v })));
    if (onLan.some((a) => a.ipv4 === undefined)) continue;
    const attach = onLan
      .filter((a) => running.has(a.container))
      .map((a): LanMoveAttach => ({
        container: a.container,
        ipv4Address: String(a.ipv4),
        ...(a.mac ? { macAddress: a.mac.toString() } : {}),
      }))
      .sort((a, b) => a.container.localeCompare(b.container));
    moves.push({
      order: moveOrder(engine, stepAside, attach),
      from: { id: old[0].id, name: old[0].name },
      detach: [...old[0].containers].sort(),
      to: lanNetworkSpec(network),
      attach,
    });
  }
  return moves;
}

/**
 * The MAC an old endpoint steps aside to while a make-before-break move connects its runtime
 * to the new LAN with `mac`: the kernel will not bring up two macvlan links with one MAC on one
 * parent. Locally administered unicast, and never a MAC edgenet derives for a vNIC.
 */
export function standInMac(mac: MacAddress): MacAddress {
  return MacAddress.derive('edgenet stand-in', mac.toString());
}

/** The line `plan` and `apply` print for a move `apply` makes first, before Terraform's plan. */
export function describeMoveFirst(move: LanMove): string {
  return `lan ${move.to.name}: apply moves ${move.attach.length} runtime(s) to it first, ${move.order.replace(/-/g, ' ')}, then ${move.from.name} goes`;
}
