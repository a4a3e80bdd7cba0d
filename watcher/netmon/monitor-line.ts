/**
 * Pure: what an `ip -o monitor address route link` line is about. The line only says *that*
 * something changed; netmon then reads the state with `ip -j`. Link lines carry the link's
 * current name and index; address lines carry the index and a name `ip monitor` cached when it
 * started (stale once the link is renamed); route lines carry only that cached name.
 */

export type MonitorEvent =
  /** A link changed, appeared or (deleted) went away; `up` is whether it is operationally up now. */
  | { readonly kind: 'link'; readonly index: number; readonly name: string; readonly up: boolean; readonly deleted: boolean }
  | { readonly kind: 'address'; readonly index: number; readonly name: string }
  | { readonly kind: 'route'; readonly name: string }
  /** Something happened that the line does not tie to an interface; re-read everything. */
  | { readonly kind: 'unknown' }
  /** The monitor lost events (receive buffer overrun) or complained: resynchronise. */
  | { readonly kind: 'lost' };

const LINK = /^(Deleted )?(\d+): ([^\s:@]+)(?:@\S*)?: <([^>]*)>/;
const ADDRESS = /^(?:Deleted )?(\d+): ([^\s:@]+)\s/;
const STATE = /\sstate (\S+)/;
const ROUTE_DEVICE = /\sdev (\S+)/;
const ERROR = /^(?:Error|Netlink error|.*No buffer space|.*overrun)/i;

/**
 * Operationally up as netmon counts it: `state UP`, or `state UNKNOWN` with the UP and LOWER_UP
 * flags (links without carrier reporting, such as tun devices).
 */
function linkIsUp(flags: readonly string[], state: string | undefined): boolean {
  if (state === 'UP') return true;
  return state === 'UNKNOWN' && flags.includes('UP') && flags.includes('LOWER_UP');
}

export function parseMonitorLine(line: string): MonitorEvent | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  if (ERROR.test(text)) return { kind: 'lost' };
  const link = LINK.exec(text);
  if (link) {
    const flags = link[4].split(',');
    return {
      kind: 'link',
      index: Number(link[2]),
      name: link[3],
      up: link[1] === undefined && linkIsUp(flags, STATE.exec(text)?.[1]),
      deleted: link[1] !== undefined,
    };
  }
  const address = ADDRESS.exec(text);
  if (address) return { kind: 'address', index: Number(address[1]), name: address[2] };
  const route = ROUTE_DEVICE.exec(text);
  if (route) return { kind: 'route', name: route[1] };
  return { kind: 'unknown' };
}
