package addressing

import (
	"net/netip"
	"strings"
	"testing"
)

func TestHostAddress(t *testing.T) {
	cases := []struct {
		subnet string
		index  int64
		want   string
	}{
		{"192.168.1.0/24", 1, "192.168.1.1"},
		{"192.168.1.0/24", 50, "192.168.1.50"},
		{"192.168.1.0/24", 254, "192.168.1.254"},
		{"192.168.1.0/24", -1, "192.168.1.254"},
		{"192.168.1.0/24", -254, "192.168.1.1"},
		{"10.77.0.0/16", 256, "10.77.1.0"},
		{"10.77.0.0/16", -1, "10.77.255.254"},
		{"10.77.0.0/16", -255, "10.77.255.0"},
		{"10.77.0.9/24", 5, "10.77.0.5"}, // the subnet is masked first
		{"172.16.0.0/30", 1, "172.16.0.1"},
		{"172.16.0.0/30", -1, "172.16.0.2"},
		{"172.16.0.0/31", 0, "172.16.0.0"},
		{"172.16.0.0/31", 1, "172.16.0.1"},
		{"172.16.0.0/31", -1, "172.16.0.1"},
		{"172.16.0.0/31", -2, "172.16.0.0"},
		{"172.16.0.7/32", 0, "172.16.0.7"},
		{"172.16.0.7/32", -1, "172.16.0.7"},
		{"0.0.0.0/0", -1, "255.255.255.254"},
	}
	for _, c := range cases {
		got, err := HostAddress(netip.MustParsePrefix(c.subnet), c.index)
		if err != nil {
			t.Errorf("%s index %d: %v", c.subnet, c.index, err)
			continue
		}
		if got.String() != c.want {
			t.Errorf("%s index %d = %s, want %s", c.subnet, c.index, got, c.want)
		}
	}
}

func TestHostAddressFailsOutsideTheUsableHosts(t *testing.T) {
	cases := []struct {
		subnet  string
		index   int64
		allowed string
	}{
		{"192.168.1.0/24", 0, "1 to 254, or -1 to -254"},   // the network address
		{"192.168.1.0/24", 255, "1 to 254, or -1 to -254"}, // the broadcast address
		{"192.168.1.0/24", -255, "1 to 254, or -1 to -254"},
		{"192.168.1.0/24", 1 << 40, "1 to 254, or -1 to -254"},
		{"192.168.1.0/24", -(1 << 40), "1 to 254, or -1 to -254"},
		{"172.16.0.0/30", 3, "1 to 2, or -1 to -2"},
		{"172.16.0.0/31", 2, "0 to 1, or -1 to -2"},
		{"172.16.0.0/31", -3, "0 to 1, or -1 to -2"},
		{"172.16.0.7/32", 1, "0 to 0, or -1 to -1"},
		{"172.16.0.7/32", -2, "0 to 0, or -1 to -1"},
	}
	for _, c := range cases {
		got, err := HostAddress(netip.MustParsePrefix(c.subnet), c.index)
		if err == nil {
			t.Errorf("%s index %d = %s, want an error", c.subnet, c.index, got)
			continue
		}
		for _, part := range []string{c.subnet, c.allowed} {
			if !strings.Contains(err.Error(), part) {
				t.Errorf("%s index %d: error %q does not say %q", c.subnet, c.index, err, part)
			}
		}
	}
}

func TestHostAddressRefusesIPv6(t *testing.T) {
	if _, err := HostAddress(netip.MustParsePrefix("fd00::/64"), 1); err == nil {
		t.Fatal("want an error for an IPv6 subnet")
	}
}
