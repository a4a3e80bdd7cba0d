package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The declared MAC on the wire: what Create, Read and Delete do about it, on the fake engine.

const (
	declaredMAC = "02:00:0a:00:00:32"
	ctrID       = "c1"
)

// lanEngine: a running container c1 (rt) and a macvlan network n1 (lan) on parent p0.
func lanEngine(appliesMAC bool) *fakeEngine {
	f := newFakeEngine(appliesMAC)
	f.addContainer(ctrID, "rt", true)
	f.addNetwork("n1", "lan", "macvlan", "p0", "10.0.0.0/24")
	return f
}

func TestCreateFailsWhenTheEngineMACStaysOnTheWire(t *testing.T) {
	f := lanEngine(false)
	r := fakeResource(f)
	st := mustCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	if got := f.wireMAC(ctrID, "n1"); got != declaredMAC {
		t.Fatalf("wire MAC = %s, want the declared %s", got, declaredMAC)
	}
	if st.AssignedMacAddress.ValueString() != declaredMAC {
		t.Fatalf("assigned_mac_address = %s, want the MAC on the wire %s", st.AssignedMacAddress, declaredMAC)
	}
	// One helper run: the fresh interface has the engine's MAC, by which the helper finds it.
	if n := f.countCalls("helper"); n != 1 || f.countCalls("helper set") != 1 {
		t.Fatalf("helper runs = %v, want one that sets the MAC", f.calls)
	}
	if len(f.announced) != 1 || f.announced[0] != "eth1 10.0.0.50" {
		t.Fatalf("gratuitous ARP = %v, want one for 10.0.0.50 from eth1", f.announced)
	}
}

func TestCreateFailsWhenItRunsTheHelperWhereTheEngineAppliedTheMAC(t *testing.T) {
	f := lanEngine(true)
	r := fakeResource(f)
	st := mustCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	if n := f.countCalls("helper"); n != 0 {
		t.Fatalf("helper runs = %v, want none: the engine applied the MAC", f.calls)
	}
	if st.AssignedMacAddress.ValueString() != declaredMAC || f.wireMAC(ctrID, "n1") != declaredMAC {
		t.Fatalf("assigned %s, wire %s; want %s", st.AssignedMacAddress, f.wireMAC(ctrID, "n1"), declaredMAC)
	}
}

func TestCreateFailsWhenAdoptionLeavesTheEngineMAC(t *testing.T) {
	f := lanEngine(false)
	c := f.containers[ctrID]
	n, _ := f.network("lan")
	if err := f.connect(c, n, nil); err != nil { // connected the old way, with the engine's MAC
		t.Fatal(err)
	}
	endpointID := c.eps["lan"].EndpointID
	r := fakeResource(f)
	st := mustCreate(t, r, planned("rt", "lan", "10.0.0.2", declaredMAC))
	if f.countCalls("connect")+f.countCalls("disconnect") != 0 || c.eps["lan"].EndpointID != endpointID {
		t.Fatalf("calls %v: want the endpoint adopted, not reconnected", f.calls)
	}
	if got := f.wireMAC(ctrID, "n1"); got != declaredMAC || st.AssignedMacAddress.ValueString() != declaredMAC {
		t.Fatalf("wire %s, assigned %s; want the declared %s", got, st.AssignedMacAddress, declaredMAC)
	}
}

func TestCreateFailsWhenAdoptionSetsAMACTheWireAlreadyHas(t *testing.T) {
	f := lanEngine(false)
	c := f.containers[ctrID]
	n, _ := f.network("lan")
	if err := f.connect(c, n, nil); err != nil {
		t.Fatal(err)
	}
	f.setWireMAC(ctrID, "n1", declaredMAC) // pinned by an earlier run whose state was lost
	r := fakeResource(f)
	st := mustCreate(t, r, planned("rt", "lan", "10.0.0.2", declaredMAC))
	if f.countCalls("helper set") != 0 {
		t.Fatalf("calls %v: want no change of a MAC that is already on the wire", f.calls)
	}
	if st.AssignedMacAddress.ValueString() != declaredMAC {
		t.Fatalf("assigned %s, want %s", st.AssignedMacAddress, declaredMAC)
	}
}

func TestCreateFailsWhenItDoesNotStepAsideForCreateBeforeDestroy(t *testing.T) {
	for _, applies := range []bool{true, false} {
		t.Run(map[bool]string{true: "engine applies the MAC", false: "engine ignores the MAC"}[applies], func(t *testing.T) {
			f := lanEngine(applies)
			f.addNetwork("n2", "lan-new", "macvlan", "p0", "10.0.1.0/24")
			r := fakeResource(f)
			old := mustCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
			f.resetCalls()
			// create_before_destroy: the new attachment while the old one is still there.
			st, d := doCreate(t, r, planned("rt", "lan-new", "10.0.1.50", declaredMAC))
			if d.HasError() {
				t.Fatalf("create with the old endpoint still there: %s", diagText(d))
			}
			if got := f.wireMAC(ctrID, "n2"); got != declaredMAC || st.AssignedMacAddress.ValueString() != declaredMAC {
				t.Fatalf("new interface has %s (assigned %s), want %s", got, st.AssignedMacAddress, declaredMAC)
			}
			oldMAC := f.wireMAC(ctrID, "n1")
			if oldMAC == declaredMAC || checkMAC(oldMAC) != "" || !isLocalUnicast(oldMAC) {
				t.Fatalf("old interface has %s, want a random locally administered unicast MAC", oldMAC)
			}
			if d := doDelete(t, r, old); d.HasError() {
				t.Fatalf("deleting the old attachment: %s", diagText(d))
			}
		})
	}
}

