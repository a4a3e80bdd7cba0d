import { ValidConfig } from '../../lib/core/config/validate';

/**
 * The parents the config's vNICs hang off, or undefined when a vNIC has no
 * `parent_interface`: it follows the default interface, which any change can move.
 */
function vnicParents(config: ValidConfig): ReadonlySet<string> | undefined {
  const vnics = config.runtimes.flatMap((r) => r.vnics);
  if (vnics.some((v) => v.parentInterface === undefined)) return undefined;
  return new Set(vnics.map((v) => v.parentInterface!));
}

/**
 * Which interface changes can alter the synthesized plan: those of a vNIC's parent. A
 * vNIC without `parent_interface` follows the default interface, which any change can
 * move, so then every interface is relevant.
 */
export function relevantInterfaces(config: ValidConfig): (name: string) => boolean {
  const parents = vnicParents(config);
  return parents === undefined ? () => true : (name) => parents.has(name);
}

/** How long changes on several interfaces are waited for, to be joined into one run. */
export const JOIN_SETTLE_MS = 250;

/**
 * The default settle: changes can only be joined across interfaces (netmon has already
 * debounced each one), so a config whose vNICs all hang off one named parent has nothing
 * to wait for, and every runtime of a move is back on the LAN a settle sooner.
 */
export function defaultSettleMs(config: ValidConfig): number {
  const parents = vnicParents(config);
  return parents !== undefined && parents.size <= 1 ? 0 : JOIN_SETTLE_MS;
}
