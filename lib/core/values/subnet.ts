import { Ipv4Address } from './ipv4-address';

/** An IPv4 subnet: its network address and prefix length. */
export class Subnet {
  /** Parses `a.b.c.d/n`; `strict` refuses host bits set (`192.168.1.5/24`). */
  public static parse(text: unknown, strict = true): Subnet | undefined {
    if (typeof text !== 'string') return undefined;
    const slash = text.indexOf('/');
    if (slash < 0) return undefined;
    const address = Ipv4Address.parse(text.slice(0, slash));
    const prefixText = text.slice(slash + 1);
    if (address === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined;
    const prefix = Number(prefixText);
    if (prefix > 32) return undefined;
    const subnet = Subnet.containing(address, prefix);
    if (strict && !subnet.network.equals(address)) return undefined;
    return subnet;
  }

  /** The subnet of `prefix` bits that holds `address`. */
  public static containing(address: Ipv4Address, prefix: number): Subnet {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return new Subnet(Ipv4Address.fromNumber((address.value & mask) >>> 0), prefix);
  }

  private constructor(
    public readonly network: Ipv4Address,
    public readonly prefix: number,
  ) {}

  /** Addresses in the subnet, network and broadcast included. */
  public get size(): number {
    return 2 ** (32 - this.prefix);
  }

  public get broadcast(): Ipv4Address {
    return this.network.plus(this.size - 1);
  }

  /** First usable host address (network and broadcast are usable in /31 and /32). */
  public get firstHost(): Ipv4Address {
    return this.prefix >= 31 ? this.network : this.network.plus(1);
  }

  public get lastHost(): Ipv4Address {
    return this.prefix >= 31 ? this.broadcast : this.broadcast.plus(-1);
  }

  public contains(address: Ipv4Address): boolean {
    return address.value >= this.network.value && address.value <= this.broadcast.value;
  }

  public overlaps(other: Subnet): boolean {
    return this.network.value <= other.broadcast.value && other.network.value <= this.broadcast.value;
  }

  public equals(other: Subnet | undefined): boolean {
    return other !== undefined && this.network.equals(other.network) && this.prefix === other.prefix;
  }

  /** How far `address` is from the network address (its host part). */
  public offsetOf(address: Ipv4Address): number {
    return address.value - this.network.value;
  }

  /** The address `offset` past the network address. */
  public at(offset: number): Ipv4Address {
    return this.network.plus(offset);
  }

  public toString(): string {
    return `${this.network}/${this.prefix}`;
  }

  public toJSON(): string {
    return this.toString();
  }
}
