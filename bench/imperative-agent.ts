import { DockerApi } from '../lib/host/docker/docker-api';
import { EngineError } from '../lib/core/errors';
import { Subnet } from '../lib/core/values';
import { macvlanNetworkName } from '../lib/core/naming';
import { InterfaceReport } from '../watcher/common/protocol';

/**
 * The baseline: what the reference agent does on a network_change, written directly against
 * the Docker API. For each runtime on the parent: disconnect from the old macvlan network,
 * create (or find) the new one, reconnect with the same settings (MAC; Docker's IPAM picks
 * the address, as for the reference agent's dhcp mode). Engine 20.10 allows one macvlan network per
 * parent, so the old network is removed once every runtime has left it.
 */
export class ImperativeAgent {
  /** When the last change's first engine call went out and when its last call came back (ms since the epoch). */
  public lastMove?: { readonly firstCallAt: number; readonly doneAt: number };

  constructor(
    private readonly docker: DockerApi,
    private readonly parent: string,
    private readonly label: string,
  ) {}

  /**
   * Creates the network for `subnet` and `count` runtimes on it, as the agent would at install:
   * each runtime on its own `<name>_internal` bridge (the agent's control plane network), then
   * connected to the macvlan network. The engine's calls cost more for a container with more
   * endpoints, so the baseline's runtimes have the same two networks as edgenet's.
   */
  async deploy(count: number, subnet: string, gateway: string): Promise<string[]> {
    const network = await this.ensureNetwork(subnet, gateway);
    const names: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const name = `imperative${i}`;
      await this.docker.post('/networks/create', {
        Name: `${name}_internal`,
        Driver: 'bridge',
        Internal: true,
        CheckDuplicate: true,
        Labels: { [this.label]: 'true' },
      });
      await this.docker.post(`/containers/create?name=${name}`, {
        Image: 'local/busybox:latest',
        Cmd: ['sleep', 'infinity'],
        Labels: { [this.label]: 'true' },
        HostConfig: { NetworkMode: `${name}_internal` },
      });
      await this.docker.post(`/networks/${network}/connect`, { Container: name });
      await this.docker.post(`/containers/${name}/start`);
      names.push(name);
    }
    return names;
  }

  async onChange(report: InterfaceReport): Promise<void> {
    if (report.interface !== this.parent || report.ipv4_addresses.length === 0) return;
    const subnet = report.ipv4_addresses[0].subnet;
    const target = macvlanNetworkName(this.parent, Subnet.parse(subnet)!);
    const gateway = report.gateway ?? subnet.replace(/0\/\d+$/, '1');
    const containers = await this.containers();
    const firstCallAt = Date.now();
    const moves: Array<{ id: string; mac: string }> = [];
    const oldNetworks = new Set<string>();
    for (const c of containers) {
      for (const [name, endpoint] of Object.entries<any>(c.NetworkSettings.Networks)) {
        if (!name.startsWith(`macvlan_${this.parent}_`) || name === target) continue;
        await this.docker.post(`/networks/${name}/disconnect`, { Container: c.Id, Force: true });
        oldNetworks.add(name);
        moves.push({ id: c.Id, mac: endpoint.MacAddress });
      }
    }
    for (const name of oldNetworks) await this.docker.delete(`/networks/${name}`);
    const network = await this.ensureNetwork(subnet, gateway);
    for (const move of moves) {
      await this.docker.post(`/networks/${network}/connect`, { Container: move.id, EndpointConfig: { MacAddress: move.mac } });
    }
    this.lastMove = { firstCallAt, doneAt: Date.now() };
  }

  /** This agent's containers with their full inspect data (the list omits the networks' details). */
  private async containers(): Promise<any[]> {
    const filter = encodeURIComponent(JSON.stringify({ label: [this.label] }));
    const list = await this.docker.get<any[]>(`/containers/json?all=1&filters=${filter}`);
    return Promise.all(list.map((c) => this.docker.get(`/containers/${c.Id}/json`)));
  }

  async removeAll(): Promise<void> {
    for (const c of await this.containers()) await this.docker.delete(`/containers/${c.Id}?force=true`);
    for (const n of await this.docker.get<any[]>('/networks')) {
      if (n.Name.startsWith(`macvlan_${this.parent}_`) || n.Labels?.[this.label] === 'true') await this.docker.delete(`/networks/${n.Id}`);
    }
  }

  private async ensureNetwork(subnet: string, gateway: string): Promise<string> {
    const name = macvlanNetworkName(this.parent, Subnet.parse(subnet)!);
    try {
      await this.docker.post('/networks/create', {
        Name: name,
        Driver: 'macvlan',
        CheckDuplicate: true,
        Options: { parent: this.parent },
        IPAM: { Config: [{ Subnet: subnet, Gateway: gateway }] },
        Labels: { [this.label]: 'true' },
      });
    } catch (err) {
      if (!(err instanceof EngineError && /HTTP 409/.test(err.message))) throw err;
    }
    return name;
  }
}
