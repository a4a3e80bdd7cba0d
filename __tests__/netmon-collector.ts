import { NetmonConnection } from '../watcher/netmon-connection';
import { NetmonMessage } from '../watcher/protocol';

/** Polls `predicate` every 10 ms; fails naming `what` after the timeout. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Received {
  readonly message: NetmonMessage;
  /** Date.now() when the line arrived. */
  readonly at: number;
}

/** A netmon client for tests: records every message with its arrival time. */
export async function collect(socketPath: string) {
  const received: Received[] = [];
  const malformed: string[] = [];
  let closedWith: string | undefined;
  const connection = await NetmonConnection.connect(socketPath, {
    onMessage: (message) => received.push({ message, at: Date.now() }),
    onMalformed: (line) => malformed.push(line),
    onClose: (reason) => (closedWith = reason),
  });
  return {
    received,
    malformed,
    connection,
    messages: () => received.map((r) => r.message),
    changes: () => received.filter((r) => r.message.type === 'network_change'),
    until: (predicate: () => boolean, what: string, timeoutMs?: number) => until(predicate, what, timeoutMs),
    closed: () => closedWith,
  };
}