func TestCreateDoesNotStepAsideForAnotherParent(t *testing.T) {
	f := lanEngine(true)
	f.addNetwork("n2", "wan", "macvlan", "p1", "10.0.1.0/24")
	r := fakeResource(f)
	mustCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	f.resetCalls()
	mustCreate(t, r, planned("rt", "wan", "10.0.1.50", declaredMAC))
	if f.countCalls("helper") != 0 || f.wireMAC(ctrID, "n1") != declaredMAC {
		t.Fatalf("calls %v, old interface %s: want nothing moved on another parent", f.calls, f.wireMAC(ctrID, "n1"))
	}
}

func TestCreateFailsWhenAMissingHelperImageIsNotExplained(t *testing.T) {
	f := lanEngine(false)
	f.missingImage = true
	r := fakeResource(f)
	_, d := doCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	msg := diagText(d)
	for _, want := range []string{`container "rt", network "lan"`, `"busybox:1.36" is not on the engine`, "docker pull busybox:1.36", "helper_image", declaredMAC} {
		if !strings.Contains(msg, want) {
			t.Errorf("diagnostic does not say %q:\n%s", want, msg)
		}
	}
}

func TestCreateFailsWhenTheHelperOutputIsNotQuoted(t *testing.T) {
	f := lanEngine(false)
	f.helperFails = "ip: RTNETLINK answers: Operation not permitted"
	r := fakeResource(f)
	_, d := doCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	msg := diagText(d)
	for _, want := range []string{`container "rt", network "lan"`, `helper image "busybox:1.36"`, "exit code 1", "Operation not permitted"} {
		if !strings.Contains(msg, want) {
			t.Errorf("diagnostic does not say %q:\n%s", want, msg)
		}
	}
}

func TestReadFailsWhenItTrustsTheEngineOverTheWire(t *testing.T) {
	f := lanEngine(false)
	r := fakeResource(f)
	st := mustCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	f.setWireMAC(ctrID, "n1", "02:00:00:00:00:99") // by hand, or a restart of the container
	got, removed, d := doRead(t, fakeResource(f), st)
	if removed || d.HasError() {
		t.Fatalf("read: removed %v, %s", removed, diagText(d))
	}
	if got.MacAddress.ValueString() != "02:00:00:00:00:99" || got.AssignedMacAddress.ValueString() != "02:00:00:00:00:99" {
		t.Fatalf("mac_address %s, assigned %s; want the wire's 02:00:00:00:00:99 in both (the plan replaces)", got.MacAddress, got.AssignedMacAddress)
	}
}

func TestReadFailsWhenItRunsTheHelperWhereTheEngineReportsTheDeclaredMAC(t *testing.T) {
	f := lanEngine(true)
	r := fakeResource(f)
	st := mustCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	got, _, d := doRead(t, fakeResource(f), st)
	if d.HasError() || f.countCalls("helper") != 0 {
		t.Fatalf("calls %v, %s: want no helper run", f.calls, diagText(d))
	}
	if got.MacAddress.ValueString() != declaredMAC || got.AssignedMacAddress.ValueString() != declaredMAC {
		t.Fatalf("mac_address %s, assigned %s", got.MacAddress, got.AssignedMacAddress)
	}
}

func TestReadFailsWhenAStoppedContainerLooksLikeDrift(t *testing.T) {
	f := lanEngine(false)
	r := fakeResource(f)
	st := mustCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	f.containers[ctrID].running = false
	f.containers[ctrID].ifaces = nil
	f.resetCalls()
	got, removed, d := doRead(t, fakeResource(f), st)
	if removed || d.HasError() || d.WarningsCount() > 0 || f.countCalls("helper") != 0 {
		t.Fatalf("removed %v, calls %v, %s", removed, f.calls, diagText(d))
	}
	if got.MacAddress != st.MacAddress || got.AssignedMacAddress != st.AssignedMacAddress {
		t.Fatalf("mac_address %s, assigned %s; want the state's %s, %s", got.MacAddress, got.AssignedMacAddress, st.MacAddress, st.AssignedMacAddress)
	}
}

