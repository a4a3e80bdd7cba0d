import * as net from 'net';
import * as readline from 'readline';
import { EdgenetError } from '../../lib/core/errors';
import { parseMessage } from '../common/protocol';

export const DEFAULT_CHECK_TIMEOUT_MS = 5000;

/**
 * Healthy means: the socket accepts a connection and sends a well-formed discovery
 * within the timeout (a socket file alone, the reference sidecar's check, survives a hung daemon).
 * Resolves with the number of interfaces reported.
 */
export function checkNetmon(socketPath: string, timeoutMs = DEFAULT_CHECK_TIMEOUT_MS): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    const fail = (why: string) => {
      socket.destroy();
      reject(new EdgenetError(`netmon at ${socketPath} is not healthy: ${why}`));
    };
    const timer = setTimeout(() => fail(`no discovery within ${timeoutMs} ms`), timeoutMs);
    socket.once('error', (err) => {
      clearTimeout(timer);
      fail(err.message);
    });
    const lines = readline.createInterface({ input: socket });
    lines.on('error', () => undefined); // the socket's own 'error' handler reports it
    lines.once('line', (line) => {
      clearTimeout(timer);
      const message = parseMessage(line);
      socket.destroy();
      if (message?.type !== 'network_discovery') {
        reject(new EdgenetError(`netmon at ${socketPath} is not healthy: first line is not a network_discovery: ${line.slice(0, 200)}`));
        return;
      }
      resolve(message.data.interfaces.length);
    });
  });
}
