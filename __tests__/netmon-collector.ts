import { NetmonConnection, SkippedLine } from '../watcher/watch/netmon-connection';
import { NetmonMessage } from '../watcher/common/protocol';
import { until } from './poll';

export interface Received {
  readonly message: NetmonMessage;
  /** Date.now() when the line arrived. */
  readonly at: number;
}

/** A netmon client for tests: records every message with its arrival time. */
export async function collect(socketPath: string) {
  const received: Received[] = [];
  const malformed: string[] = [];
  const skipped: SkippedLine[] = [];
  let closedWith: string | undefined;
  const connection = await NetmonConnection.connect(socketPath, {
    onMessage: (message) => received.push({ message, at: Date.now() }),
    onMalformed: (line) => malformed.push(line),
    onSkipped: (line) => skipped.push(line),
    onClose: (reason) => (closedWith = reason),
  });
  return {
    received,
    malformed,
    skipped,
    connection,
    messages: () => received.map((r) => r.message),
    changes: () => received.filter((r) => r.message.type === 'network_change'),
    until: (predicate: () => boolean, what: string, timeoutMs?: number) => until(predicate, what, timeoutMs),
    closed: () => closedWith,
  };
}
