import { createHash } from 'crypto';

const MAC_PATTERN = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** A 48-bit MAC address in lowercase colon form. */
export class MacAddress {
  /** Accepts `AA-BB-..` or `aa:bb:..`; undefined for anything else. */
  public static parse(text: unknown): MacAddress | undefined {
    if (typeof text !== 'string') return undefined;
    const normal = text.trim().toLowerCase().replace(/-/g, ':');
    return MAC_PATTERN.test(normal) ? new MacAddress(normal) : undefined;
  }

  /**
   * A locally administered unicast MAC derived from (runtime, vNIC): stable across
   * re-synth and hosts, so the LAN's DHCP reservations and ARP caches keep working.
   */
  public static derive(runtime: string, vnic: string): MacAddress {
    const digest = createHash('sha256').update(`edgenet\0${runtime}\0${vnic}`).digest();
    const bytes = Array.from(digest.subarray(0, 6));
    // Clear the group bit (unicast) and set the local bit (never collides with a vendor OUI).
    bytes[0] = (bytes[0] & 0xfc) | 0x02;
    return new MacAddress(bytes.map((b) => b.toString(16).padStart(2, '0')).join(':'));
  }

  private constructor(private readonly text: string) {}

  private get firstOctet(): number {
    return parseInt(this.text.slice(0, 2), 16);
  }

  /** Group bit set: the address names a multicast group (broadcast included), never one NIC. */
  public get isMulticast(): boolean {
    return (this.firstOctet & 0x01) === 0x01;
  }

  public get isZero(): boolean {
    return this.text === '00:00:00:00:00:00';
  }

  public get isLocallyAdministered(): boolean {
    return (this.firstOctet & 0x02) === 0x02;
  }

  public equals(other: MacAddress | undefined): boolean {
    return other !== undefined && other.text === this.text;
  }

  public toString(): string {
    return this.text;
  }

  public toJSON(): string {
    return this.text;
  }
}
