package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("..", "..", "__tests__", "fixtures", "netmon", name))
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func events(t *testing.T, name string) []monitorEvent {
	found := []monitorEvent{}
	for _, line := range strings.Split(string(fixture(t, name)), "\n") {
		if e, ok := parseMonitorLine(line); ok {
			found = append(found, e)
		}
	}
	return found
}

func TestMonitorLinesNameTheirInterface(t *testing.T) {
	want := []monitorEvent{
		{Kind: kindLink, Index: 3, Name: "lan0", Up: true},
		{Kind: kindAddress, Index: 3, Name: "lan0"},
		{Kind: kindRoute, Name: "lan0"},
		{Kind: kindRoute, Name: "lan0"},
		{Kind: kindAddress, Index: 3, Name: "lan0"},
		{Kind: kindRoute, Name: "lan0"},
		{Kind: kindLink, Index: 4, Name: "eth1", Deleted: true},
	}
	if got := events(t, "monitor.txt"); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v", got)
	}
}

func TestMonitorLinkLinesDownRenamedCarrierLostAndBack(t *testing.T) {
	want := []monitorEvent{
		{Kind: kindLink, Index: 3, Name: "lan0"},
		{Kind: kindLink, Index: 2, Name: "vp0"},
		{Kind: kindLink, Index: 3, Name: "wlx001122"},
		{Kind: kindLink, Index: 3, Name: "wlx001122"},
		{Kind: kindLink, Index: 3, Name: "wlx001122", Up: true},
		{Kind: kindLink, Index: 3, Name: "wan1", Up: true},
		{Kind: kindLink, Index: 3, Name: "wan1", Deleted: true},
	}
	links := []monitorEvent{}
	renamedAddress := false
	for _, e := range events(t, "monitor-link.txt") {
		if e.Kind == kindLink {
			links = append(links, e)
		}
		// After a rename, address lines keep the index but show the name ip monitor started with.
		renamedAddress = renamedAddress || (e.Kind == kindAddress && e.Index == 3 && e.Name == "lan0")
	}
	if !reflect.DeepEqual(links, want) || !renamedAddress {
		t.Fatalf("links %+v, address line with the old name: %v", links, renamedAddress)
	}
}

func TestFailsWhenUnknownStateCountsAsUpWithoutUpAndLowerUp(t *testing.T) {
	up, _ := parseMonitorLine("7: tun0: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UNKNOWN group default")
	down, _ := parseMonitorLine("7: tun0: <POINTOPOINT,MULTICAST,NOARP> mtu 1500 qdisc fq_codel state UNKNOWN group default")
	if !up.Up || down.Up || up.Name != "tun0" || up.Index != 7 {
		t.Fatalf("up %+v, down %+v", up, down)
	}
}

func TestFailsWhenAReceiveErrorIsNotLostEvents(t *testing.T) {
	for _, line := range []string{"Netlink error: No buffer space available", "Error: Dump terminated"} {
		if e, _ := parseMonitorLine(line); e.Kind != kindLost {
			t.Errorf("%q: %+v", line, e)
		}
	}
	if e, _ := parseMonitorLine("unreachable default proto kernel metric 4278198272"); e.Kind != kindUnknown {
		t.Errorf("a line tied to no interface: %+v", e)
	}
	if _, ok := parseMonitorLine("   "); ok {
		t.Error("a blank line is an event")
	}
}

func snapshotFixture(t *testing.T, wireless map[string]bool) []InterfaceState {
	states, err := interfacesFromIP(fixture(t, "ip-addr.json"), fixture(t, "ip-route-default.json"), wireless)
	if err != nil {
		t.Fatal(err)
	}
	return states
}

func TestSnapshotReportsEveryIPv4AddressInTheProtocolsShape(t *testing.T) {
	eth0 := find(snapshotFixture(t, nil), "eth0")
	want := InterfaceState{Interface: "eth0", Index: 2, Operstate: "UP", Type: "ethernet", Gateway: gw("10.1.0.1"), Ipv4Addresses: []Ipv4Report{
		{Address: "192.168.1.10", Prefixlen: 24, Subnet: "192.168.1.0/24", NetworkAddress: "192.168.1.0"},
		{Address: "10.1.2.3", Prefixlen: 16, Subnet: "10.1.0.0/16", NetworkAddress: "10.1.0.0"},
	}}
	if !reflect.DeepEqual(*eth0, want) {
		t.Fatalf("eth0 %+v", *eth0)
	}
}

