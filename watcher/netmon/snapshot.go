package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// What `ip -j addr` and `ip -j -4 route show default` (and sysfs, for which links are wireless)
// say about every interface, in the protocol's shape.

// wifiName is the names the kernel and systemd's predictable naming give wireless links
// (wlan0, wlp3s0, wlx001122334455); the same rule as lib/core/facts/interface-type.ts, which a
// unit test holds this to.
var wifiName = regexp.MustCompile(`^wl(?:an|p|x)`)

type ipAddrEntry struct {
	Ifname    string   `json:"ifname"`
	Ifindex   int      `json:"ifindex"`
	Flags     []string `json:"flags"`
	Operstate string   `json:"operstate"`
	AddrInfo  []struct {
		Family    string `json:"family"`
		Local     string `json:"local"`
		Prefixlen int    `json:"prefixlen"`
	} `json:"addr_info"`
}

type ipRoute struct {
	Dst     string `json:"dst"`
	Gateway string `json:"gateway"`
	Dev     string `json:"dev"`
	Metric  *int   `json:"metric"`
}

func contains(list []string, want string) bool {
	for _, each := range list {
		if each == want {
			return true
		}
	}
	return false
}

// effectiveOperstate: the kernel says UNKNOWN for links without carrier reporting (tun, some
// drivers); those count as up when the admin and lower-layer flags both say so.
func effectiveOperstate(entry ipAddrEntry) string {
	if entry.Operstate == "UNKNOWN" && contains(entry.Flags, "UP") && contains(entry.Flags, "LOWER_UP") {
		return "UP"
	}
	return entry.Operstate
}

// gatewaysByDevice is the lowest-metric default route's gateway per device.
func gatewaysByDevice(routeJSON []byte) (map[string]string, error) {
	var routes []json.RawMessage
	if err := unmarshalList(routeJSON, &routes); err != nil {
		return nil, fmt.Errorf("ip -j -4 route show default: %w", err)
	}
	type best struct {
		gateway string
		metric  int
	}
	byDevice := map[string]best{}
	for _, raw := range routes {
		var route ipRoute
		if json.Unmarshal(raw, &route) != nil || route.Dst != "default" || route.Gateway == "" || route.Dev == "" {
			continue // not a route netmon can use
		}
		metric := 0
		if route.Metric != nil {
			metric = *route.Metric
		}
		if current, ok := byDevice[route.Dev]; !ok || metric < current.metric {
			byDevice[route.Dev] = best{route.Gateway, metric}
		}
	}
	gateways := map[string]string{}
	for dev, b := range byDevice {
		gateways[dev] = b.gateway
	}
	return gateways, nil
}

func unmarshalList(text []byte, into *[]json.RawMessage) error {
	if strings.TrimSpace(string(text)) == "" {
		return nil
	}
	if err := json.Unmarshal(text, into); err != nil {
		return fmt.Errorf("is not a JSON array (%v)", err)
	}
	return nil
}

// interfacesFromIP parses the two commands' output; wireless names the links sysfs marks wireless.
func interfacesFromIP(addrJSON, routeJSON []byte, wireless map[string]bool) ([]InterfaceState, error) {
	gateways, err := gatewaysByDevice(routeJSON)
	if err != nil {
		return nil, err
	}
	var raws []json.RawMessage
	if err := unmarshalList(addrJSON, &raws); err != nil {
		return nil, fmt.Errorf("ip -j addr: %w", err)
	}
	states := []InterfaceState{}
	for i, raw := range raws {
		var entry ipAddrEntry
		if err := json.Unmarshal(raw, &entry); err != nil {
			return nil, fmt.Errorf("ip -j addr: [%d]: %v", i, err)
		}
		if entry.Ifname == "" && entry.Ifindex == 0 {
			continue // the empty objects some versions print for links a filter left out
		}
		if entry.Ifname == "" || entry.Ifindex < 1 {
			return nil, fmt.Errorf("ip -j addr: [%d]: no interface name or index", i)
		}
		if entry.Operstate == "" {
			entry.Operstate = "UNKNOWN"
		}
		state := InterfaceState{
			Interface:     entry.Ifname,
			Index:         entry.Ifindex,
			Operstate:     effectiveOperstate(entry),
			Type:          interfaceType(entry.Ifname, wireless[entry.Ifname]),
			Ipv4Addresses: []Ipv4Report{},
		}
		for j, info := range entry.AddrInfo {
			if info.Family != "inet" {
				continue
			}
			prefix, err := netip.ParsePrefix(fmt.Sprintf("%s/%d", info.Local, info.Prefixlen))
			if err != nil || !prefix.Addr().Is4() {
				return nil, fmt.Errorf("ip -j addr: [%d].addr_info[%d]: %q/%d is not an IPv4 address and prefix length", i, j, info.Local, info.Prefixlen)
			}
			network := prefix.Masked().Addr().String()
			state.Ipv4Addresses = append(state.Ipv4Addresses, Ipv4Report{
				Address:        prefix.Addr().String(),
				Prefixlen:      info.Prefixlen,
				Subnet:         fmt.Sprintf("%s/%d", network, info.Prefixlen),
				NetworkAddress: network,
			})
		}
		if gateway, ok := gateways[entry.Ifname]; ok {
			state.Gateway = &gateway
		}
		states = append(states, state)
	}
	return states, nil
}

// interfaceType is `wifi` when sysfs says the link is wireless, else when its name is a
// wireless one; `ethernet` otherwise.
func interfaceType(name string, sysfsSaysWireless bool) string {
	if sysfsSaysWireless || wifiName.MatchString(name) {
		return "wifi"
	}
	return "ethernet"
}

// isIgnored: `lo` always, and every name starting with one of the prefixes.
func isIgnored(name string, prefixes []string) bool {
	if name == "lo" {
		return true
	}
	for _, prefix := range prefixes {
		if prefix != "lo" && prefix != "" && strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// isReportable is the protocol's filter: not ignored by name, operationally UP, an IPv4 address.
func isReportable(state *InterfaceState, ignoredPrefixes []string) bool {
	return !isIgnored(state.Interface, ignoredPrefixes) && state.Operstate == "UP" && len(state.Ipv4Addresses) > 0
}

// wirelessInterfaces: the links sysfs marks as wireless (a `wireless` directory or a `phy80211`
// link); where sysfs is not there, none, and the name decides.
func wirelessInterfaces(sysClassNet string) map[string]bool {
	wireless := map[string]bool{}
	entries, err := os.ReadDir(sysClassNet)
	if err != nil {
		return wireless
	}
	for _, entry := range entries {
		for _, mark := range []string{"wireless", "phy80211"} {
			if _, err := os.Lstat(filepath.Join(sysClassNet, entry.Name(), mark)); err == nil {
				wireless[entry.Name()] = true
			}
		}
	}
	return wireless
}

// readInterfaces is every interface as the kernel has it now.
func readInterfaces(ctx context.Context, ip, sysClassNet string) ([]InterfaceState, error) {
	addr, err := exec.CommandContext(ctx, ip, "-j", "addr", "show").Output()
	if err == nil {
		var route []byte
		route, err = exec.CommandContext(ctx, ip, "-j", "-4", "route", "show", "default").Output()
		if err == nil {
			return interfacesFromIP(addr, route, wirelessInterfaces(sysClassNet))
		}
	}
	return nil, fmt.Errorf("reading interfaces with %s -j failed (iproute2 is needed): %v", ip, err)
}
