import { HOST_ACCESS_PREFIX, ROUTED_HOST_LINK_PREFIX } from '../naming';

/**
 * Which interfaces are never candidate parents nor reported by netmon:
 * loopback and the virtual plumbing of container engines (the netmon socket protocol's filter plus common CNI names).
 */
export const DEFAULT_IGNORED_PREFIXES: readonly string[] = Object.freeze([
  'lo',
  'docker',
  'veth',
  'br-',
  'virbr',
  'cni',
  'flannel',
  'cali',
  'vxlan',
  'tun',
  'tap',
  'macvlan',
  HOST_ACCESS_PREFIX,
  ROUTED_HOST_LINK_PREFIX,
  'dm-',
]);

export function isIgnoredInterface(name: string, prefixes: readonly string[] = DEFAULT_IGNORED_PREFIXES): boolean {
  if (name === 'lo') return true;
  return prefixes.some((prefix) => prefix !== 'lo' && name.startsWith(prefix));
}
