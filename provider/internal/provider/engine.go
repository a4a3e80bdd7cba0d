package provider

import (
	"context"
	"net/netip"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/network"
)

// engineAPI is the part of the Docker API the resource uses: four calls, the same ones
// `docker network connect|disconnect` and `docker inspect` make. *client.Client satisfies it.
type engineAPI interface {
	ContainerInspect(ctx context.Context, containerID string) (container.InspectResponse, error)
	NetworkInspect(ctx context.Context, networkID string, options network.InspectOptions) (network.Inspect, error)
	NetworkConnect(ctx context.Context, networkID, containerID string, config *network.EndpointSettings) error
	NetworkDisconnect(ctx context.Context, networkID, containerID string, force bool) error
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
	if ep.IPAddress != "" {
		return ep.IPAddress
	}
	if ep.IPAMConfig != nil {
		return ep.IPAMConfig.IPv4Address
	}
	return ""
}

// ipv4Subnet is the first IPv4 subnet of the network's IPAM configuration: the one Docker
// takes addresses from, and the one ipv4_host_index counts in.
func ipv4Subnet(n network.Inspect) (netip.Prefix, bool) {
	for _, cfg := range n.IPAM.Config {
		p, err := netip.ParsePrefix(cfg.Subnet)
		if err == nil && p.Addr().Is4() {
			return p, true
		}
	}
	return netip.Prefix{}, false
}
