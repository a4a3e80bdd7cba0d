import { NetworkMode, RestartPolicy } from './schema';

/** The config's defaults, each in one place (the schema's descriptions repeat them for editors). */
export const DEFAULT_STACK = 'edge';
export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';
export const DEFAULT_NETWORK_MODE: NetworkMode = 'auto';
export const DEFAULT_RESTART: RestartPolicy = 'unless-stopped';
export const DEFAULT_NETMON_SOCKET_DIR = '/var/orchestrator';
export const DEFAULT_DHCP_CLIENT_IMAGE = 'busybox:1.36';
/** The netmon socket's file name in its socket_dir (the NetworkMonitor construct serves it there). */
export const NETMON_SOCKET_NAME = 'netmon.sock';
