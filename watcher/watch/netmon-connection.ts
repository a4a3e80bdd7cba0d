import * as net from 'net';
import * as readline from 'readline';
import { NetmonMessage, parseMessage } from '../common/protocol';

export interface ConnectionHandlers {
  readonly onMessage: (message: NetmonMessage) => void;
  /** A line that is not a well-formed message; it is skipped. @default - ignored */
  readonly onMalformed?: (line: string) => void;
  /** The connection ended (netmon stopped, socket removed, error). */
  readonly onClose?: (reason: string) => void;
}

/** One connection to a netmon socket: lines in, parsed messages out. */
export class NetmonConnection {
  private closed = false;

  private constructor(private readonly socket: net.Socket) {}

  static connect(socketPath: string, handlers: ConnectionHandlers): Promise<NetmonConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(socketPath);
      const connection = new NetmonConnection(socket);
      let reason = 'closed by netmon';
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.on('error', (err) => {
          reason = err.message;
        });
        const lines = readline.createInterface({ input: socket });
        lines.on('error', () => undefined); // reported through the socket's 'close'
        lines.on('line', (line) => {
          const message = parseMessage(line);
          if (message) handlers.onMessage(message);
          else handlers.onMalformed?.(line);
        });
        socket.once('close', () => {
          if (!connection.closed) handlers.onClose?.(reason);
          connection.closed = true;
        });
        resolve(connection);
      });
      socket.once('error', reject);
    });
  }

  /** Stops reading without closing: the kernel buffer fills and netmon sees a slow client. */
  pause(): void {
    this.socket.pause();
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}
