import { createHash } from 'crypto';

/** MAC addresses: parsing, classification and deterministic generation. */

const MAC_PATTERN = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** Normalises `AA-BB-..`/`aa:bb:..` to lowercase colon form, or returns undefined. */
export function parseMac(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const normal = text.trim().toLowerCase().replace(/-/g, ':');
  return MAC_PATTERN.test(normal) ? normal : undefined;
}

function firstOctet(mac: string): number {
  return parseInt(mac.slice(0, 2), 16);
}

/** Group bit set: the address names a multicast group, never one NIC. */
export function isMulticastMac(mac: string): boolean {
  return (firstOctet(mac) & 0x01) === 0x01;
}

export function isZeroMac(mac: string): boolean {
  return mac === '00:00:00:00:00:00';
}

/**
 * A locally administered unicast MAC derived from (runtime, vNIC): stable across
 * re-synth and hosts, so the LAN's DHCP reservations and ARP caches keep working.
 */
export function deriveMac(runtime: string, vnic: string): string {
  const digest = createHash('sha256').update(`edgenet\0${runtime}\0${vnic}`).digest();
  const bytes = Array.from(digest.subarray(0, 6));
  // Clear the group bit (unicast) and set the local bit (never collides with a vendor OUI).
  bytes[0] = (bytes[0] & 0xfc) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
