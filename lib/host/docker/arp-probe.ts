import { EngineError, EdgenetError, oneLine } from '../../core/errors';
import { Ipv4Address, MacAddress } from '../../core/values';
import { DockerApi } from './docker-api';

/** How long the LAN is given to answer: busybox arping's -w, in seconds. */
const ANSWER_WAIT_S = 2;

/**
 * What busybox `arping -D` (duplicate address detection) said: the MAC of whoever answered,
 * undefined when nobody did, or an error for anything else (no such interface, no arping).
 */
export function readArping(exitCode: number, output: string): MacAddress | undefined {
  const reply = /reply from \S+ \[([0-9a-f:]{17})\]/i.exec(output);
  const mac = reply ? MacAddress.parse(reply[1]) : undefined;
  if (mac) return mac;
  if (exitCode === 0) return undefined;
  throw new EdgenetError(`arping failed (exit ${exitCode}): ${oneLine(output.trim()) || 'no output'}`);
}

/**
 * Asks the LAN on `parent` whether anyone holds `address`: busybox arping in duplicate
 * address detection mode, run by the engine in a short-lived container on the host's
 * network, so it asks from the host whether the engine is local, tcp:// or ssh://.
 */
export async function arpAnswer(api: DockerApi, image: string, parent: string, address: Ipv4Address): Promise<MacAddress | undefined> {
  let created: { Id: string };
  try {
    created = await api.post<{ Id: string }>('/containers/create', {
      Image: image,
      Cmd: ['arping', '-D', '-c', '2', '-w', String(ANSWER_WAIT_S), '-I', parent, address.toString()],
      Tty: true,
      Labels: { 'io.edgenet.probe': 'arp' },
      HostConfig: { NetworkMode: 'host', CapAdd: ['NET_RAW'] },
    });
  } catch (err) {
    if (err instanceof EngineError && err.status === 404) {
      throw new EdgenetError(`arp_probe: image ${image} is not on the host; pull it there (docker pull ${image}) or set dhcp_client_image`);
    }
    throw err;
  }
  try {
    await api.post(`/containers/${created.Id}/start`);
    const { StatusCode } = await api.post<{ StatusCode: number }>(`/containers/${created.Id}/wait`);
    const output = (await api.docker.getContainer(created.Id).logs({ stdout: true, stderr: true })).toString('utf8');
    return readArping(StatusCode, output);
  } finally {
    await api.delete(`/containers/${created.Id}?force=true`).catch(() => undefined);
  }
}
