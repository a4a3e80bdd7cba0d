import { promises as fs } from 'fs';
import { NetmonObservation } from '../../core/doctor/observations';
import { oneLine } from '../../core/errors';

/**
 * Resolves with the number of interfaces a netmon's discovery reports there, or rejects saying
 * why not: the watcher's health check (`edgenet netmon --check`), handed in by the CLI, since
 * lib/host does not know the watcher.
 */
export type NetmonProbe = (socket: string) => Promise<number>;

/** Whether a netmon answers on `socket`; never throws. */
export async function observeNetmon(socket: string, probe: NetmonProbe): Promise<NetmonObservation> {
  try {
    if (!(await fs.lstat(socket)).isSocket()) return { socket, state: 'not a socket' };
  } catch {
    return { socket, state: 'missing' };
  }
  try {
    return { socket, state: 'answering', interfaces: await probe(socket) };
  } catch (err) {
    return { socket, state: 'silent', error: oneLine((err as Error).message) };
  }
}
