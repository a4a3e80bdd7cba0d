package provider

import (
	"context"
	"net/netip"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"
)

// engineAPI is the part of the Docker API the resource uses: the calls `docker network
// connect|disconnect` and `docker inspect` make, and RunHelper, a short-lived container in
// another container's network namespace (helper_run.go). dockerEngine implements it on the
// engine's client; the unit tests on a fake.
type engineAPI interface {
	ContainerInspect(ctx context.Context, containerID string) (container.InspectResponse, error)
	NetworkInspect(ctx context.Context, networkID string) (network.Inspect, error)
	NetworkConnect(ctx context.Context, networkID, containerID string, config *network.EndpointSettings) error
	NetworkDisconnect(ctx context.Context, networkID, containerID string, force bool) error
	RunHelper(ctx context.Context, run helperRun) (helperResult, error)
}

// dockerEngine is engineAPI on a client of github.com/moby/moby/client, which negotiates
// the API version with the engine on first use (down to Engine 20.10's 1.41, up to the
// newest it knows). The version matters: an engine of API >= 1.54 applies a MAC given on
// connect only to requests of version >= 1.54, so a pinned older version would lose it.
type dockerEngine struct {
	cli *client.Client
}

var _ engineAPI = dockerEngine{}

func (d dockerEngine) ContainerInspect(ctx context.Context, containerID string) (container.InspectResponse, error) {
	res, err := d.cli.ContainerInspect(ctx, containerID, client.ContainerInspectOptions{})
	return res.Container, err
}

func (d dockerEngine) NetworkInspect(ctx context.Context, networkID string) (network.Inspect, error) {
	res, err := d.cli.NetworkInspect(ctx, networkID, client.NetworkInspectOptions{})
	return res.Network, err
}

func (d dockerEngine) NetworkConnect(ctx context.Context, networkID, containerID string, config *network.EndpointSettings) error {
	_, err := d.cli.NetworkConnect(ctx, networkID, client.NetworkConnectOptions{Container: containerID, EndpointConfig: config})
	return err
}

func (d dockerEngine) NetworkDisconnect(ctx context.Context, networkID, containerID string, force bool) error {
	_, err := d.cli.NetworkDisconnect(ctx, networkID, client.NetworkDisconnectOptions{Container: containerID, Force: force})
	return err
}

// endpointOf returns the container's endpoint on the network with this ID (or, for an
// endpoint the engine lists without a network ID, this name), or nil when it has none.
func endpointOf(c container.InspectResponse, networkID, networkName string) *network.EndpointSettings {
	if c.NetworkSettings == nil {
		return nil
	}
	for name, ep := range c.NetworkSettings.Networks {
		if ep == nil {
			continue
		}
		if ep.NetworkID == networkID || (ep.NetworkID == "" && name == networkName) {
			return ep
		}
	}
	return nil
}

// endpointAddress is the IPv4 address the endpoint has, or, for a container that is not
// running (the engine reports no address then), the static address it will get on start.
// Using the latter keeps a stopped container from looking like drift.
func endpointAddress(ep *network.EndpointSettings) string {
	if ep == nil {
		return ""
	}
	if ep.IPAddress.IsValid() {
		return ep.IPAddress.String()
	}
	if ep.IPAMConfig != nil && ep.IPAMConfig.IPv4Address.IsValid() {
		return ep.IPAMConfig.IPv4Address.String()
	}
	return ""
}

// liveAddress is the IPv4 address the endpoint has now ("" when it has none, as on a
// stopped container): the one its interface carries.
func liveAddress(ep *network.EndpointSettings) string {
	if ep == nil || !ep.IPAddress.IsValid() {
		return ""
	}
	return ep.IPAddress.String()
}

// engineMAC is the MAC the engine reports for the endpoint, in the lower-case, colon-separated
// spelling mac_address takes; "" when it reports none.
func engineMAC(ep *network.EndpointSettings) string {
	if ep == nil {
		return ""
	}
	return ep.MacAddress.String()
}

// running reports whether the container runs: only then has it a network namespace with the
// endpoints' interfaces in it.
func running(c container.InspectResponse) bool {
	return c.State != nil && c.State.Running
}

// ipv4Subnet is the first IPv4 subnet of the network's IPAM configuration: the one Docker
// takes addresses from, and the one ipv4_host_index counts in.
func ipv4Subnet(n network.Inspect) (netip.Prefix, bool) {
	for _, cfg := range n.IPAM.Config {
		if cfg.Subnet.IsValid() && cfg.Subnet.Addr().Is4() {
			return cfg.Subnet, true
		}
	}
	return netip.Prefix{}, false
}
