/**
 * Pure: which interface an `ip -o monitor address route link` line is about. The line
 * only says *that* something changed; netmon then reads the state with `ip -j`.
 */

export type MonitorEvent =
  | { readonly kind: 'interface'; readonly name: string }
  /** Something happened that the line does not tie to an interface; re-read everything. */
  | { readonly kind: 'unknown' }
  /** The monitor lost events (receive buffer overrun) or complained: resynchronise. */
  | { readonly kind: 'lost' };

const LINK_OR_ADDRESS = /^(?:Deleted )?\d+: ([^\s:@]+)(?:@\S*)?:?\s/;
const ROUTE_DEVICE = /\sdev (\S+)/;
const ERROR = /^(?:Error|Netlink error|.*No buffer space|.*overrun)/i;

export function parseMonitorLine(line: string): MonitorEvent | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  if (ERROR.test(text)) return { kind: 'lost' };
  const linkOrAddress = LINK_OR_ADDRESS.exec(text);
  if (linkOrAddress) return { kind: 'interface', name: linkOrAddress[1] };
  const route = ROUTE_DEVICE.exec(text);
  if (route) return { kind: 'interface', name: route[1] };
  return { kind: 'unknown' };
}
