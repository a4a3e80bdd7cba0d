import { Container } from '@cdktf/provider-docker/lib/container';
import { Construct } from 'constructs';
import { HOST_IP_FUNCTION, HOST_NET_SYSCTL_IN_CONTAINER, RUNTIME_IP_FUNCTION } from '../lib/core/host-ip';
import { throwConstructError } from './construct-error';
import { keeperContainer } from './keeper-container';
import { Ipv4Address, Subnet } from '../lib/core/values';

export interface RoutedVnicProps {
  /**
   * The runtime's container ID: the keeper shares its process namespace, to reach its network namespace.
   */
  readonly runtimeContainerId: string;

  /**
   * Name of the keeper's container.
   */
  readonly containerName: string;

  /**
   * The LAN's parent interface on the host, which answers ARP for the vNIC's address.
   */
  readonly parentInterface: string;

  /**
   * The veth's name on the host.
   */
  readonly hostLink: string;

  /**
   * The vNIC's name inside the runtime.
   */
  readonly vnicLink: string;

  /**
   * The vNIC's address on the LAN: static or auto.
   *
   * @default - a lease from the LAN's DHCP server (`dhcp` must be set)
   */
  readonly address?: Ipv4Address;

  /**
   * For a dhcp vNIC: the DHCP client identifier (option 61, hex) the lease is asked under, since
   * the server sees the parent's MAC for every vNIC, and the host name sent with it.
   *
   * @default - no DHCP: `address` is the vNIC's
   */
  readonly dhcp?: { readonly clientId: string; readonly hostname: string };

  /**
   * The LAN's subnet, routed from the runtime through the host.
   */
  readonly subnet: Subnet;

  /**
   * Image with busybox's `sh`, `ip` and `nsenter`.
   */
  readonly image: string;

  /**
   * Stack name recorded in the `io.edgenet.stack` label.
   *
   * @default - no label
   */
  readonly managedBy?: string;
}

/** The host end's address, the runtime's gateway: link-local, the same on every routed vNIC. */
export const ROUTED_GATEWAY = '169.254.1.1';

/** What both the keeper and its DHCP hook use; the EDGENET_* variables come from the container's environment. */
const FUNCTIONS =
  `${HOST_IP_FUNCTION}\n${RUNTIME_IP_FUNCTION}\n` +
  String.raw`conf() { echo 1 > "$EDGENET_SYSCTL/ipv4/conf/$1/$2"; }
plumb() {
  if ! runtime_ip link show "$EDGENET_VNIC_LINK" >/dev/null 2>&1; then
    ip link del "$EDGENET_HOST_LINK" 2>/dev/null
    ip link add "$EDGENET_HOST_LINK" type veth peer name "$EDGENET_HOST_LINK-p" || return 1
    ip link set "$EDGENET_HOST_LINK-p" netns 1 || return 1
    runtime_ip link set "$EDGENET_HOST_LINK-p" name "$EDGENET_VNIC_LINK" || return 1
  fi
  ip addr replace "$EDGENET_GATEWAY/32" dev "$EDGENET_HOST_LINK" && ip link set "$EDGENET_HOST_LINK" up || return 1
  conf "$EDGENET_HOST_LINK" forwarding && conf "$EDGENET_HOST_LINK" proxy_arp && conf "$EDGENET_PARENT" forwarding || return 1
  runtime_ip link set "$EDGENET_VNIC_LINK" up || return 1
  runtime_ip route replace "$EDGENET_GATEWAY" dev "$EDGENET_VNIC_LINK" scope link
}
place() {
  ip route replace "$1/32" dev "$EDGENET_HOST_LINK" || return 1
  ip neigh replace proxy "$1" dev "$EDGENET_PARENT" || return 1
  runtime_ip addr replace "$1/32" dev "$EDGENET_VNIC_LINK" || return 1
  runtime_ip route replace "$EDGENET_SUBNET" via "$EDGENET_GATEWAY" dev "$EDGENET_VNIC_LINK" || return 1
  [ -n "$(runtime_ip route show default)" ] || runtime_ip route replace default via "$EDGENET_GATEWAY" dev "$EDGENET_VNIC_LINK"
}
unplace() {
  ip neigh del proxy "$1" dev "$EDGENET_PARENT" 2>/dev/null
  ip route del "$1/32" dev "$EDGENET_HOST_LINK" 2>/dev/null
  runtime_ip addr del "$1/32" dev "$EDGENET_VNIC_LINK" 2>/dev/null
}
leased() { sed -n 's/.*"ip":"\([0-9.]*\)".*/\1/p' /tmp/edgenet-lease.json 2>/dev/null; }
held() { if [ -n "$EDGENET_ADDRESS" ]; then echo "$EDGENET_ADDRESS"; else leased; fi; }`;

