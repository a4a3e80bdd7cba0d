package provider

import (
	"fmt"
	"net"
	"net/netip"

	"github.com/moby/moby/api/types/network"

	"edgenet.dev/terraform-provider-edgenet/internal/addressing"
)

// addressRequest is what the configuration asks for: a literal address, a host index of the
// network's subnet, or neither (the engine's IPAM picks one).
type addressRequest struct {
	literal   string // ipv4_address, "" when not set
	hostIndex *int64 // ipv4_host_index, nil when not set
}

// resolve returns the address asked for on network n, "" for "any".
func (r addressRequest) resolve(n network.Inspect) (string, error) {
	if r.literal != "" {
		return r.literal, nil
	}
	if r.hostIndex == nil {
		return "", nil
	}
	subnet, ok := ipv4Subnet(n)
	if !ok {
		return "", fmt.Errorf("ipv4_host_index needs an IPv4 subnet in the network's IPAM configuration, and network %q has none", n.Name)
	}
	a, err := addressing.HostAddress(subnet, *r.hostIndex)
	if err != nil {
		return "", fmt.Errorf("ipv4_host_index: %w", err)
	}
	return a.String(), nil
}

// checkIPv4 says what is wrong with an ipv4_address value, or "" when it is a canonical
// dotted-quad IPv4 address (the spelling the engine reports, so comparisons are plain).
func checkIPv4(s string) string {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() || a.String() != s {
		return fmt.Sprintf("got %q; expected an IPv4 address in dotted-quad form such as 192.168.1.50", s)
	}
	return ""
}

// checkMAC says what is wrong with a mac_address value, or "" when it is a 48-bit MAC in the
// engine's spelling (lower-case, colon-separated).
func checkMAC(s string) string {
	hw, err := net.ParseMAC(s)
	if err != nil || len(hw) != 6 || hw.String() != s {
		return fmt.Sprintf("got %q; expected a 48-bit MAC address in lower case with colons such as 02:42:c0:a8:01:32", s)
	}
	return ""
}
