import * as net from 'net';
import { LineSplitter } from '../common/line-splitter';
import { NetmonMessage, parseLine } from '../common/protocol';

/** What a connection skips without calling it malformed: another sidecar's events, and replies to commands. */
export type SkippedLine = { readonly kind: 'other-event'; readonly type: string } | { readonly kind: 'reply' };

export interface ConnectionHandlers {
  readonly onMessage: (message: NetmonMessage) => void;
  /** A line that is not a well-formed message; it is skipped. @default - ignored */
  readonly onMalformed?: (line: string, reason: string) => void;
  /** An event of a type edgenet does not use, or a reply; it is skipped. @default - ignored */
  readonly onSkipped?: (skipped: SkippedLine) => void;
  /** The connection ended (netmon stopped, socket removed, error, a line past the bound). */
  readonly onClose?: (reason: string) => void;
}

/**
 * The longest line accepted from netmon. A discovery of a host with a few hundred interfaces
 * stays far below; a peer sending more without a newline is not speaking the protocol.
 */
export const MAX_LINE_FROM_NETMON_BYTES = 1024 * 1024;

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
        const reader = lineReader(handlers);
        socket.on('data', (chunk: Buffer) => {
          const overflow = reader(chunk);
          if (overflow === undefined || connection.closed) return;
          reason = overflow;
          socket.destroy();
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

/**
 * The reading half of a connection, without the socket: chunks in, handler calls out.
 * Returns why the stream must be dropped (a line past `maxLineBytes`), else undefined.
 */
export function lineReader(handlers: ConnectionHandlers, maxLineBytes = MAX_LINE_FROM_NETMON_BYTES): (chunk: Buffer) => string | undefined {
  const splitter = new LineSplitter(maxLineBytes);
  return (chunk) => {
    const result = splitter.push(chunk);
    for (const line of result.lines) {
      if (line.trim() === '') continue;
      const parsed = parseLine(line);
      if (parsed.kind === 'event') handlers.onMessage(parsed.message);
      else if (parsed.kind === 'malformed') handlers.onMalformed?.(line, parsed.reason);
      else handlers.onSkipped?.(parsed.kind === 'reply' ? { kind: 'reply' } : parsed);
    }
    return result.ok ? undefined : `netmon sent a line longer than ${maxLineBytes} bytes without a newline`;
  };
}
