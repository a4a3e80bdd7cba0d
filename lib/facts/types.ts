/** Host facts: the contract between detection (on the host) and synthesis (anywhere). */

export interface Ipv4Fact {
  /** The host's own address; null when only the subnet is known (environment override). */
  readonly address: string | null;
  readonly prefixlen: number;
  /** `a.b.c.d/n`, network address form. */
  readonly subnet: string;
}

export interface InterfaceFact {
  readonly name: string;
  /** As the kernel reports it: UP, DOWN, UNKNOWN, ... */
  readonly operstate: string;
  readonly mac: string | null;
  readonly ipv4: readonly Ipv4Fact[];
  /** Gateway of the default route through this interface; null if there is none. */
  readonly gateway: string | null;
}

/** A macvlan network that already exists on the Docker host (edgenet's own are labelled). */
export interface DockerNetworkFact {
  readonly name: string;
  readonly driver: string;
  readonly parent: string | null;
  readonly subnet: string | null;
  readonly gateway: string | null;
  /** Value of the `io.edgenet.stack` label; null when created outside edgenet. */
  readonly managed_by: string | null;
}

export interface HostFacts {
  readonly interfaces: readonly InterfaceFact[];
  /** First candidate parent: the default route's interface if private, else the first private one. */
  readonly default_interface: string | null;
  /** How the facts were obtained: `proc`, `proc+env`, `env`, `file`, `netmon`. */
  readonly source: string;
  /** ISO-8601 time of detection; excluded from synthesis so output stays deterministic. */
  readonly detected_at: string;
  /** Existing macvlan networks, when the Docker engine was asked (addition to the DESIGN shape). */
  readonly docker_networks?: readonly DockerNetworkFact[];
}
