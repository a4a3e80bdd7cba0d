import { promises as fs } from 'fs';
import * as net from 'net';
import * as path from 'path';
import { EdgenetError } from '../../lib/core/errors';
import { ensureDirectory } from '../../lib/host/files/output-path';
import { LineSplitter } from '../common/line-splitter';

/**
 * A unix-socket server that pushes JSON lines to many clients and answers the lines they
 * write. A client that stops reading is dropped once its unsent backlog passes a bound, and
 * one that writes a line longer than another bound is dropped too, so no client holds up the
 * others nor grows memory; it may reconnect and start over from discovery.
 */

export interface JsonLinesServerOptions {
  /** Where the socket is created. */
  readonly socketPath: string;
  /**
   * File mode of the socket.
   *
   * @default 0o660
   */
  readonly mode?: number;
  /**
   * Group id that owns the socket, so its members may connect.
   *
   * @default - the daemon's own group
   */
  readonly gid?: number;
  /**
   * Unsent bytes a client may have queued before it is dropped.
   *
   * @default 1 MiB
   */
  readonly maxClientBacklogBytes?: number;
  /**
   * The longest line a client may write; past it, without a newline, the client is dropped.
   *
   * @default 64 KiB
   */
  readonly maxLineBytes?: number;
  /** Called for each new client, before any broadcast reaches it. */
  readonly onConnect: (client: JsonLinesClient) => void;
  /**
   * Called with each line a client writes, in order; what it returns is written back to that
   * client as one line, before anything else is sent to it.
   *
   * @default - input is read and discarded
   */
  readonly onLine?: (client: JsonLinesClient, line: string) => object | undefined;
  /** Called with one line about client comings and goings. @default - silent */
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
}

export const DEFAULT_SOCKET_MODE = 0o660;
export const DEFAULT_MAX_CLIENT_BACKLOG_BYTES = 1024 * 1024;
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
const PROBE_TIMEOUT_MS = 1000;

/** One connected client; `seq` counts the events sent to it, from 1 (replies are not counted). */
export class JsonLinesClient {
  private seq = 0;

  constructor(
    readonly id: number,
    private readonly socket: net.Socket,
    private readonly maxBacklog: number,
    private readonly onDrop: (reason: string) => void,
  ) {}

  /** Sends the event `{type, seq, ...rest}`; false when the client was dropped instead. */
  send(message: { type: string; [key: string]: unknown }): boolean {
    if (!this.writable()) return false;
    this.seq += 1;
    const { type, ...rest } = message;
    this.socket.write(`${JSON.stringify({ type, seq: this.seq, ...rest })}\n`);
    return true;
  }

  /** Sends a reply to a command as it is: no `type`, no `seq` (seq numbers the events only). */
  reply(reply: object): boolean {
    if (!this.writable()) return false;
    // One write per line: a reply and an event never share a line.
    this.socket.write(`${JSON.stringify(reply)}\n`);
    return true;
  }

  private writable(): boolean {
    if (this.socket.destroyed) return false;
    if (this.socket.writableLength > this.maxBacklog) {
      this.drop(`not reading: ${this.socket.writableLength} bytes unsent`);
      return false;
    }
    return true;
  }

  drop(reason: string): void {
    if (this.socket.destroyed) return;
    this.socket.destroy();
    this.onDrop(reason);
  }
}

/**
 * The reading half of a client, without the socket: chunks in, the replies to the lines
 * they complete out, in order; `overflow` says why the client must be dropped.
 */
export function commandReader(
  answer: (line: string) => object | undefined,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): (chunk: Buffer) => { replies: object[]; overflow?: string } {
  const splitter = new LineSplitter(maxLineBytes);
  return (chunk) => {
    const result = splitter.push(chunk);
    const replies: object[] = [];
    for (const line of result.lines) {
      const reply = answer(line);
      if (reply !== undefined) replies.push(reply);
    }
    return result.ok ? { replies } : { replies, overflow: `sent a line longer than ${maxLineBytes} bytes without a newline` };
  };
}