/** The DHCP hook: the lease goes on the vNIC, never on the parent it was asked on. */
const HOOK = String.raw`was=$(leased)
case "$1" in
  deconfig) [ -z "$was" ] || unplace "$was"; rm -f /tmp/edgenet-lease.json ;;
  bound|renew)
    [ -z "$was" ] || [ "$was" = "$ip" ] || unplace "$was"
    place "$ip"
    printf '{"interface":"%s","ip":"%s","mask":"%s","router":"%s","server":"%s","lease":%s,"obtained":%s}\n' \
      "$EDGENET_VNIC_LINK" "$ip" "$mask" "${'$'}{router%% *}" "$serverid" "${'$'}{lease:-0}" "$(date +%s)" > /tmp/edgenet-lease.json.new
    mv /tmp/edgenet-lease.json.new /tmp/edgenet-lease.json
    ;;
esac`;

/**
 * What the keeper runs, on the host network and in the runtime's process namespace (PID 1 is
 * the runtime): a veth from the host into the runtime, the vNIC's address on the runtime's end
 * (a /32, with the LAN's subnet and, when the runtime has none, its default route through the
 * host end), a route to the address and a proxy-ARP entry for it on the parent on the host
 * side, and forwarding on the parent and the veth only. The LAN then sees the address at the
 * parent's MAC. A dhcp vNIC's address is a lease udhcpc takes on the parent under the vNIC's
 * client identifier, given back when the keeper stops. It checks all of it every 10 s and
 * removes it when stopped. It runs the host's own ip on both sides (busybox's makes no veth
 * pair, nor proxy entries).
 */
const SCRIPT =
  `mkdir -p /tmp\ncat > /tmp/edgenet-routed.sh <<'LIB'\n${FUNCTIONS}\nLIB\n` +
  `printf '#!/bin/sh\\n. /tmp/edgenet-routed.sh\\n' > /tmp/edgenet-udhcpc\ncat >> /tmp/edgenet-udhcpc <<'HOOK'\n${HOOK}\nHOOK\nchmod +x /tmp/edgenet-udhcpc\n` +
  String.raw`. /tmp/edgenet-routed.sh
CLIENT=
stop() {
  [ -z "$CLIENT" ] || { kill -TERM "$CLIENT"; wait "$CLIENT"; }
  a=$(held); [ -z "$a" ] || unplace "$a"
  ip link del "$EDGENET_HOST_LINK" 2>/dev/null
  exit 0
}
trap stop TERM INT
if [ -n "$EDGENET_CLIENT_ID" ]; then
  until plumb; do echo "edgenet routed vNIC: $EDGENET_VNIC_LINK is not set up yet; trying again in 10 s" >&2; sleep 10; done
  udhcpc -f -R -B -i "$EDGENET_PARENT" -s /tmp/edgenet-udhcpc -x "hostname:$EDGENET_HOSTNAME" -x "0x3d:$EDGENET_CLIENT_ID" &
  CLIENT=$!
fi
while :; do
  a=$(held)
  { plumb && { [ -z "$a" ] || place "$a"; }; } ||
    echo "edgenet routed vNIC: $EDGENET_VNIC_LINK ($a) is not set up yet; trying again in 10 s" >&2
  sleep 10 & wait $!
done`;

/**
 * A vNIC on a routed LAN: the runtime keeps its own address on the LAN, and the host routes it
 * there and answers ARP for it with the parent's MAC (for Wi-Fi parents on kernels without
 * ipvlan). A keeper container holds it declaratively, as host access does: it follows a move
 * (replaced with the new address; the runtime keeps running), comes back with the runtime, and
 * goes on destroy (stopped, it removes the veth and the proxy entry).
 */
export class RoutedVnic extends Construct {
  public readonly containerName: string;
  public readonly resource: Container;

  constructor(scope: Construct, id: string, props: RoutedVnicProps) {
    super(scope, id);
    if ((props.address === undefined) === (props.dhcp === undefined)) {
      throwConstructError(
        this,
        'address',
        'must be set for a static or auto vNIC, and dhcp for a dhcp one; one of them',
        props.address?.toString(),
        'address or dhcp',
      );
    }
    this.containerName = props.containerName;
    this.resource = keeperContainer(this, {
      name: props.containerName,
      image: props.image,
      pidMode: `container:${props.runtimeContainerId}`,
      script: SCRIPT,
      env: [
        `EDGENET_PARENT=${props.parentInterface}`,
        `EDGENET_HOST_LINK=${props.hostLink}`,
        `EDGENET_VNIC_LINK=${props.vnicLink}`,
        `EDGENET_ADDRESS=${props.address ?? ''}`,
        `EDGENET_CLIENT_ID=${props.dhcp?.clientId ?? ''}`,
        `EDGENET_HOSTNAME=${props.dhcp?.hostname ?? ''}`,
        `EDGENET_SUBNET=${props.subnet}`,
        `EDGENET_GATEWAY=${ROUTED_GATEWAY}`,
        `EDGENET_SYSCTL=${HOST_NET_SYSCTL_IN_CONTAINER}`,
      ],
      // NET_ADMIN for the links, SYS_ADMIN to enter the runtime's network namespace.
      capabilities: ['CAP_NET_ADMIN', 'CAP_SYS_ADMIN'],
      volumes: [{ hostPath: '/proc/sys/net', containerPath: HOST_NET_SYSCTL_IN_CONTAINER }],
      managedBy: props.managedBy,
    });
  }
}
