import { LockedProvider } from '../provider-lock';

/** What lib/host/doctor reads of the machine, for the checks to judge. Plain data, no I/O. */

/** How a link stands in sysfs (`/sys/class/net/<name>/...`). */
export interface LinkObservation {
  readonly name: string;
  readonly exists: boolean;
  /** `operstate`, lower case as sysfs writes it: up, down, unknown, lowerlayerdown, dormant, ... */
  readonly operstate?: string;
  /** IFF_UP in `flags`: the link is administratively up. */
  readonly adminUp?: boolean;
  /** `carrier` is 1 (unreadable on a link that is down). */
  readonly carrier?: boolean;
  /** `master`: the bridge, bond or other device this link is a port of. */
  readonly master?: { readonly name: string; readonly kind: 'bridge' | 'bond' | 'other' };
  /** `bonding_slave` exists: a bond's port, whatever its master link says. */
  readonly bondPort: boolean;
  /** `wireless` or `phy80211` exists. */
  readonly wireless: boolean;
  /** `device/driver`'s name, e.g. virtio_net, e1000e; undefined for a virtual link (veth, bridge, bond). */
  readonly driver?: string;
  /** The links below a bridge or bond (`brif/*`, `lower_*`) with their drivers: the NICs its frames leave through. */
  readonly lower: readonly { readonly name: string; readonly driver?: string }[];
}

/** The links a doctor run asked about; `readable` false where /sys/class/net is not there (a container without /sys). */
export interface SysfsObservation {
  readonly readable: boolean;
  readonly links: ReadonlyMap<string, LinkObservation>;
}

/** How the Docker engine was named: the rule of docker_host, DOCKER_HOST, the local socket. */
export type EngineAddressedBy = 'docker_host in the config' | 'DOCKER_HOST' | 'the default';

export type EngineObservation =
  | {
      readonly url: string;
      readonly addressedBy: EngineAddressedBy;
      readonly reachable: true;
      readonly version: string;
      readonly apiVersion: string;
    }
  | { readonly url: string; readonly addressedBy: EngineAddressedBy; readonly reachable: false; readonly error: string };

export type NetmonObservation =
  | { readonly socket: string; readonly state: 'missing' }
  | { readonly socket: string; readonly state: 'not a socket' }
  | { readonly socket: string; readonly state: 'silent'; readonly error: string }
  | { readonly socket: string; readonly state: 'answering'; readonly interfaces: number };

export type LockObservation =
  | { readonly file: string; readonly state: 'missing' }
  | { readonly file: string; readonly state: 'damaged'; readonly error: string }
  | { readonly file: string; readonly state: 'read'; readonly providers: readonly LockedProvider[] };

/** A locked provider's build for this machine's platform, where the engine would look for it. */
export interface ProviderBuild {
  readonly address: string;
  readonly version: string;
  /** The build's directory and its h1 hash, when a mirror has one. */
  readonly found?: { readonly dir: string; readonly hash: string };
}

export interface ProvidersObservation {
  readonly lock: LockObservation;
  /** `linux_amd64`, `linux_arm64`; undefined on a machine no provider is built for. */
  readonly platform?: string;
  /** The machine as Node names it, for the message when `platform` is undefined. */
  readonly machine: string;
  /** The mirror directories searched, and what said so. */
  readonly mirrors: readonly string[];
  readonly mirrorsFrom: string;
  readonly builds: readonly ProviderBuild[];
}