/** Resolves true when something accepts connections on `socketPath`. */
export function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socketPath);
    const done = (answer: boolean) => {
      probe.destroy();
      resolve(answer);
    };
    probe.setTimeout(PROBE_TIMEOUT_MS, () => done(true)); // accepted but slow: someone is there
    probe.once('connect', () => done(true));
    probe.once('error', () => done(false));
  });
}

/**
 * Makes `socketPath` free to bind: a socket file nobody answers on is left over from a
 * crash and is removed; a live socket or any other kind of file is refused.
 */
export async function claimSocketPath(socketPath: string): Promise<void> {
  let stat;
  try {
    stat = await fs.lstat(socketPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (!stat.isSocket()) {
    throw new EdgenetError(`${socketPath}: exists and is not a socket; refusing to replace it (remove it or pick another --socket)`);
  }
  if (await socketAnswers(socketPath)) {
    throw new EdgenetError(`${socketPath}: another process is serving this socket; stop it first or pick another --socket`);
  }
  await fs.unlink(socketPath);
}

export class JsonLinesServer {
  private readonly clients = new Set<JsonLinesClient>();
  private nextId = 1;

  private constructor(
    private readonly server: net.Server,
    readonly socketPath: string,
  ) {}

  static async listen(options: JsonLinesServerOptions): Promise<JsonLinesServer> {
    const mode = options.mode ?? DEFAULT_SOCKET_MODE;
    const log = options.log ?? (() => undefined);
    const maxBacklog = options.maxClientBacklogBytes ?? DEFAULT_MAX_CLIENT_BACKLOG_BYTES;
    const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if ((mode & 0o007) !== 0) {
      throw new EdgenetError(
        `socket mode ${mode.toString(8)}: others may not have access; allowed: a mode without the last digit, e.g. 660`,
      );
    }
    ensureDirectory(path.dirname(options.socketPath), '--socket');
    await claimSocketPath(options.socketPath);
    let instance: JsonLinesServer | undefined;
    const server = net.createServer((socket) => {
      const client: JsonLinesClient = new JsonLinesClient(instance!.nextId++, socket, maxBacklog, (reason) => {
        instance!.clients.delete(client);
        log('client dropped', { client: client.id, reason });
      });
      const onLine = options.onLine;
      if (onLine === undefined) {
        socket.on('data', () => undefined);
      } else {
        const read = commandReader((line) => onLine(client, line), maxLine);
        socket.on('data', (chunk: Buffer) => {
          const { replies, overflow } = read(chunk);
          for (const reply of replies) client.reply(reply);
          if (overflow !== undefined) client.drop(overflow);
        });
      }
      socket.on('error', () => client.drop('socket error'));
      socket.on('close', () => instance!.clients.delete(client));
      instance!.clients.add(client);
      log('client connected', { client: client.id, clients: instance!.clients.size });
      options.onConnect(client);
    });
    instance = new JsonLinesServer(server, options.socketPath);
    const listening = new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.once('listening', () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Node binds inside listen(); the umask around it makes the socket file born with
    // `mode`, leaving no window where it is wider.
    const previousUmask = process.umask(0o777 & ~mode);
    try {
      server.listen(options.socketPath);
    } finally {
      process.umask(previousUmask);
    }
    await listening;
    await fs.chmod(options.socketPath, mode);
    if (options.gid !== undefined) await fs.chown(options.socketPath, -1, options.gid);
    return instance;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  broadcast(message: { type: string; [key: string]: unknown }): void {
    for (const client of [...this.clients]) client.send(message);
  }

  /** Stops accepting, drops every client and removes the socket file. */
  async close(): Promise<void> {
    for (const client of [...this.clients]) client.drop('server closing');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await fs.rm(this.socketPath, { force: true });
  }
}
