package provider

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/moby/moby/api/types/network"
)

func lan(subnets ...string) network.Inspect {
	n := network.Inspect{Network: network.Network{Name: "lan"}}
	for _, s := range subnets {
		n.IPAM.Config = append(n.IPAM.Config, network.IPAMConfig{Subnet: netip.MustParsePrefix(s)})
	}
	return n
}

func index(i int64) *int64 { return &i }

func TestAddressRequestResolve(t *testing.T) {
	cases := []struct {
		name string
		req  addressRequest
		net  network.Inspect
		want string
	}{
		{"a literal address as written", addressRequest{literal: "10.0.0.5"}, lan("10.0.0.0/24"), "10.0.0.5"},
		{"nothing asked: any address", addressRequest{}, lan("10.0.0.0/24"), ""},
		{"the last usable host", addressRequest{hostIndex: index(-1)}, lan("10.0.0.0/24"), "10.0.0.254"},
		{"a host index counts in the first IPv4 subnet", addressRequest{hostIndex: index(7)}, lan("fd00::/64", "10.9.0.0/16", "10.8.0.0/16"), "10.9.0.7"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.req.resolve(c.net)
			if err != nil || got != c.want {
				t.Fatalf("resolve = %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestAddressRequestResolveFails(t *testing.T) {
	if _, err := (addressRequest{hostIndex: index(1)}).resolve(lan("fd00::/64")); err == nil || !strings.Contains(err.Error(), `network "lan" has none`) {
		t.Errorf("no IPv4 subnet: err = %v", err)
	}
	if _, err := (addressRequest{hostIndex: index(300)}).resolve(lan("10.0.0.0/24")); err == nil || !strings.Contains(err.Error(), "host index 300") {
		t.Errorf("index out of range: err = %v", err)
	}
}

func TestCheckIPv4(t *testing.T) {
	for _, ok := range []string{"10.0.0.5", "192.168.1.254"} {
		if p := checkIPv4(ok); p != "" {
			t.Errorf("checkIPv4(%q) = %q, want no problem", ok, p)
		}
	}
	for _, bad := range []string{"", "10.0.0", "10.0.0.05", "::ffff:10.0.0.5", "fd00::1", "10.0.0.5/24"} {
		if p := checkIPv4(bad); !strings.Contains(p, bad) || !strings.Contains(p, "expected") {
			t.Errorf("checkIPv4(%q) = %q, want the value and what is expected", bad, p)
		}
	}
}

func TestCheckMAC(t *testing.T) {
	if p := checkMAC("02:42:c0:a8:01:32"); p != "" {
		t.Errorf("valid MAC: %q", p)
	}
	for _, bad := range []string{"02:42:C0:A8:01:32", "02-42-c0-a8-01-32", "02:42:c0:a8:01", "00:00:00:00:fe:80:00:00"} {
		if p := checkMAC(bad); !strings.Contains(p, bad) {
			t.Errorf("checkMAC(%q) = %q, want a problem naming it", bad, p)
		}
	}
}

func TestEndpointAddressFallsBackToTheStaticAddressOfAStoppedContainer(t *testing.T) {
	a5, a6 := netip.MustParseAddr("10.0.0.5"), netip.MustParseAddr("10.0.0.6")
	running := &network.EndpointSettings{IPAddress: a5, IPAMConfig: &network.EndpointIPAMConfig{IPv4Address: a5}}
	stopped := &network.EndpointSettings{IPAMConfig: &network.EndpointIPAMConfig{IPv4Address: a6}}
	dynamicStopped := &network.EndpointSettings{}
	for ep, want := range map[*network.EndpointSettings]string{running: "10.0.0.5", stopped: "10.0.0.6", dynamicStopped: "", nil: ""} {
		if got := endpointAddress(ep); got != want {
			t.Errorf("endpointAddress(%+v) = %q, want %q", ep, got, want)
		}
	}
}
