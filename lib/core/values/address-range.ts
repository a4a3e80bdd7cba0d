import { Ipv4Address } from './ipv4-address';
import { Subnet } from './subnet';

/**
 * A range of addresses on a LAN, as a config writes it: absolute (`192.168.1.100-192.168.1.199`,
 * `192.168.1.64/26`, `192.168.1.7`) or as host numbers of whatever subnet the LAN has
 * (`100-199`, `7`), which follow the LAN when the host moves to another subnet.
 */
export class AddressRange {
  public static parse(text: unknown): AddressRange | undefined {
    if (typeof text !== 'string') return undefined;
    const value = text.trim();
    const hosts = /^(\d{1,10})(?:-(\d{1,10}))?$/.exec(value);
    if (hosts) {
      const first = Number(hosts[1]);
      const last = Number(hosts[2] ?? hosts[1]);
      return first <= last && last <= 0xffffffff ? new AddressRange(value, 'hosts', first, last) : undefined;
    }
    if (value.includes('/')) {
      const subnet = Subnet.parse(value, false);
      return subnet ? new AddressRange(value, 'addresses', subnet.network.value, subnet.broadcast.value) : undefined;
    }
    const [from, to = from] = value.split('-');
    const first = Ipv4Address.parse(from);
    const last = Ipv4Address.parse(to);
    return first && last && first.value <= last.value ? new AddressRange(value, 'addresses', first.value, last.value) : undefined;
  }

  private constructor(
    private readonly text: string,
    /** `hosts`: numbers counted from a subnet's network address; `addresses`: IPv4 values. */
    public readonly kind: 'hosts' | 'addresses',
    public readonly first: number,
    public readonly last: number,
  ) {}

  /** The part of the range inside `subnet`, as IPv4 values; undefined when they do not meet. */
  public within(subnet: Subnet): { readonly first: number; readonly last: number } | undefined {
    const base = this.kind === 'hosts' ? subnet.network.value : 0;
    const first = Math.max(base + this.first, subnet.network.value);
    const last = Math.min(base + this.last, subnet.broadcast.value);
    return first <= last ? { first, last } : undefined;
  }

  public contains(address: Ipv4Address, subnet: Subnet): boolean {
    const part = this.within(subnet);
    return part !== undefined && address.value >= part.first && address.value <= part.last;
  }

  public toString(): string {
    return this.text;
  }

  public toJSON(): string {
    return this.text;
  }
}
