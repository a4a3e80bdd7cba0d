import { ValidConfig } from '../../lib/core/config/validate';

/**
 * Which interface changes can alter the synthesized plan: those of a vNIC's parent. A
 * vNIC without `parent_interface` follows the default interface, which any change can
 * move, so then every interface is relevant.
 */
export function relevantInterfaces(config: ValidConfig): (name: string) => boolean {
  const vnics = config.runtimes.flatMap((r) => r.vnics);
  if (vnics.some((v) => v.parentInterface === undefined)) return () => true;
  const parents = new Set(vnics.map((v) => v.parentInterface!));
  return (name) => parents.has(name);
}
