package provider

import (
	"errors"
	"net/netip"
	"reflect"
	"testing"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
)

func TestEndpointsToStepAside(t *testing.T) {
	net := func(id, driver, parent string) network.Inspect {
		n := network.Inspect{Network: network.Network{ID: id, Name: "name-" + id, Driver: driver, Options: map[string]string{}}}
		if parent != "" {
			n.Options["parent"] = parent
		}
		return n
	}
	target := net("new", "macvlan", "p0")
	networks := map[string]network.Inspect{
		"old":    net("old", "macvlan", "p0"),
		"other":  net("other", "macvlan", "p1"),
		"ipvlan": net("ipvlan", "ipvlan", "p0"),
		"bridge": net("bridge", "bridge", ""),
	}
	ep := func(id, ip string) *network.EndpointSettings {
		return &network.EndpointSettings{NetworkID: id, IPAddress: netip.MustParseAddr(ip)}
	}
	ctr := func(running bool, eps map[string]*network.EndpointSettings) container.InspectResponse {
		return container.InspectResponse{ID: "c1", State: &container.State{Running: running},
			NetworkSettings: &container.NetworkSettings{Networks: eps}}
	}
	// On the wire, by network: every interface has the MAC about to be given but the one on "spare".
	wire := func(ep *network.EndpointSettings) (string, error) {
		if ep.NetworkID == "spare" {
			return "02:00:00:00:00:01", nil
		}
		return declaredMAC, nil
	}
	all := map[string]*network.EndpointSettings{
		"name-old":    ep("old", "10.0.0.50"),
		"name-other":  ep("other", "10.0.1.50"),
		"name-ipvlan": ep("ipvlan", "10.0.2.50"),
		"name-bridge": ep("bridge", "172.30.0.5"),
		"name-new":    ep("new", "10.0.3.50"), // a reconnect: the target's own endpoint goes anyway
	}
	networks["spare"] = net("spare", "macvlan", "p0")
	all["name-spare"] = ep("spare", "10.0.4.50")

	cases := []struct {
		name   string
		ctr    container.InspectResponse
		target network.Inspect
		mac    string
		want   []stepAside
	}{
		{"fails when the old endpoint on the same parent keeps the MAC", ctr(true, all), target, declaredMAC,
			[]stepAside{{NetworkID: "old", NetworkName: "name-old", Address: "10.0.0.50"}}},
		{"fails when a stopped container (no interfaces) is touched", ctr(false, all), target, declaredMAC, nil},
		{"fails when an attachment without a declared MAC moves others", ctr(true, all), target, "", nil},
		{"fails when a network without a parent (bridge) moves others", ctr(true, all), net("b2", "bridge", ""), declaredMAC, nil},
		{"fails when an endpoint on another parent is moved", ctr(true, map[string]*network.EndpointSettings{"name-other": all["name-other"]}), target, declaredMAC, nil},
		{"fails when an endpoint of another driver is moved", ctr(true, map[string]*network.EndpointSettings{"name-ipvlan": all["name-ipvlan"]}), target, declaredMAC, nil},
		{"fails when an endpoint with another MAC on the wire is moved", ctr(true, map[string]*network.EndpointSettings{"name-spare": all["name-spare"]}), target, declaredMAC, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := endpointsToStepAside(c.ctr, c.target, networks, wire, c.mac)
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Fatalf("endpointsToStepAside = %+v, %v; want %+v", got, err, c.want)
			}
		})
	}

	t.Run("fails when a wire that cannot be read is taken for free", func(t *testing.T) {
		broken := func(*network.EndpointSettings) (string, error) { return "", errors.New("helper image missing") }
		if _, err := endpointsToStepAside(ctr(true, all), target, networks, broken, declaredMAC); err == nil {
			t.Fatal("no error")
		}
	})
}
