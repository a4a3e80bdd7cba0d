import { LanMove, planLanMoves } from '../../lib/core/lan-move';
import { EdgeModel } from '../../lib/core/model/types';
import { DockerApi } from '../../lib/host/docker/docker-api';
import { LanNetworkSnapshot, readLanNetworks } from '../../lib/host/docker/lan-networks';
import { Progress } from '../../lib/host/engine/engine';

async function carryOut(docker: DockerApi, move: LanMove): Promise<void> {
  // One call at a time: Engine 20.10 handles a network's endpoints one after another anyway
  // (calls at once were no faster, measured), and with disconnects at once it can lose count
  // of the endpoints and refuse to remove the network ("has active endpoints") until dockerd
  // restarts.
  for (const c of move.detach) await docker.post(`/networks/${move.from.id}/disconnect`, { Container: c, Force: true });
  // One macvlan network per parent on Engine 20.10: the old one goes before the new one comes.
  await docker.delete(`/networks/${move.from.id}`);
  const created = await docker.post<{ Id: string }>('/networks/create', {
    Name: move.to.name,
    CheckDuplicate: true,
    Driver: move.to.driver,
    Options: move.to.options,
    Labels: move.to.labels,
    IPAM: { Config: move.to.ipam.map((c) => ({ Subnet: c.subnet, ...(c.gateway ? { Gateway: c.gateway } : {}) })) },
  });
  for (const a of move.attach) {
    await docker.post(`/networks/${created.Id}/connect`, {
      Container: a.container,
      EndpointConfig: { IPAMConfig: { IPv4Address: a.ipv4Address }, ...(a.macAddress ? { MacAddress: a.macAddress } : {}) },
    });
  }
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
  let moves: LanMove[];
  try {
    const { networks, running } = engine ?? (await readLanNetworks(docker));
    moves = planLanMoves(model, networks, running);
  } catch (err) {
    progress(`move first: could not read the engine, leaving the move to the plan: ${(err as Error).message}`);
    return false;
  }
  for (const move of moves) {
    const started = Date.now();
    try {
      await carryOut(docker, move);
      progress(
        `move first: ${move.from.name} -> ${move.to.name}, ${move.attach.length} runtime(s) reconnected in ${Date.now() - started} ms; the plan records it`,
      );
    } catch (err) {
      progress(`move first: ${move.from.name} -> ${move.to.name} stopped, the plan finishes it: ${(err as Error).message}`);
    }
  }
  return moves.length > 0;
}
