/** One line per stranded vNIC, by name, with its address and why it cannot live on its LAN now. */
export function describeStranded(s: {
  readonly runtime: string;
  readonly vnic: string;
  readonly ip: { toString(): string };
  readonly reason: string;
}): string {
  return `runtime ${s.runtime} vNIC ${s.vnic}: static ${s.ip.toString()} ${s.reason}; detached until its LAN comes back`;
}
