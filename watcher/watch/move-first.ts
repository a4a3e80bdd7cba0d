import { EngineRules, engineRules } from '../../lib/core/engine-rules';
import { LanMove, LanMoveAttach, planLanMoves, standInMac } from '../../lib/core/lan-move';
import { MacAddress } from '../../lib/core/values';
import { namespacesOf, NamespaceRunner, runningContainer, setLinkMac } from '../../lib/host/docker/link-macs';
import { EdgeModel } from '../../lib/core/model/types';
import { DockerApi } from '../../lib/host/docker/docker-api';
import { LanNetworkSnapshot, readLanNetworks } from '../../lib/host/docker/lan-networks';
import { Progress } from '../../lib/host/engine/engine';

/** The engine's calls that make one network and put the move's runtimes on it, and those that take the old one away. */
class MoveCalls {
  private readonly containers = new Map<string, { id: string; pid: number } | undefined>();

  constructor(
    private readonly docker: DockerApi,
    private readonly move: LanMove,
    private readonly rules: EngineRules,
    private readonly namespaces: NamespaceRunner,
  ) {}

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
   * Connects `a` at its planned address with its MAC. Make before break: the old endpoint still
   * holds that MAC and steps aside first. An engine that chooses its own MAC on connect
   * (before API 1.54) gets the declared one put on the link right after, as the attachment does.
   */
  async connect(network: string, a: LanMoveAttach): Promise<void> {
    const mac = a.macAddress === undefined ? undefined : MacAddress.parse(a.macAddress);
    if (mac && this.move.order === 'make-before-break')
      await this.onLink(a.container, (c) => setLinkMac(this.namespaces, c, mac, standInMac(mac)));
    await this.docker.post(`/networks/${network}/connect`, {
      Container: a.container,
      EndpointConfig: { IPAMConfig: { IPv4Address: a.ipv4Address }, ...(mac ? { MacAddress: mac.toString() } : {}) },
    });
    if (mac && !this.rules.macOnConnect) await this.onLink(a.container, (c) => setLinkMac(this.namespaces, c, a.ipv4Address, mac));
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
    if (!this.containers.has(name))
      this.containers.set(name, runningContainer(await this.docker.getOrUndefined(`/containers/${encodeURIComponent(name)}/json`)));
    const container = this.containers.get(name);
    if (container) await change(container);
  }
}

async function carryOut(docker: DockerApi, move: LanMove, rules: EngineRules, namespaces: NamespaceRunner): Promise<void> {
  const calls = new MoveCalls(docker, move, rules, namespaces);
  // Engine 20.10 allows one macvlan network per parent: there the old one goes first.
  if (move.order === 'break-before-make') await calls.disconnectOld();
  const network = await calls.createNetwork();
  for (const a of move.attach) await calls.connect(network, a);
  if (move.order === 'make-before-break') await calls.disconnectOld();
}

/**
 * Move first, record after: the LAN moves the coming plan would make (planLanMoves, read
 * from the model as the stack declares it), made directly through the engine's API so the
 * runtimes are on the new LAN before the stack is even synthesized; the plan that follows
 * adopts the network and the endpoints it finds as declared, and corrects anything else. A
 * failure here is reported and left to that plan. `engine` is the engine's LANs as read for
 * this model (read again when not given). Answers whether it changed the engine (the state
 * then no longer says what the engine has).
 */
export async function moveFirst(docker: DockerApi, model: EdgeModel, progress: Progress, engine?: LanNetworkSnapshot): Promise<boolean> {
  const namespaces = namespacesOf(docker, model.dhcpClientImage);
  let moves: LanMove[];
  let rules: EngineRules;
  try {
    const { networks, running, apiVersion } = engine ?? (await readLanNetworks(docker));
    rules = engineRules(apiVersion);
    moves = planLanMoves(model, networks, running, rules, namespaces.cost);
  } catch (err) {
    progress(`move first: could not read the engine, leaving the move to the plan: ${(err as Error).message}`);
    return false;
  }
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
