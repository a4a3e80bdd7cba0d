import { Container } from '@cdktf/provider-docker/lib/container';
import { Construct } from 'constructs';
import { HOST_IP_FUNCTION } from '../lib/core/host-ip';
import { Ipv4Address, MacAddress } from '../lib/core/values';
import { keeperContainer } from './keeper-container';

export interface HostAccessProps {
  /**
   * Name of the container that keeps the link.
   */
  readonly containerName: string;

  /**
   * The LAN's parent interface on the host.
   */
  readonly parentInterface: string;

  /**
   * Name of the host's link on the LAN.
   */
  readonly interfaceName: string;

  /**
   * The link's MAC.
   */
  readonly mac: MacAddress;

  /**
   * The host's address on the LAN, on the link.
   */
  readonly address: Ipv4Address;

  /**
   * The runtimes' addresses on the LAN, each routed through the link.
   */
  readonly routes: readonly Ipv4Address[];

  /**
   * Image with busybox's `sh` and `chroot`.
   */
  readonly image: string;

  /**
   * Stack name recorded in the `io.edgenet.stack` label.
   *
   * @default - no label
   */
  readonly managedBy?: string;
}

/**
 * What runs in the container, in the host's network namespace: it makes the link (macvlan,
 * bridge mode, so it talks to its sibling runtimes on the same parent) with the declared MAC,
 * puts the address on it as a /32 (no subnet route: the host's own traffic to the LAN keeps
 * its parent), routes each runtime address through it, and checks all of it every 10 s, so a
 * link lost to a parent that went away comes back with it. It removes the link when stopped.
 * It runs the host's own ip (HOST_IP_FUNCTION): the engine API is the only way in.
 */
const SCRIPT =
  `${HOST_IP_FUNCTION}
` +
  String.raw`ensure() {
  ip link show "$EDGENET_LINK" >/dev/null 2>&1 ||
    ip link add "$EDGENET_LINK" link "$EDGENET_PARENT" address "$EDGENET_MAC" type macvlan mode bridge || return 1
  ip addr replace "$EDGENET_ADDRESS/32" dev "$EDGENET_LINK" && ip link set "$EDGENET_LINK" up || return 1
  for r in $EDGENET_ROUTES; do ip route replace "$r/32" dev "$EDGENET_LINK" || return 1; done
}
trap 'ip link del "$EDGENET_LINK" 2>/dev/null; exit 0' TERM INT
ip link del "$EDGENET_LINK" 2>/dev/null
while :; do
  ensure || echo "edgenet host access: $EDGENET_LINK on $EDGENET_PARENT is not set up yet; trying again in 10 s" >&2
  sleep 10 & wait $!
done`;

/**
 * The host's own interface on a LAN (lans.<if>.host_access): a container on the host network
 * that keeps a macvlan link beside the runtimes', so the host reaches them. Declared like the
 * runtimes: it follows a move (its address and routes change, so it is replaced), comes back
 * after a reboot (the engine restarts it), and goes on destroy (stopped, it removes the link).
 */
export class HostAccess extends Construct {
  public readonly containerName: string;
  public readonly resource: Container;

  constructor(scope: Construct, id: string, props: HostAccessProps) {
    super(scope, id);
    this.containerName = props.containerName;
    this.resource = keeperContainer(this, {
      name: props.containerName,
      image: props.image,
      script: SCRIPT,
      env: [
        `EDGENET_PARENT=${props.parentInterface}`,
        `EDGENET_LINK=${props.interfaceName}`,
        `EDGENET_MAC=${props.mac}`,
        `EDGENET_ADDRESS=${props.address}`,
        `EDGENET_ROUTES=${props.routes.join(' ')}`,
      ],
      capabilities: ['CAP_NET_ADMIN'],
      managedBy: props.managedBy,
    });
  }
}
