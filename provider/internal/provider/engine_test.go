package provider

import (
	"net/netip"
	"testing"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
)

func TestEndpointOfMatchesByNetworkIDThenByName(t *testing.T) {
	c := container.InspectResponse{NetworkSettings: &container.NetworkSettings{Networks: map[string]*network.EndpointSettings{
		"bridge": {NetworkID: "b1"},
		"lan":    {NetworkID: "n1", IPAddress: netip.MustParseAddr("10.0.0.5")},
		"stored": {},
	}}}
	if ep := endpointOf(c, "n1", "renamed"); ep == nil || liveAddress(ep) != "10.0.0.5" {
		t.Errorf("by ID: %+v", ep)
	}
	if ep := endpointOf(c, "s1", "stored"); ep == nil {
		t.Error("an endpoint listed without network ID is found by the network's name")
	}
	if ep := endpointOf(c, "x1", "lan"); ep != nil {
		t.Errorf("a network with the same name but another ID is another network: %+v", ep)
	}
	if ep := endpointOf(container.InspectResponse{}, "n1", "lan"); ep != nil {
		t.Error("a container without network settings has no endpoint")
	}
}
