/** The config file as users write it (seed 000's vNIC options, seed 003's profiles). */

export type NetworkMode = 'static' | 'auto' | 'dhcp';
export const NETWORK_MODES: readonly NetworkMode[] = ['static', 'auto', 'dhcp'];

export interface PortConfig {
  readonly internal: number;
  /** @default - same as internal */
  readonly external?: number;
  /** @default tcp */
  readonly protocol?: 'tcp' | 'udp';
}

export interface VnicConfig {
  readonly name: string;
  /** @default - the facts' default_interface */
  readonly parent_interface?: string;
  /** @default - the detected subnet of parent_interface */
  readonly parent_subnet?: string;
  /** @default - the detected gateway, else the subnet's first host (.1) */
  readonly parent_gateway?: string;
  /** @default auto */
  readonly network_mode?: NetworkMode;
  /** Static mode only. */
  readonly ip?: string;
  /** @default - derived from (runtime, vNIC) */
  readonly mac_address?: string;
  /** @default - none */
  readonly dns?: readonly string[];
}

/** Fields a profile may set and a runtime may override. */
export interface RuntimeSettings {
  readonly image?: string;
  readonly command?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Internal network only, no LAN vNIC (seed 003 "vsock"). @default false */
  readonly isolated?: boolean;
  readonly ports?: readonly PortConfig[];
  /** Defaults for every vNIC of the runtime; a vNIC's own fields win. */
  readonly vnic_defaults?: Partial<Omit<VnicConfig, 'name'>>;
  readonly vnics?: readonly VnicConfig[];
  /** @default unless-stopped */
  readonly restart?: 'no' | 'on-failure' | 'always' | 'unless-stopped';
}

export interface RuntimeConfig extends RuntimeSettings {
  readonly name: string;
  readonly profile?: string;
}

export interface NetmonConfig {
  /** Image holding the `edgenet` command. */
  readonly image: string;
  /** Host directory for the socket. @default /var/orchestrator */
  readonly socket_dir?: string;
}

export interface EdgeConfig {
  /** @default edge */
  readonly stack?: string;
  /** @default unix:///var/run/docker.sock */
  readonly docker_host?: string;
  readonly profiles?: Readonly<Record<string, RuntimeSettings>>;
  readonly runtimes: readonly RuntimeConfig[];
  /** Run the netmon sidecar as a container. @default - not managed here */
  readonly netmon?: NetmonConfig;
}

/** Allowed keys at each level: unknown keys (typos) are errors, not silently ignored. */
export const TOP_LEVEL_KEYS = ['stack', 'docker_host', 'profiles', 'runtimes', 'netmon'] as const;
export const SETTINGS_KEYS = ['image', 'command', 'env', 'isolated', 'ports', 'vnic_defaults', 'vnics', 'restart'] as const;
export const RUNTIME_KEYS = ['name', 'profile', ...SETTINGS_KEYS] as const;
export const VNIC_KEYS = ['name', 'parent_interface', 'parent_subnet', 'parent_gateway', 'network_mode', 'ip', 'mac_address', 'dns'] as const;
export const PORT_KEYS = ['internal', 'external', 'protocol'] as const;
export const NETMON_KEYS = ['image', 'socket_dir'] as const;
export const RESTART_POLICIES = ['no', 'on-failure', 'always', 'unless-stopped'] as const;
