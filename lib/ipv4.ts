import * as ipaddr from 'ipaddr.js';

/**
 * IPv4 arithmetic on 32-bit unsigned integers, with ipaddr.js doing the parsing.
 * Integers keep subnet walks (auto addressing) cheap and exact.
 */

/** Parses a strict dotted quad (`10.0.0.1`), or returns undefined. */
export function parseIPv4(text: unknown): number | undefined {
  if (typeof text !== 'string' || !ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  return toInt(ipaddr.IPv4.parse(text));
}

export function toInt(addr: ipaddr.IPv4): number {
  const [a, b, c, d] = addr.octets;
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** True for 10/8, 172.16/12 and 192.168/16 (RFC 1918). */
export function isPrivateIPv4(value: number): boolean {
  return ipaddr.IPv4.parse(formatIPv4(value)).range() === 'private';
}

/** An IPv4 subnet: network address and prefix length. */
export class Subnet {
  /** Parses `a.b.c.d/n`; `strict` refuses host bits set (`192.168.1.5/24`). */
  static parse(text: unknown, strict = true): Subnet | undefined {
    if (typeof text !== 'string') return undefined;
    const slash = text.indexOf('/');
    if (slash < 0) return undefined;
    const address = parseIPv4(text.slice(0, slash));
    const prefixText = text.slice(slash + 1);
    if (address === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined;
    const prefix = Number(prefixText);
    if (prefix > 32) return undefined;
    const subnet = Subnet.containing(address, prefix);
    if (strict && subnet.network !== address) return undefined;
    return subnet;
  }

  static containing(address: number, prefix: number): Subnet {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return new Subnet((address & mask) >>> 0, prefix);
  }

  private constructor(public readonly network: number, public readonly prefix: number) {}

  get size(): number {
    return 2 ** (32 - this.prefix);
  }

  get broadcast(): number {
    return this.network + this.size - 1;
  }

  /** Usable host addresses: all but network and broadcast (both usable in /31 and /32). */
  get firstHost(): number {
    return this.prefix >= 31 ? this.network : this.network + 1;
  }

  get lastHost(): number {
    return this.prefix >= 31 ? this.broadcast : this.broadcast - 1;
  }

  contains(address: number): boolean {
    return address >= this.network && address <= this.broadcast;
  }

  overlaps(other: Subnet): boolean {
    return this.network <= other.broadcast && other.network <= this.broadcast;
  }

  equals(other: Subnet): boolean {
    return this.network === other.network && this.prefix === other.prefix;
  }

  toString(): string {
    return `${formatIPv4(this.network)}/${this.prefix}`;
  }
}
