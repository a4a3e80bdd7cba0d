/**
 * How a container on the host network runs the host's own `ip` (iproute2): through the host's
 * root, bound read-only at /host, since busybox's ip cannot make a macvlan link in bridge
 * mode. A shell function, so scripts call `ip ...` as usual.
 */
export const HOST_ROOT_IN_CONTAINER = '/host';

const HOST_IP = `chroot ${HOST_ROOT_IN_CONTAINER} /bin/sh -c 'PATH=/usr/sbin:/usr/bin:/sbin:/bin; exec ip "$@"' ip`;

export const HOST_IP_FUNCTION = `ip() { ${HOST_IP} "$@"; }`;

/** The same ip in the network namespace of the runtime whose processes the container shares (PID 1). */
export const RUNTIME_IP_FUNCTION = `runtime_ip() { nsenter -t 1 -n ${HOST_IP} "$@"; }`;

/** Where a keeper on the host network finds the host's /proc/sys/net, writable (the container's own /proc/sys is not). */
export const HOST_NET_SYSCTL_IN_CONTAINER = '/host-sys-net';

/** What the host-access reader runs: `absent`, or the link's addresses, a line `---`, and its routes. */
export const READ_HOST_ACCESS_LINK = `${HOST_IP_FUNCTION}
if ip link show dev "$EDGENET_LINK" >/dev/null 2>&1; then
  ip -o -4 addr show dev "$EDGENET_LINK"; echo ---; ip -4 route show dev "$EDGENET_LINK"
else
  echo absent
fi`;

/** What the status reader runs in a routed vNIC's keeper: the addresses on the runtime's end of its veth. */
export const READ_ROUTED_VNIC_ADDRESS = `${RUNTIME_IP_FUNCTION}\nruntime_ip -o -4 addr show dev "$EDGENET_VNIC_LINK"`;
