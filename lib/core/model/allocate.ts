import { createHash } from 'crypto';
import { Ipv4Address, Subnet } from '../values';

/**
 * Deterministic `auto` addressing within one subnet.
 *
 * Each vNIC hashes (runtime, vNIC) to a preferred offset in the upper half of the
 * subnet's host range and takes the first free address from there, wrapping around.
 * Because the preference depends only on the vNIC's own name, adding or removing
 * other runtimes moves nobody unless two preferences collide; collisions are settled
 * in name order. The same offset survives a move to another subnet of the same size.
 * The upper half keeps clear of Docker's own IPAM (used for `dhcp`), which counts up
 * from the bottom of the subnet.
 */

export interface AutoRequest {
  /** Stable identity, `<runtime>/<vnic>`. */
  readonly key: string;
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

function preference(key: string, span: number): number {
  const digest = createHash('sha256').update(key).digest();
  return digest.readUInt32BE(0) % span;
}

/** Returns key -> address for every request, never using a reserved address (by integer value). */
export function allocateAuto(subnet: Subnet, reserved: ReadonlySet<number>, requests: readonly AutoRequest[]): Map<string, Ipv4Address> {
  const first = subnet.firstHost.value;
  const last = subnet.lastHost.value;
  const hostCount = last - first + 1;
  let free = 0;
  for (let a = first; a <= last && free <= requests.length; a++) if (!reserved.has(a)) free++;
  if (requests.length > free) throw new AddressPoolExhausted(subnet, requests.length, free);

  const lowerHalf = Math.floor(hostCount / 2);
  const upperSpan = hostCount - lowerHalf;
  const taken = new Set(reserved);
  const result = new Map<string, Ipv4Address>();
  const ordered = [...requests].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const request of ordered) {
    let offset = lowerHalf + preference(request.key, upperSpan);
    while (taken.has(first + offset)) offset = (offset + 1) % hostCount;
    taken.add(first + offset);
    result.set(request.key, Ipv4Address.fromNumber(first + offset));
  }
  return result;
}
