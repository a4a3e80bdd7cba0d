import execa from 'execa';
import { Log } from './log';

/**
 * Tells systemd (Type=notify units) that the daemon is serving. Node has no datagram
 * unix sockets, so this uses systemd-notify, which needs NotifyAccess=all in the unit.
 */
export async function notifyReady(log: Log): Promise<void> {
  if (!process.env.NOTIFY_SOCKET) return;
  try {
    await execa('systemd-notify', ['--ready', `--pid=${process.pid}`]);
  } catch (err) {
    log('warn', 'systemd-notify --ready failed', { error: (err as Error).message });
  }
}
