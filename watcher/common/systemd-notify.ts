import { execFile } from 'child_process';
import { promisify } from 'util';
import { Log } from './log';

/**
 * Tells systemd (Type=notify units) that the daemon is serving. Node has no datagram
 * unix sockets, so this uses systemd-notify, which needs NotifyAccess=all in the unit. Node's
 * execFile, not execa: netmon loads this, and its footprint has no room for a process library.
 */
export async function notifyReady(log: Log): Promise<void> {
  if (!process.env.NOTIFY_SOCKET) return;
  try {
    await promisify(execFile)('systemd-notify', ['--ready', `--pid=${process.pid}`]);
  } catch (err) {
    log('warn', 'systemd-notify --ready failed', { error: (err as Error).message });
  }
}
