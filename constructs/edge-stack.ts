import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ImportSpec } from '../lib/core/adoption';
import { EdgeModel } from '../lib/core/model/types';
import { dhcpClientName, routedHostLinkName, routedVnicContainerName, routedVnicLinkName } from '../lib/core/naming';
import { InternalNetwork } from './internal-network';
import { LanNetwork } from './lan-network';
import { lanNetworkSettingsOf } from '../lib/core/lan-network';
import { HostAccess } from './host-access';
import { RoutedVnic } from './routed-vnic';
import { NetworkMonitor } from './network-monitor';
import { PublishNetwork } from './publish-network';
import { DhcpClient } from './dhcp-client';
import { EdgenetProvider } from './edgenet-provider';
import { NetworkAttachment } from './network-attachment';
import { RuntimeContainer } from './runtime-container';
import { StateBackend } from './state-backend';
import { terraformLiteral } from './terraform-literal';
import { throwConstructError } from './construct-error';

/** kreuzwerker/docker version the stack pins; the generated bindings target 3.6.2, whose schema it extends. */
export const DOCKER_PROVIDER_VERSION = '4.6.0';

export interface EdgeStackProps {
  /**
   * The resolved model (`resolveModel(validateConfig(raw), facts)`); never read from the machine running synth.
   */
  readonly model: EdgeModel;

  /**
   * kreuzwerker/docker provider version constraint written to required_providers.
   *
   * @default DOCKER_PROVIDER_VERSION
   */
  readonly providerVersion?: string;

  /**
   * Resources to import into the state instead of creating them: what already runs on the host
   * (`edgenet adopt` computes them from the engine), by Terraform address and the ID the
   * resource's provider imports it by. An address the stack does not declare is an error.
   *
   * @default - none
   */
  readonly imports?: readonly ImportSpec[];
}

/**
 * The whole edge host: a LAN network (macvlan, or ipvlan on a Wi-Fi parent) per (parent,
 * subnet), and per runtime an internal network and a container. Construct ids are Terraform
 * addresses: LAN networks on a detected subnet are keyed by interface only, so a host move
 * (or a driver change) replaces the network in place (Engine 20.10 refuses two macvlan
 * networks on one parent).
 */
