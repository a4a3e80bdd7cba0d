package main

import (
	"reflect"
	"testing"
)

func viewEth0(edit func(*InterfaceState)) InterfaceState {
	state := InterfaceState{Interface: "eth0", Index: 2, Operstate: "UP", Type: "ethernet", Gateway: gw("192.168.1.1"),
		Ipv4Addresses: []Ipv4Report{{Address: "192.168.1.10", Prefixlen: 24, Subnet: "192.168.1.0/24", NetworkAddress: "192.168.1.0"}}}
	if edit != nil {
		edit(&state)
	}
	return state
}

func seeded(snapshot ...InterfaceState) *clientView {
	view := newClientView(defaultIgnored)
	view.seed(snapshot)
	return view
}

// tell decides and records, as netmon does when it reports.
func tell(view *clientView, name string, snapshot ...InterfaceState) decision {
	d := view.decide(name, snapshot)
	view.apply(d)
	return d
}

var removedEth0 = ChangeState{InterfaceState: InterfaceState{Interface: "eth0", Index: 2, Operstate: "DOWN", Type: "ethernet", Ipv4Addresses: []Ipv4Report{}}, Status: "removed"}

func TestDiscoveryListsTheReportableInterfacesInIndexOrder(t *testing.T) {
	view := seeded(viewEth0(func(s *InterfaceState) { s.Interface, s.Index = "eth1", 5 }), viewEth0(nil),
		viewEth0(func(s *InterfaceState) { s.Interface, s.Index = "veth1", 3 }))
	names := []string{}
	for _, state := range view.discovery() {
		names = append(names, state.Interface)
	}
	if !reflect.DeepEqual(names, []string{"eth0", "eth1"}) {
		t.Fatalf("discovery %v", names)
	}
}

func TestAChangedInterfaceIsAnOrdinaryChange(t *testing.T) {
	view := seeded(viewEth0(nil))
	if d := view.decide("eth0", []InterfaceState{viewEth0(nil)}); d.kind != decideNone {
		t.Fatalf("unchanged: %+v", d)
	}
	changed := viewEth0(func(s *InterfaceState) { s.Gateway = gw("192.168.1.254") })
	if d := tell(view, "eth0", changed); d.kind != decideUp || !reflect.DeepEqual(d.change, ChangeState{InterfaceState: changed}) {
		t.Fatalf("changed: %+v", d)
	}
	if *view.discovery()[0].Gateway != "192.168.1.254" {
		t.Fatal("the view keeps the old gateway")
	}
}

func TestFailsWhenALinkGoingDownIsNotReportedDownWithNoAddressesOnce(t *testing.T) {
	view := seeded(viewEth0(nil))
	down := viewEth0(func(s *InterfaceState) { s.Operstate = "DOWN" })
	want := ChangeState{InterfaceState: InterfaceState{Interface: "eth0", Index: 2, Operstate: "DOWN", Type: "ethernet", Ipv4Addresses: []Ipv4Report{}}, Status: "down"}
	if d := tell(view, "eth0", down); d.kind != decideDown || !reflect.DeepEqual(d.change, want) {
		t.Fatalf("down: %+v", d)
	}
	if len(view.discovery()) != 0 || view.decide("eth0", []InterfaceState{down}).kind != decideNone {
		t.Fatal("down is reported again, or stays in the discovery")
	}
	carrierLost := viewEth0(func(s *InterfaceState) { s.Operstate = "LOWERLAYERDOWN" })
	if d := seeded(viewEth0(nil)).decide("eth0", []InterfaceState{carrierLost}); d.kind != decideDown {
		t.Fatalf("carrier lost: %+v", d)
	}
}

func TestFailsWhenALinkThatNoLongerExistsIsNotRemovedAlsoAfterDown(t *testing.T) {
	if d := tell(seeded(viewEth0(nil)), "eth0"); d.kind != decideRemoved || !reflect.DeepEqual(d.change, removedEth0) {
		t.Fatalf("removed: %+v", d)
	}
	view := seeded(viewEth0(nil))
	tell(view, "eth0", viewEth0(func(s *InterfaceState) { s.Operstate = "DOWN" }))
	if d := tell(view, "eth0"); d.kind != decideRemoved || !reflect.DeepEqual(d.change, removedEth0) {
		t.Fatalf("removed after down: %+v", d)
	}
	if len(view.names()) != 0 || view.decide("eth0", nil).kind != decideNone {
		t.Fatal("a removed link is still known")
	}
}

func TestARenamedLinkRemovesTheOldNameAndReportsTheNewOne(t *testing.T) {
	view := seeded(viewEth0(nil))
	renamed := viewEth0(func(s *InterfaceState) { s.Interface = "enp3s0" })
	if name, _ := view.nameOfIndex(2); name != "eth0" {
		t.Fatalf("index 2 is %q", name)
	}
	if d := tell(view, "eth0", renamed); d.kind != decideRemoved || d.change.Interface != "eth0" {
		t.Fatalf("old name: %+v", d)
	}
	if d := tell(view, "enp3s0", renamed); d.kind != decideUp || !reflect.DeepEqual(d.change.InterfaceState, renamed) {
		t.Fatalf("new name: %+v", d)
	}
	if name, _ := view.nameOfIndex(2); name != "enp3s0" {
		t.Fatalf("index 2 is %q", name)
	}
}

func TestFailsWhenLosingTheLastAddressIsNotReportedOnceWithoutStatus(t *testing.T) {
	view := seeded(viewEth0(nil))
	bare := viewEth0(func(s *InterfaceState) { s.Ipv4Addresses, s.Gateway = []Ipv4Report{}, nil })
	if d := tell(view, "eth0", bare); d.kind != decideNoAddress || d.change.Status != "" || len(d.change.Ipv4Addresses) != 0 {
		t.Fatalf("no address: %+v", d)
	}
	if view.decide("eth0", []InterfaceState{bare}).kind != decideNone {
		t.Fatal("reported twice")
	}
	if d := tell(view, "eth0", viewEth0(func(s *InterfaceState) { s.Operstate, s.Ipv4Addresses = "DOWN", nil })); d.kind != decideDown {
		t.Fatalf("down after it: %+v", d)
	}
	if d := tell(view, "eth0", viewEth0(nil)); d.kind != decideUp || !reflect.DeepEqual(view.discovery(), []InterfaceState{viewEth0(nil)}) {
		t.Fatalf("back up: %+v", d)
	}
}

func TestAnInterfaceClientsNeverHeardOfNeedsNothingWhenNotReportable(t *testing.T) {
	view := seeded()
	for _, snapshot := range [][]InterfaceState{{viewEth0(func(s *InterfaceState) { s.Operstate = "DOWN" })}, nil} {
		if d := view.decide("eth0", snapshot); d.kind != decideNone {
			t.Errorf("%+v", d)
		}
	}
	if d := view.decide("veth0", []InterfaceState{viewEth0(func(s *InterfaceState) { s.Interface = "veth0" })}); d.kind != decideNone {
		t.Errorf("veth0: %+v", d)
	}
}