func TestFailsWhenTheGatewayIsNotTheLowestMetricDefaultRoute(t *testing.T) {
	states := snapshotFixture(t, nil)
	if g := find(states, "wlan0").Gateway; g == nil || *g != "192.168.50.1" {
		t.Errorf("wlan0 gateway %v", g)
	}
	for _, name := range []string{"wwan0", "ens37"} {
		if g := find(states, name).Gateway; g != nil {
			t.Errorf("%s gateway %v, want none", name, *g)
		}
	}
}

func TestFailsWhenTheFilterOrOperstateRuleChanges(t *testing.T) {
	states := snapshotFixture(t, nil)
	if find(states, "tun0").Operstate != "UP" || find(states, "lo").Operstate != "UP" || find(states, "wlan0").Operstate != "DOWN" {
		t.Fatal("UNKNOWN with UP and LOWER_UP counts as UP")
	}
	reportable := func(prefixes []string) []string {
		names := []string{}
		for i := range states {
			if isReportable(&states[i], prefixes) {
				names = append(names, states[i].Interface)
			}
		}
		return names
	}
	if got := reportable(defaultIgnored); !reflect.DeepEqual(got, []string{"eth0", "wwan0"}) {
		t.Errorf("reportable %v", got)
	}
	if got := reportable([]string{"wwan"}); !reflect.DeepEqual(got, []string{"eth0", "docker0", "veth1a2b", "br-5f3a", "tun0"}) {
		t.Errorf("with the ignore list [wwan]: %v (lo stays ignored)", got)
	}
}

func TestTypeIsWifiWhenSysfsSaysSoElseByName(t *testing.T) {
	states := snapshotFixture(t, map[string]bool{"ens37": true})
	for name, want := range map[string]string{"ens37": "wifi", "wlan0": "wifi", "eth0": "ethernet"} {
		if got := find(states, name).Type; got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
}

func TestSnapshotErrors(t *testing.T) {
	if states, err := interfacesFromIP(fixture(t, "ip-addr.json"), []byte(""), nil); err != nil || states[0].Gateway != nil {
		t.Errorf("empty route output: %v", err)
	}
	if _, err := interfacesFromIP([]byte(`{"ifname":"eth0"}`), []byte("[]"), nil); err == nil || !strings.HasPrefix(err.Error(), "ip -j addr: is not a JSON array") {
		t.Errorf("an object for ip -j addr: %v", err)
	}
	if _, err := interfacesFromIP([]byte("[]"), []byte(`{"dst":"default"}`), nil); err == nil || !strings.HasPrefix(err.Error(), "ip -j -4 route show default: is not a JSON array") {
		t.Errorf("an object for the routes: %v", err)
	}
}

func TestSameStateComparesAddressesGatewayOperstateTypeAndIndex(t *testing.T) {
	eth0 := *find(snapshotFixture(t, nil), "eth0")
	change := func(edit func(*InterfaceState)) *InterfaceState {
		copied := eth0
		edit(&copied)
		return &copied
	}
	if !sameState(&eth0, change(func(*InterfaceState) {})) {
		t.Error("a copy differs")
	}
	for name, other := range map[string]*InterfaceState{
		"gateway":   change(func(s *InterfaceState) { s.Gateway = gw("192.168.1.1") }),
		"addresses": change(func(s *InterfaceState) { s.Ipv4Addresses = s.Ipv4Addresses[1:] }),
		"operstate": change(func(s *InterfaceState) { s.Operstate = "DOWN" }),
		"type":      change(func(s *InterfaceState) { s.Type = "wifi" }),
		"index":     change(func(s *InterfaceState) { s.Index = 9 }),
		"nothing":   nil,
	} {
		if sameState(&eth0, other) {
			t.Errorf("a different %s is the same", name)
		}
	}
}
