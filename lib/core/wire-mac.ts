import { EngineRules } from './engine-rules';
import { MacAddress } from './values';

/**
 * The MAC a vNIC has on the wire. An engine that applies the MAC given on connect (API 1.54)
 * keeps it in its record, so its record is the answer. An older engine records the MAC it chose
 * itself, and edgenet puts the declared one on the link after the connect: there the link in the
 * runtime's namespace is the answer, found by the declared MAC or else by the engine's one.
 * Undefined when neither can be told (no links read, or no link with either MAC).
 */
export function macOnWire(
  rules: EngineRules,
  engineMac: string | undefined,
  declared: MacAddress | undefined,
  links: readonly MacAddress[] | undefined,
): MacAddress | undefined {
  const recorded = MacAddress.parse(engineMac);
  if (rules.macOnConnect) return recorded;
  if (links === undefined) return undefined;
  return [declared, recorded].find((mac) => mac !== undefined && links.some((l) => l.equals(mac)));
}