export class EdgeStack extends TerraformStack {
  public readonly model: EdgeModel;
  public readonly providerVersion: string;
  public readonly lanNetworks: readonly LanNetwork[];
  public readonly runtimes: readonly RuntimeContainer[];
  /** The host's own interfaces on the LANs that ask for host access. */
  public readonly hostAccess: readonly HostAccess[];
  public readonly imports: readonly ImportSpec[];

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id);
    this.providerVersion = props.providerVersion ?? DOCKER_PROVIDER_VERSION;
    this.model = props.model;
    this.imports = [...(props.imports ?? [])];

    // The local default is relative to the stack directory: beside cdktf.out, where cdktf's
    // own default puts it, but without cdktf's absolute path, which would make output depend
    // on the cwd (lib/core/config/targets.ts).
    new StateBackend(this, { state: this.model.host.state });
    // Unset connection fields are left to the provider, which reads DOCKER_HOST and
    // DOCKER_CERT_PATH itself: the same rule as edgenet's own client.
    const connection = this.model.host.connection;
    const engine = {
      ...(connection.dockerHost !== undefined ? { host: terraformLiteral(connection.dockerHost) } : {}),
      ...(connection.certPath !== undefined ? { certPath: terraformLiteral(connection.certPath) } : {}),
      ...(connection.sshOpts.length > 0 ? { sshOpts: connection.sshOpts.map(terraformLiteral) } : {}),
    };
    new DockerProvider(this, 'docker', engine);
    // Its helper puts declared MACs on the links where the engine chooses its own: the same image as the DHCP clients.
    new EdgenetProvider(this, 'edgenet', { ...engine, helperImage: terraformLiteral(this.model.dhcpClientImage) });
    this.addOverride('terraform.required_providers.docker.version', this.providerVersion);

    const lan = new Construct(this, 'Lan');
    const networks = new Map(
      this.model.networks.map((plan) => [plan, new LanNetwork(lan, plan.id, lanNetworkSettingsOf(plan, this.model.stack))]),
    );
    this.lanNetworks = [...networks.values()];

    const runtimesScope = new Construct(this, 'Runtimes');
    this.runtimes = this.model.runtimes.map((runtime) => {
      const scope = new Construct(runtimesScope, runtime.name);
      const internal = new InternalNetwork(scope, 'Internal', {
        runtimeName: runtime.name,
        subnet: runtime.internal?.subnet,
        gateway: runtime.internal?.gateway,
        managedBy: this.model.stack,
      });
      const container = new RuntimeContainer(scope, 'Container', {
        name: runtime.name,
        image: runtime.image,
        command: runtime.command,
        env: runtime.env,
        ports: runtime.ports,
        dns: runtime.dns,
        restart: runtime.restart,
        internalNetwork: internal,
        internalAddress: runtime.internal?.runtime,
        publishNetwork:
          runtime.ports.length > 0
            ? new PublishNetwork(scope, 'Publish', { runtimeName: runtime.name, managedBy: this.model.stack })
            : undefined,
        vnics: runtime.vnics.map((v) => ({
          name: v.name,
          network: networks.get(v.network) as LanNetwork,
          ipv4Address: v.ipv4,
          macAddress: v.mac,
          mode: v.mode,
        })),
        managedBy: this.model.stack,
      });
      runtime.vnics.forEach((v, i) => {
        if (v.mode !== 'dhcp') return;
        new DhcpClient(scope, `dhcp-${v.name}`, {
          runtimeContainerId: container.resource.id,
          containerName: dhcpClientName(runtime.name, v.name),
          attachment: container.attachments[i],
          hostname: runtime.name,
          image: this.model.dhcpClientImage,
          ...(v.dhcpClientId !== undefined ? { clientId: v.dhcpClientId, findBy: 'address' as const } : {}),
          managedBy: this.model.stack,
        });
      });
      for (const v of runtime.routedVnics) {
        new RoutedVnic(scope, `routed-${v.name}`, {
          runtimeContainerId: container.resource.id,
          containerName: routedVnicContainerName(runtime.name, v.name),
          parentInterface: v.network.parentInterface,
          hostLink: routedHostLinkName(runtime.name, v.name),
          vnicLink: routedVnicLinkName(v.name),
          ...(v.ipv4 ? { address: v.ipv4 } : { dhcp: { clientId: v.dhcpClientId as string, hostname: runtime.name } }),
          subnet: v.network.subnet,
          image: this.model.dhcpClientImage,
          managedBy: this.model.stack,
        });
      }
      // The control plane reaches every runtime on its internal network, at the address the
      // model planned there; without an internal pool the engine's IPAM picks it (an engine
      // takes a chosen address only on a network whose subnet was configured).
      if (this.model.manager) {
        new NetworkAttachment(scope, 'Manager', {
          containerId: this.model.manager.container,
          networkId: internal.networkId,
          ipv4Address: runtime.internal?.manager,
        });
      }
      return container;
    });

    // Keyed by the LAN's construct id (its interface, for a detected LAN): a move replaces it in place.
    const access = new Construct(this, 'HostAccess');
    this.hostAccess = this.model.hostAccess.map(
      (plan) =>
        new HostAccess(access, plan.network.id, {
          containerName: plan.containerName,
          parentInterface: plan.network.parentInterface,
          interfaceName: plan.interfaceName,
          mac: plan.mac,
          address: plan.address,
          routes: plan.routes.map((r) => r.address),
          image: this.model.dhcpClientImage,
          managedBy: this.model.stack,
        }),
    );

    if (this.model.netmon) {
      new NetworkMonitor(this, 'Netmon', {
        image: this.model.netmon.image,
        socketDir: this.model.netmon.socketDir,
        managedBy: this.model.stack,
      });
    }

    // The resolved addressing, so `cdktf output` and operators see what auto chose.
    new TerraformOutput(this, 'vnics', {
      value: Object.fromEntries(
        this.model.runtimes.map((r, ri) => [
          r.name,
          Object.fromEntries(
            r.vnics.map((v, vi) => [
              v.name,
              // cdktf outputs take no null: an ipvlan vNIC, with the parent's MAC, has no mac here.
              // The MAC the provider read on the wire, never only the declared one.
              {
                network: v.network.name,
                ipv4: v.ipv4?.toString() ?? 'dhcp',
                ...(v.mac ? { mac: this.runtimes[ri].attachments[vi].assignedMacAddress } : {}),
              },
            ]),
          ),
        ]),
      ),
    });
    this.importExisting(this.imports);
  }

  /** Marks each resource an import names to be imported rather than created (Terraform import blocks). */
  private importExisting(imports: readonly ImportSpec[]): void {
    const wanted = new Map(imports.map((i) => [i.to, i.id]));
    for (const c of this.node.findAll()) {
      if (!(c instanceof TerraformResource)) continue;
      const address = `${c.terraformResourceType}.${this.getLogicalId(c)}`;
      const importId = wanted.get(address);
      if (importId === undefined) continue;
      c.importFrom(importId);
      wanted.delete(address);
    }
    if (wanted.size > 0) {
      throwConstructError(
        this,
        'imports',
        'names resources the stack does not declare',
        [...wanted.keys()].join(', '),
        'addresses of the synthesized stack',
      );
    }
  }
}
