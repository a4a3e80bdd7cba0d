// Package addressing turns a host index into an address of a network's subnet.
//
// A configuration that says "the last usable host of whatever subnet this LAN has" survives a
// subnet move unchanged, where a literal address would have to be rewritten; this is the
// arithmetic behind ipv4_host_index.
package addressing

import (
	"fmt"
	"net/netip"
)

// HostAddress returns the IPv4 address at host index index of subnet.
//
// Non-negative indices count from the subnet's first address (0 is the network address
// itself); negative ones count down from the last usable host (-1). Only usable hosts are
// returned: on a /30 or larger subnet that excludes the network and broadcast addresses, a
// /31 has two usable hosts (RFC 3021: indices 0, 1 and -2, -1) and a /32 one (0 and -1).
func HostAddress(subnet netip.Prefix, index int64) (netip.Addr, error) {
	if !subnet.Addr().Is4() {
		return netip.Addr{}, fmt.Errorf("subnet %s is not IPv4", subnet)
	}
	subnet = subnet.Masked()
	size := uint64(1) << (32 - subnet.Bits())
	base := uint64(toUint32(subnet.Addr()))

	// The usable hosts are the offsets lo..hi from the network address.
	lo, hi := uint64(1), size-2
	if size <= 2 {
		lo, hi = 0, size-1
	}

	var offset int64
	if index >= 0 {
		offset = index
	} else {
		offset = int64(hi) + 1 + index
	}
	if offset < int64(lo) || offset > int64(hi) {
		return netip.Addr{}, fmt.Errorf("host index %d is outside the usable hosts of %s (%s)", index, subnet, usableRange(lo, hi))
	}
	return fromUint32(uint32(base + uint64(offset))), nil
}

// usableRange describes the indices HostAddress accepts, for error messages.
func usableRange(lo, hi uint64) string {
	count := hi - lo + 1
	return fmt.Sprintf("allowed: %d to %d, or -1 to -%d", lo, hi, count)
}

func toUint32(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func fromUint32(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}
