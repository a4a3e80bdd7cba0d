import { Container } from '@cdktf/provider-docker/lib/container';
import { Construct } from 'constructs';
import { MANAGED_LABEL } from '../lib/core/naming';
import { NetworkAttachment } from './network-attachment';
import { terraformLiteral } from './terraform-literal';

export interface DhcpClientProps {
  /**
   * The runtime whose vNIC takes a lease: its container ID (the client shares its network namespace).
   */
  readonly runtimeContainerId: string;

  /**
   * Name of the client's container.
   */
  readonly containerName: string;

  /**
   * The vNIC's network attachment: the client finds the vNIC by the MAC the engine gave it,
   * and is replaced (releasing the old lease, taking a new one) whenever the attachment is.
   */
  readonly attachment: NetworkAttachment;

  /**
   * Host name sent to the LAN's DHCP server.
   */
  readonly hostname: string;

  /**
   * Image holding busybox's `udhcpc` and `ip`.
   */
  readonly image: string;

  /**
   * DHCP client identifier (option 61), as hex; needed where vNICs share the parent's MAC.
   *
   * @default - none: the server tells clients apart by MAC
   */
  readonly clientId?: string;

  /**
   * How the client finds the vNIC in the runtime's namespace: by the MAC the engine gave the
   * endpoint, or (ipvlan, where every vNIC has the parent's MAC and the engine reports none)
   * by the address the engine's IPAM gave it on connect, remembered across restarts; the
   * latter also asks for broadcast replies, since the server answers the shared MAC.
   *
   * @default 'mac'
   */
  readonly findBy?: 'mac' | 'address';

  /**
   * Stack name recorded in the `io.edgenet.stack` label.
   *
   * @default - no label
   */
  readonly managedBy?: string;
}

/** Minimal images (busybox alone) have no /tmp, where the hook and the lease file live. */
const PREPARE = String.raw`set -e
mkdir -p /tmp
`;

/**
 * The lease holder, run inside the runtime's network namespace: udhcpc on the vNIC (found by
 * its MAC, or by its address) puts the lease's address on it, renews it while it runs, and
 * gives it back (-R) when it is stopped. Its state file, /tmp/edgenet-lease.json, is what
 * `edgenet status` shows. The macvlan script's text is part of running clients' identity:
 * a change to it replaces them (and their leases).
 */
const FIND_BY_MAC = String.raw`IF=
for d in /sys/class/net/*; do [ "$(cat "$d/address")" = "$EDGENET_VNIC_MAC" ] && IF=${'$'}{d##*/}; done
[ -n "$IF" ] || { echo "edgenet dhcp: no interface has MAC $EDGENET_VNIC_MAC" >&2; exit 1; }
`;

/** The address the engine gave is replaced by the lease, so the interface it found is remembered. */
const FIND_BY_ADDRESS = String.raw`IF=$(cat /tmp/edgenet-vnic-if 2>/dev/null || true)
if [ -z "$IF" ]; then
  for d in /sys/class/net/*; do ip -o -4 addr show dev "${'$'}{d##*/}" | grep -q " $EDGENET_VNIC_IP/" && IF=${'$'}{d##*/}; done
fi
[ -n "$IF" ] || { echo "edgenet dhcp: no interface has address $EDGENET_VNIC_IP" >&2; exit 1; }
echo "$IF" > /tmp/edgenet-vnic-if
`;

const LEASE = String.raw`cat > /tmp/edgenet-udhcpc <<'HOOK'
#!/bin/sh
case "$1" in
  deconfig) ip -4 addr flush dev "$interface" ;;
  bound|renew)
    ip -4 addr flush dev "$interface"
    ip addr add "$ip/${'$'}{mask:-24}" dev "$interface"
    [ -z "$router" ] || ip route replace default via "${'$'}{router%% *}" dev "$interface"
    printf '{"interface":"%s","ip":"%s","mask":"%s","router":"%s","server":"%s","lease":%s,"obtained":%s}\n' \
      "$interface" "$ip" "$mask" "${'$'}{router%% *}" "$serverid" "${'$'}{lease:-0}" "$(date +%s)" > /tmp/edgenet-lease.json.new
    mv /tmp/edgenet-lease.json.new /tmp/edgenet-lease.json
    ;;
esac
HOOK
chmod +x /tmp/edgenet-udhcpc
exec udhcpc -f -R -i "$IF" -s /tmp/edgenet-udhcpc -x "hostname:$EDGENET_HOSTNAME" ${'$'}{EDGENET_CLIENT_ID:+-x 0x3d:$EDGENET_CLIENT_ID}`;

/** udhcpc's -B: replies are broadcast, as the shared MAC of an ipvlan vNIC cannot take them before it has its address. */
const BROADCAST_REPLIES = ' -B';

export class DhcpClient extends Construct {
  /** Seconds the client gets to release its lease when it is stopped. */
  public static readonly RELEASE_GRACE_SECONDS = 10;
  /** Where the client keeps the lease it holds, inside its container. */
  public static readonly LEASE_FILE = '/tmp/edgenet-lease.json';

  public readonly containerName: string;
  public readonly findBy: 'mac' | 'address';
  public readonly resource: Container;

  constructor(scope: Construct, id: string, props: DhcpClientProps) {
    super(scope, id);
    this.containerName = props.containerName;
    this.findBy = props.findBy ?? 'mac';
    const script = PREPARE + (this.findBy === 'mac' ? FIND_BY_MAC + LEASE : FIND_BY_ADDRESS + LEASE + BROADCAST_REPLIES);
    this.resource = new Container(this, 'Resource', {
      name: props.containerName,
      image: props.image,
      networkMode: `container:${props.runtimeContainerId}`,
      command: ['sh', '-c', terraformLiteral(script)],
      env: [
        `EDGENET_ATTACHMENT=${props.attachment.id}`,
        `EDGENET_HOSTNAME=${props.hostname}`,
        this.findBy === 'mac'
          ? `EDGENET_VNIC_MAC=${props.attachment.assignedMacAddress}`
          : `EDGENET_VNIC_IP=${props.attachment.assignedIpv4Address}`,
        ...(props.clientId !== undefined ? [`EDGENET_CLIENT_ID=${props.clientId}`] : []),
      ],
      // In the engine's spelling (CAP_...): the provider reads them back so, and any other
      // spelling is a difference that replaces the client on every plan.
      capabilities: { add: ['CAP_NET_ADMIN', 'CAP_NET_RAW'] },
      restart: 'unless-stopped',
      mustRun: true,
      // Stopped, not killed, on destroy: udhcpc releases the lease on SIGTERM.
      destroyGraceSeconds: DhcpClient.RELEASE_GRACE_SECONDS,
      labels: props.managedBy ? [{ label: MANAGED_LABEL, value: props.managedBy }] : undefined,
    });
  }
}
