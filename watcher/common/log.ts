/**
 * Structured logs: one JSON object per line on stderr (journald and `docker logs` keep
 * them intact; `jq` reads them). Fields are data only; nothing secret is ever passed in.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type Log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

export function jsonLog(component: string, write: (line: string) => void = (line) => process.stderr.write(line)): Log {
  return (level, message, fields = {}) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), level, component, msg: message, ...fields })}\n`);
  };
}

export const silentLog: Log = () => undefined;
