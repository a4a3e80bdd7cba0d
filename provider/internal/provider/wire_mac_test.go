package provider

import (
	"reflect"
	"testing"
)

func TestParseHelperOutput(t *testing.T) {
	out := "edgenet helper: a message\n" +
		"set eth1 02:00:0A:00:00:32\n" +
		"link lo 00:00:00:00:00:00\nlink eth0 02:42:ac:1e:ff:02\nlink eth1 02:00:0a:00:00:32\n" +
		"addr lo 127.0.0.1\naddr eth0 172.30.255.2\naddr eth1@if7 10.0.0.50\naddr eth1 10.0.0.51\n" +
		"announce-failed eth1 2\n"
	r := parseHelperOutput(out)
	want := wireSnapshot{
		{Name: "eth0", MAC: "02:42:ac:1e:ff:02", IPv4: []string{"172.30.255.2"}},
		{Name: "eth1", MAC: "02:00:0a:00:00:32", IPv4: []string{"10.0.0.50", "10.0.0.51"}},
	}
	if !reflect.DeepEqual(r.ifaces, want) {
		t.Errorf("interfaces = %+v, want %+v (no loopback)", r.ifaces, want)
	}
	if r.set == nil || !reflect.DeepEqual(*r.set, wireIface{Name: "eth1", MAC: "02:00:0a:00:00:32"}) {
		t.Errorf("set = %+v", r.set)
	}
	if r.announceFailed != "eth1 exit code 2" || r.absent {
		t.Errorf("announceFailed %q, absent %v", r.announceFailed, r.absent)
	}
	if !parseHelperOutput("absent 02:00:0a:00:00:32\n").absent {
		t.Error("absent not seen")
	}
}

func TestIdentifyInterface(t *testing.T) {
	snap := wireSnapshot{
		{Name: "eth0", MAC: "02:42:ac:1e:ff:02", IPv4: []string{"172.30.255.2"}},
		{Name: "eth1", MAC: "02:00:0a:00:00:32", IPv4: []string{"10.0.0.50"}},
		{Name: "eth2", MAC: "02:00:0a:00:00:99", IPv4: []string{"10.0.1.50"}},
		{Name: "eth3", MAC: "02:00:0a:00:00:99", IPv4: []string{"10.0.2.50"}},
	}
	cases := []struct {
		name string
		ipv4 string
		macs []string
		want string // "" = not found
	}{
		{"fails when the engine's MAC is not looked for first", "10.0.0.50", []string{"02:42:ac:1e:ff:02", "02:00:0a:00:00:32"}, "eth0"},
		{"fails when the declared MAC is not looked for after the engine's", "", []string{"02:42:0a:00:00:32", "02:00:0a:00:00:32"}, "eth1"},
		{"fails when the address is not the last resort", "10.0.0.50", []string{"02:42:0a:00:00:32", "02:00:00:00:00:01"}, "eth1"},
		{"fails when several interfaces with the MAC are not told apart by the address", "10.0.2.50", []string{"02:00:0a:00:00:99"}, "eth3"},
		{"fails when an ambiguous MAC picks one at random", "", []string{"02:00:0a:00:00:99"}, ""},
		{"fails when nothing matching finds something", "10.9.9.9", []string{"02:00:00:00:00:01"}, ""},
		{"fails when an empty MAC matches", "", []string{""}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := identifyInterface(snap, c.ipv4, c.macs...)
			if (c.want == "") == ok || got.Name != c.want {
				t.Fatalf("identifyInterface(%q, %q) = %+v, %v; want %q", c.ipv4, c.macs, got, ok, c.want)
			}
		})
	}
}

func TestNeedsWireRead(t *testing.T) {
	cases := []struct {
		name             string
		engine, declared string
		want             bool
	}{
		{"fails when the engine's word on the declared MAC is not taken", declaredMAC, declaredMAC, false},
		{"fails when another MAC than the declared one is believed", "02:42:0a:00:00:32", declaredMAC, true},
		{"fails when an endpoint without any MAC (ipvlan) is read", "", "", false},
		{"fails when an undeclared MAC is believed", "02:42:0a:00:00:32", "", true},
		{"fails when an engine that reports no MAC is believed for a declared one", "", declaredMAC, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := needsWireRead(c.engine, c.declared); got != c.want {
				t.Fatalf("needsWireRead(%q, %q) = %v", c.engine, c.declared, got)
			}
		})
	}
}

func TestRandomLocalMACFailsWhenNotALocallyAdministeredUnicastMAC(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		m := randomLocalMAC(declaredMAC)
		if checkMAC(m) != "" || !isLocalUnicast(m) || m == declaredMAC {
			t.Fatalf("randomLocalMAC = %s", m)
		}
		seen[m] = true
	}
	if len(seen) < 190 {
		t.Fatalf("only %d different MACs in 200", len(seen))
	}
}
