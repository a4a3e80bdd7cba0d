import { EngineRules, engineRules } from '../core/engine-rules';
import { LanMove, MoveOrder, planLanMoves, standInMac } from '../core/lan-move';
import { MacAddress } from '../core/values';
import { namespacesOf, NamespaceRunner, runningContainer, setLinkMac, setLinkMacs } from '../host/docker/link-macs';
import { EdgeModel } from '../core/model/types';
import { DockerApi } from '../host/docker/docker-api';
import { LanNetworkSnapshot, readLanNetworks } from '../host/docker/lan-networks';
import { Progress } from '../host/engine/engine';

type Running = { id: string; pid: number } | undefined;

/**
 * `promise`, marked as handled: it is awaited later, after other calls, and a rejection before
 * then must reach that await rather than end the process as an unhandled one.
 */
function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The engine's calls that make one network and put the move's runtimes on it, and those that take the old one away. */
class MoveCalls {
  /** Each attached runtime's process, asked of the engine once, all at once, while the first calls run. */
  private readonly running: Map<string, Promise<Running>>;

  constructor(
    private readonly docker: DockerApi,
    private readonly move: LanMove,
    private readonly rules: EngineRules,
    private readonly namespaces: NamespaceRunner,
  ) {
    const needed = move.attach.filter((a) => a.macAddress !== undefined && (move.order === 'make-before-break' || !rules.macOnConnect));
    this.running = new Map(
      needed.map((a) => [
        a.container,
        later(docker.getOrUndefined(`/containers/${encodeURIComponent(a.container)}/json`).then((c) => runningContainer(c))),
      ]),
    );
  }

  async createNetwork(): Promise<string> {
    const { to } = this.move;
    const created = await this.docker.post<{ Id: string }>('/networks/create', {
      Name: to.name,
      CheckDuplicate: true,
      Driver: to.driver,
      Options: to.options,
      Labels: to.labels,
      IPAM: { Config: to.ipam.map((c) => ({ Subnet: c.subnet, ...(c.gateway ? { Gateway: c.gateway } : {}) })) },
    });
    return created.Id;
  }

  /**
   * Connects every runtime at its planned address with its MAC, one call at a time. Make before
   * break: each old endpoint still holds the MAC its new one declares, so they all step aside
   * first, in one go (one process entering every namespace: alongside the connects, the
   * processes slowed the engine's own calls). An engine that chooses its own MAC on connect
   * (before API 1.54) gets the declared one put on each link right after its connect, as the
   * attachment does, beside the next connect; all are done before this returns.
   */
  async connectAll(network: string): Promise<void> {
    if (this.move.order === 'make-before-break') await this.stepAsideAll();
    const pins: Promise<unknown>[] = [];
    for (const a of this.move.attach) {
      const mac = MacAddress.parse(a.macAddress);
      await this.docker.post(`/networks/${network}/connect`, {
        Container: a.container,
        EndpointConfig: { IPAMConfig: { IPv4Address: a.ipv4Address }, ...(mac ? { MacAddress: mac.toString() } : {}) },
      });
      if (mac && !this.rules.macOnConnect)
        pins.push(later(this.onLink(a.container, (c) => setLinkMac(this.namespaces, c, a.ipv4Address, mac))));
    }
    await Promise.all(pins);
  }

  private async stepAsideAll(): Promise<void> {
    const changes = [];
    for (const a of this.move.attach) {
      const mac = MacAddress.parse(a.macAddress);
      const container = mac ? await this.running.get(a.container) : undefined;
      if (mac && container) changes.push({ container, from: mac, to: standInMac(mac) });
    }
    await setLinkMacs(this.namespaces, changes);
  }

  async disconnectOld(): Promise<void> {
    // One call at a time: Engine 20.10 handles a network's endpoints one after another anyway
    // (calls at once were no faster, measured), and with disconnects at once it can lose count
    // of the endpoints and refuse to remove the network ("has active endpoints") until dockerd
    // restarts.
    for (const c of this.move.detach) await this.docker.post(`/networks/${this.move.from.id}/disconnect`, { Container: c, Force: true });
    await this.docker.delete(`/networks/${this.move.from.id}`);
  }

  private async onLink(name: string, change: (c: { id: string; pid: number }) => Promise<unknown>): Promise<void> {
    const container = await this.running.get(name);
    if (container) await change(container);
  }
}

async function carryOut(docker: DockerApi, move: LanMove, rules: EngineRules, namespaces: NamespaceRunner): Promise<void> {
  const calls = new MoveCalls(docker, move, rules, namespaces);
  // Engine 20.10 allows one macvlan network per parent: there the old one goes first.
  if (move.order === 'break-before-make') await calls.disconnectOld();
  await calls.connectAll(await calls.createNetwork());
  if (move.order === 'make-before-break') await calls.disconnectOld();
}

/** How a move first is made. */
export interface MoveFirstOptions {
  /** The engine's LANs as read for this model. @default - read again */
  readonly engine?: LanNetworkSnapshot;
  /** Where link MACs are changed. @default - namespacesOf the engine */
  readonly namespaces?: NamespaceRunner;
  /** Only moves in this order are made; the others are left to the plan. @default - every move */
  readonly only?: MoveOrder;
}

/**
 * Move first, record after: the LAN moves the coming plan would make (planLanMoves, read
 * from the model as the stack declares it), made directly through the engine's API so the
 * runtimes are on the new LAN before the plan; the plan that follows adopts the network and
 * the endpoints it finds as declared, and corrects anything else. A failure here is reported
 * and left to that plan. Answers whether it changed the engine (the state then no longer says
 * what the engine has).
 */
export async function moveFirst(docker: DockerApi, model: EdgeModel, progress: Progress, options: MoveFirstOptions = {}): Promise<boolean> {
  let planned: PlannedMoves;
  try {
    planned = await plannedMoves(docker, model, options);
  } catch (err) {
    progress(`move first: could not read the engine, leaving the move to the plan: ${(err as Error).message}`);
    return false;
  }
  const { moves, rules, namespaces } = planned;
  for (const move of moves) {
    const started = Date.now();
    try {
      await carryOut(docker, move, rules, namespaces);
      progress(
        `move first: ${move.from.name} -> ${move.to.name}, ${move.attach.length} runtime(s) reconnected in ${Date.now() - started} ms (${move.order}); the plan records it`,
      );
    } catch (err) {
      progress(`move first: ${move.from.name} -> ${move.to.name} stopped, the plan finishes it: ${(err as Error).message}`);
    }
  }
  return moves.length > 0;
}

interface PlannedMoves {
  readonly moves: readonly LanMove[];
  readonly rules: EngineRules;
  readonly namespaces: NamespaceRunner;
}

/** The moves `moveFirst` would make now, as read from the engine (which it throws for when unreadable). */
export async function plannedMoves(docker: DockerApi, model: EdgeModel, options: MoveFirstOptions = {}): Promise<PlannedMoves> {
  const namespaces = options.namespaces ?? namespacesOf(docker, model.dhcpClientImage);
  const { networks, running, apiVersion } = options.engine ?? (await readLanNetworks(docker));
  const rules = engineRules(apiVersion);
  const moves = planLanMoves(model, networks, running, rules, namespaces.cost).filter(
    (m) => options.only === undefined || m.order === options.only,
  );
  return { moves, rules, namespaces };
}
