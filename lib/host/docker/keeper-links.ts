import { HostAccessObservation, inetAddresses, parseHostAccessObservation } from '../../core/drift/links';
import { READ_HOST_ACCESS_LINK, READ_ROUTED_VNIC_ADDRESS } from '../../core/host-ip';
import { DockerApi } from './docker-api';
import { execIn } from './exec';

/**
 * The host's link on a LAN as the host shows it, read inside the container that keeps it
 * (on the host network, with the host's ip at hand): through the engine, so a workstation
 * sees it as the host does. Undefined when that container is not running.
 */
export async function readHostAccessLink(api: DockerApi, containerName: string): Promise<HostAccessObservation | undefined> {
  const container = await api.getOrUndefined(`/containers/${encodeURIComponent(containerName)}/json`);
  if (!container?.State?.Running) return undefined;
  const { exitCode, stdout } = await execIn(api.docker, containerName, ['sh', '-c', READ_HOST_ACCESS_LINK]);
  return exitCode === 0 ? parseHostAccessObservation(stdout) : undefined;
}

/**
 * The addresses on the runtime's end of a routed vNIC's veth, read in its keeper (which shares
 * the runtime's processes). Undefined when the keeper is not running: that is drift of its own.
 */
export async function readRoutedVnicAddresses(api: DockerApi, keeper: string): Promise<string[] | undefined> {
  const container = await api.getOrUndefined(`/containers/${encodeURIComponent(keeper)}/json`);
  if (!container?.State?.Running) return undefined;
  const { exitCode, stdout } = await execIn(api.docker, keeper, ['sh', '-c', READ_ROUTED_VNIC_ADDRESS]);
  return exitCode === 0 ? inetAddresses(stdout) : [];
}
