import * as ipaddr from 'ipaddr.js';

/**
 * An IPv4 address as a value: parsed once at the edge of the core, compared and
 * counted as a 32-bit unsigned integer, printed as a dotted quad.
 */
export class Ipv4Address {
  /** Parses a strict dotted quad (`10.0.0.1`); undefined for anything else. */
  public static parse(text: unknown): Ipv4Address | undefined {
    if (typeof text !== 'string' || !ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
    const [a, b, c, d] = ipaddr.IPv4.parse(text).octets;
    return new Ipv4Address(((a << 24) >>> 0) + (b << 16) + (c << 8) + d);
  }

  /** The address whose integer value is `value` (0 .. 2^32-1). */
  public static fromNumber(value: number): Ipv4Address {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new RangeError(`not a 32-bit IPv4 value: ${value}`);
    }
    return new Ipv4Address(value);
  }

  private constructor(public readonly value: number) {}

  /** RFC 1918: 10/8, 172.16/12, 192.168/16. */
  public get isPrivate(): boolean {
    return ipaddr.IPv4.parse(this.toString()).range() === 'private';
  }

  public get isLoopback(): boolean {
    return this.value >>> 24 === 127;
  }

  public plus(offset: number): Ipv4Address {
    return Ipv4Address.fromNumber(this.value + offset);
  }

  public equals(other: Ipv4Address | undefined): boolean {
    return other !== undefined && other.value === this.value;
  }

  public toString(): string {
    const v = this.value;
    return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
  }

  public toJSON(): string {
    return this.toString();
  }
}