func TestReadFailsWhenEachAttachmentOfAContainerRunsItsOwnHelper(t *testing.T) {
	f := lanEngine(false)
	f.addNetwork("n2", "wan", "macvlan", "p1", "10.0.1.0/24")
	r := fakeResource(f)
	a := mustCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	b := mustCreate(t, r, planned("rt", "wan", "10.0.1.50", "02:00:0a:00:01:32"))
	f.resetCalls()
	reader := fakeResource(f) // one provider process: a plan's refresh
	for _, st := range []attachmentModel{a, b, a} {
		if got, _, d := doRead(t, reader, st); d.HasError() || got.MacAddress != st.MacAddress {
			t.Fatalf("read %s: %s, mac_address %s", st.Network, diagText(d), got.MacAddress)
		}
	}
	if n := f.countCalls("helper"); n != 1 {
		t.Fatalf("helper runs = %d (%v), want one for the container", n, f.calls)
	}
}

func TestReadFailsWhenCreateOrDeleteLeaveAStaleListing(t *testing.T) {
	f := lanEngine(false)
	f.addNetwork("n2", "wan", "macvlan", "p1", "10.0.1.0/24")
	r := fakeResource(f)
	a := mustCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	if _, _, d := doRead(t, r, a); d.HasError() {
		t.Fatal(diagText(d))
	}
	f.setWireMAC(ctrID, "n1", "02:00:00:00:00:99")
	b := mustCreate(t, r, planned("rt", "wan", "10.0.1.50", "02:00:0a:00:01:32"))
	if got, _, _ := doRead(t, r, a); got.MacAddress.ValueString() != "02:00:00:00:00:99" {
		t.Fatalf("after a Create on the container, mac_address = %s, want the wire's (a new listing)", got.MacAddress)
	}
	f.setWireMAC(ctrID, "n1", "02:00:00:00:00:98")
	if d := doDelete(t, r, b); d.HasError() {
		t.Fatal(diagText(d))
	}
	if got, _, _ := doRead(t, r, a); got.MacAddress.ValueString() != "02:00:00:00:00:98" {
		t.Fatalf("after a Delete on the container, mac_address = %s, want the wire's (a new listing)", got.MacAddress)
	}
}

func TestReadFailsWhenAHelperFailureBlocksTheRefresh(t *testing.T) {
	f := lanEngine(false)
	r := fakeResource(f)
	st := mustCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	f.missingImage = true
	got, removed, d := doRead(t, fakeResource(f), st)
	if removed || d.HasError() || d.WarningsCount() != 1 {
		t.Fatalf("removed %v, %s: want one warning and the attachment kept", removed, diagText(d))
	}
	if !strings.Contains(diagText(d), "helper_image") || got.MacAddress != st.MacAddress || got.AssignedMacAddress != st.AssignedMacAddress {
		t.Fatalf("%s; mac_address %s, assigned %s", diagText(d), got.MacAddress, got.AssignedMacAddress)
	}
}

func TestReadFailsWhenAnUndeclaredMACIsNotTheWires(t *testing.T) {
	f := lanEngine(false)
	r := fakeResource(f)
	st := mustCreate(t, r, planned("rt", "lan", "10.0.0.50", ""))
	if st.AssignedMacAddress.ValueString() != "02:42:0a:00:00:32" || f.countCalls("helper") != 0 {
		t.Fatalf("assigned %s, calls %v: want the engine's MAC and no helper without a declared one", st.AssignedMacAddress, f.calls)
	}
	f.setWireMAC(ctrID, "n1", "02:00:00:00:00:99")
	got, _, d := doRead(t, fakeResource(f), st)
	if d.HasError() || !got.MacAddress.IsNull() || got.AssignedMacAddress.ValueString() != "02:00:00:00:00:99" {
		t.Fatalf("%s: mac_address %s (want null), assigned %s (want the wire's)", diagText(d), got.MacAddress, got.AssignedMacAddress)
	}
}

func TestDeleteFailsWhenItLeavesTheEndpoint(t *testing.T) {
	f := lanEngine(false)
	r := fakeResource(f)
	st := mustCreate(t, r, planned("rt", "lan", "10.0.0.50", declaredMAC))
	if d := doDelete(t, r, st); d.HasError() {
		t.Fatal(diagText(d))
	}
	if _, ok := f.containers[ctrID].eps["lan"]; ok {
		t.Fatal("the endpoint is still there")
	}
	if d := doDelete(t, r, st); d.HasError() {
		t.Fatalf("deleting an attachment that is already gone: %s", diagText(d))
	}
}

func TestMacAddressInStateFailsWhenTheWireMACIsHidden(t *testing.T) {
	declared := types.StringValue(declaredMAC)
	if got := macAddressInState(declared, declaredMAC); got != declared {
		t.Errorf("declared MAC on the wire: %s", got)
	}
	if got := macAddressInState(declared, "02:00:00:00:00:99"); got.ValueString() != "02:00:00:00:00:99" {
		t.Errorf("another MAC on the wire: %s, want it in state", got)
	}
	if got := macAddressInState(types.StringNull(), "02:00:00:00:00:99"); !got.IsNull() {
		t.Errorf("no MAC declared: %s, want null (nothing to replace)", got)
	}
}

func isLocalUnicast(mac string) bool {
	var b0 byte
	for i, c := range mac[:2] {
		v := byte(strings.IndexRune("0123456789abcdef", c))
		b0 |= v << (4 * (1 - i))
	}
	return b0&0x02 != 0 && b0&0x01 == 0
}
