import { createHash } from 'crypto';
import { Ipv4Address, Subnet } from '../values';

/**
 * `auto` addressing within one subnet: an address, once given, is recorded and kept; a new
 * vNIC hashes (runtime, vNIC) to a preferred address and takes the first free one from there.
 *
 * The preference depends only on the vNIC's own name and is counted in host numbers, so the
 * same host part survives a move to another subnet of the same size. Without an auto_range
 * the preference lies in the upper half (clear of the bottom, where engines' own IPAM and
 * many routers start) and the search wraps around the whole subnet; with one, both stay in it.
 * Recorded addresses are never given to anyone else.
 */

export interface AutoRequest {
  /** Stable identity, `<runtime>/<vnic>`. */
  readonly key: string;
  /** The host number this vNIC was given before, if any. */
  readonly recorded?: number;
}

export interface AutoPlan {
  readonly subnet: Subnet;
  /** Addresses nobody may get: network, broadcast, gateway, the host's own, static, excluded. */
  readonly reserved: ReadonlySet<number>;
  /** Addresses a LAN keeps clear (its exclude ranges), by IPv4 value. @default - none */
  readonly excluded?: (value: number) => boolean;
  /** Where new addresses come from, as IPv4 values. @default - the upper half, searching the whole subnet */
  readonly range?: { readonly first: number; readonly last: number };
}

export class AddressPoolExhausted extends Error {
  constructor(
    public readonly subnet: Subnet,
    public readonly requested: number,
    public readonly free: number,
  ) {
    super(`subnet ${subnet} has ${free} free addresses for ${requested} auto vNICs`);
  }
}

/** A key's preferred slot of `span`: from its name alone, so it never depends on who else asks. */
export function preference(key: string, span: number): number {
  const digest = createHash('sha256').update(key).digest();
  return digest.readUInt32BE(0) % span;
}

/** Returns key -> address for every request, never using a reserved address. */
export function allocateAuto(plan: AutoPlan, requests: readonly AutoRequest[]): Map<string, Ipv4Address> {
  const { subnet, reserved } = plan;
  const firstHost = subnet.firstHost.value;
  const lastHost = subnet.lastHost.value;
  const taken = new Set(reserved);
  const blocked = (value: number) => taken.has(value) || plan.excluded?.(value) === true;
  const result = new Map<string, Ipv4Address>();

  // What was given stays given, while it can still live here.
  const fresh: AutoRequest[] = [];
  for (const request of requests) {
    const address = request.recorded === undefined ? undefined : subnet.network.value + request.recorded;
    if (address !== undefined && address >= firstHost && address <= lastHost && !blocked(address)) {
      taken.add(address);
      result.set(request.key, Ipv4Address.fromNumber(address));
    } else {
      fresh.push(request);
    }
  }

  const lowerHalf = Math.floor((lastHost - firstHost + 1) / 2);
  const search = plan.range
    ? { first: Math.max(plan.range.first, firstHost), last: Math.min(plan.range.last, lastHost), preferFrom: 0 }
    : { first: firstHost, last: lastHost, preferFrom: lowerHalf };
  const span = Math.max(0, search.last - search.first + 1);
  let free = 0;
  for (let a = search.first; a <= search.last && free <= fresh.length; a++) if (!blocked(a)) free++;
  if (fresh.length > free) throw new AddressPoolExhausted(subnet, fresh.length, free);

  const ordered = [...fresh].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const request of ordered) {
    let offset = search.preferFrom + preference(request.key, span - search.preferFrom);
    while (blocked(search.first + offset)) offset = (offset + 1) % span;
    taken.add(search.first + offset);
    result.set(request.key, Ipv4Address.fromNumber(search.first + offset));
  }
  return result;
}
