import { EdgenetError, oneLine } from '../../core/errors';
import { Ipv4Address, MacAddress } from '../../core/values';
import { DockerApi } from './docker-api';
import { runHelperContainer } from './helper-container';

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
  const { exitCode, output } = await runHelperContainer(api, {
    image,
    cmd: ['arping', '-D', '-c', '2', '-w', String(ANSWER_WAIT_S), '-I', parent, address.toString()],
    labels: { 'io.edgenet.probe': 'arp' },
    hostConfig: { NetworkMode: 'host', CapAdd: ['NET_RAW'] },
    prefix: 'arp_probe: ',
  });
  return readArping(exitCode, output);
}
