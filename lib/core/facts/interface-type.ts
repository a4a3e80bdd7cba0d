/**
 * What kind of link an interface is. It matters because a macvlan child needs its own MAC on
 * the parent's medium: a wired port carries it, a Wi-Fi station normally cannot (the access
 * point only accepts frames from the MAC that associated).
 */

export const INTERFACE_TYPES = ['ethernet', 'wifi'] as const;

export type InterfaceType = (typeof INTERFACE_TYPES)[number];

/** What an interface is taken to be when nothing says otherwise (a facts file without `type`). */
export const DEFAULT_INTERFACE_TYPE: InterfaceType = 'ethernet';

/** Names the kernel and systemd's predictable naming give wireless links (wlan0, wlp3s0, wlx001122334455). */
const WIFI_NAME = /^wl(?:an|p|x)/;

/**
 * `wifi` when sysfs says the link is wireless (`/sys/class/net/<if>/wireless` or `phy80211`
 * exists), else when its name is a wireless one; `ethernet` otherwise. The name is the
 * fallback for where sysfs shows nothing (a container without /sys, a facts fixture).
 */
export function interfaceType(name: string, sysfsSaysWireless: boolean): InterfaceType {
  return sysfsSaysWireless || WIFI_NAME.test(name) ? 'wifi' : 'ethernet';
}

export function isInterfaceType(value: unknown): value is InterfaceType {
  return (INTERFACE_TYPES as readonly unknown[]).includes(value);
}
