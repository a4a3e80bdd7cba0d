/**
 * What a Docker engine allows for LAN networks, read from the API version it reports: the
 * engine's own answer, never a setting the user must know.
 */
export interface EngineRules {
  /**
   * A parent may carry several macvlan (or ipvlan) networks at once (Engine 27.0.1, API 1.46,
   * moby#47318): a move can make the new LAN network before the old one goes.
   */
  readonly severalLanNetworksPerParent: boolean;
  /** A MAC given on network connect is the endpoint's MAC (API 1.54, moby#52040); older engines choose their own. */
  readonly macOnConnect: boolean;
}

/** The first API version of Engine 27.0.1, the first engine that takes a second LAN network on a parent. */
export const SEVERAL_LAN_NETWORKS_API = '1.46';
/** The first API version whose network connect applies the MAC it is given. */
export const MAC_ON_CONNECT_API = '1.54';

/** True when API version `version` (`major.minor`) is `minimum` or later; false for text that is no version. */
export function apiAtLeast(version: string, minimum: string): boolean {
  const parse = (v: string) => (/^\d+\.\d+$/.test(v) ? v.split('.').map(Number) : undefined);
  const have = parse(version);
  const need = parse(minimum) as number[];
  if (!have) return false;
  return have[0] > need[0] || (have[0] === need[0] && have[1] >= need[1]);
}

/** The rules of an engine that reports API version `apiVersion`. */
export function engineRules(apiVersion: string): EngineRules {
  return {
    severalLanNetworksPerParent: apiAtLeast(apiVersion, SEVERAL_LAN_NETWORKS_API),
    macOnConnect: apiAtLeast(apiVersion, MAC_ON_CONNECT_API),
  };
}
