package provider

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"golang.org/x/sync/singleflight"
)

// The MAC on the wire is the one on the endpoint's interface in the container's network
// namespace; what the engine reports is the one it set when it made the interface, which is
// not the same thing:
//
//   - engines before API 1.54 (Engine 20.10 = 1.41) ignore a MAC given on connect and give
//     the interface their own (02:42:<IPv4 address>); the provider then sets the declared one
//     on the interface itself, with a helper (helper_run.go), and these engines go on
//     reporting theirs. On a restart of the container they put theirs back.
//   - every engine keeps reporting the MAC it set after the interface's MAC was changed by
//     other means (seen on Engine 20.10 and on Engine 29).
//
// So the provider reads the wire through the helper whenever the engine does not report the
// declared MAC, and believes the engine when it does (engines of API >= 1.54 apply a MAC
// given on connect, and re-apply it on every start).

// wireIface is one interface in a container's network namespace, as the helper listed it.
type wireIface struct {
	Name string
	MAC  string
	IPv4 []string
}

func (i wireIface) hasIPv4(a string) bool {
	for _, x := range i.IPv4 {
		if x == a {
			return true
		}
	}
	return false
}

// wireSnapshot is every interface of one container's network namespace but the loopback.
type wireSnapshot []wireIface

func (s wireSnapshot) String() string {
	parts := make([]string, 0, len(s))
	for _, i := range s {
		p := i.Name + " " + i.MAC
		if len(i.IPv4) > 0 {
			p += " (" + strings.Join(i.IPv4, ", ") + ")"
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return "no interfaces"
	}
	return strings.Join(parts, "; ")
}

// helperReport is what one helper run said (see helperScript for the lines).
type helperReport struct {
	ifaces         wireSnapshot
	set            *wireIface // the interface changed, with the MAC it has after
	absent         bool       // no interface had the MAC to move away from
	announceFailed string     // the interface whose gratuitous ARP failed, and arping's exit code
}

// parseHelperOutput reads the helper's lines; other lines (messages) are skipped.
func parseHelperOutput(out string) helperReport {
	var r helperReport
	index := map[string]int{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		name := ""
		if len(f) >= 3 {
			name = strings.TrimSuffix(f[1], ":")
			if at := strings.IndexByte(name, '@'); at > 0 {
				name = name[:at]
			}
		}
		switch {
		case f[0] == "link" && len(f) == 3:
			if name == "lo" {
				continue
			}
			index[name] = len(r.ifaces)
			r.ifaces = append(r.ifaces, wireIface{Name: name, MAC: strings.ToLower(f[2])})
		case f[0] == "addr" && len(f) == 3:
			if i, ok := index[name]; ok {
				r.ifaces[i].IPv4 = append(r.ifaces[i].IPv4, f[2])
			}
		case f[0] == "set" && len(f) == 3:
			r.set = &wireIface{Name: name, MAC: strings.ToLower(f[2])}
		case f[0] == "absent":
			r.absent = true
		case f[0] == "announce-failed":
			r.announceFailed = strings.Join(f[1:], " exit code ")
		}
	}
	return r
}

// identifyInterface finds the endpoint's interface in the snapshot: by each MAC in macs in
// turn (the engine's, then the declared one), then by its IPv4 address. A MAC that several
// interfaces have counts only if the address picks one of them.
func identifyInterface(s wireSnapshot, ipv4 string, macs ...string) (wireIface, bool) {
	for _, mac := range macs {
		if mac == "" {
			continue
		}
		var found []wireIface
		for _, i := range s {
			if i.MAC == mac {
				found = append(found, i)
			}
		}
		if len(found) > 1 && ipv4 != "" {
			var narrowed []wireIface
			for _, i := range found {
				if i.hasIPv4(ipv4) {
					narrowed = append(narrowed, i)
				}
			}
			found = narrowed
		}
		if len(found) == 1 {
			return found[0], true
		}
	}
	if ipv4 != "" {
		var found []wireIface
		for _, i := range s {
			if i.hasIPv4(ipv4) {
				found = append(found, i)
			}
		}
		if len(found) == 1 {
			return found[0], true
		}
	}
	return wireIface{}, false
}

// needsWireRead says whether the engine's word on the endpoint's MAC is not enough: it is
// when the engine reports the declared MAC (engines that apply one on connect also keep it
// across restarts), and when neither is there (an endpoint without a MAC of its own, such as
// ipvlan's, which has its parent's).
func needsWireRead(engine, declared string) bool {
	if declared != "" {
		return engine != declared
	}
	return engine != ""
}

// macAddressInState is what Read keeps as mac_address: the declared MAC while it is the one on
// the wire, else the wire's, so that the plan shows the replacement that puts it back.
func macAddressInState(declared types.String, wire string) types.String {
	if declared.IsNull() || declared.IsUnknown() || declared.ValueString() == wire {
		return declared
	}
	return types.StringValue(wire)
}

// randomLocalMAC is a random locally administered unicast MAC other than avoid.
func randomLocalMAC(avoid string) string {
	for {
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		b[0] = (b[0] | 0x02) &^ 0x01
		if mac := net.HardwareAddr(b).String(); mac != avoid {
			return mac
		}
	}
}

// wireMACs reads and sets MACs on the wire through the helper. Listings are cached per
// container for the provider process (a plan refreshes every attachment of a container, and
// one helper run serves them all); Create and Delete drop a container's entry when they
// change its interfaces.
type wireMACs struct {
	engine engineAPI
	image  string

	mu      sync.Mutex
	cached  map[string]wireListing
	gen     map[string]uint64 // bumped by forget: a listing started before is not kept
	flights singleflight.Group
}

type wireListing struct {
	snap wireSnapshot
	err  error
}

func newWireMACs(engine engineAPI, image string) *wireMACs {
	return &wireMACs{engine: engine, image: image, cached: map[string]wireListing{}, gen: map[string]uint64{}}
}

// snapshot lists the container's interfaces, once per container until forget. The container
// must be running.
func (w *wireMACs) snapshot(ctx context.Context, containerID string) (wireSnapshot, error) {
	w.mu.Lock()
	if l, ok := w.cached[containerID]; ok {
		w.mu.Unlock()
		return l.snap, l.err
	}
	gen := w.gen[containerID]
	w.mu.Unlock()
	v, _, _ := w.flights.Do(containerID, func() (any, error) {
		res, err := runHelper(ctx, w.engine, helperRun{ContainerID: containerID, Image: w.image}, "list the container's interfaces")
		l := wireListing{err: err}
		if err == nil {
			l.snap = parseHelperOutput(res.Output).ifaces
		}
		w.mu.Lock()
		if w.gen[containerID] == gen {
			w.cached[containerID] = l
		}
		w.mu.Unlock()
		return l, nil
	})
	l := v.(wireListing)
	return l.snap, l.err
}

// forget drops what is known about the container's interfaces.
func (w *wireMACs) forget(containerID string) {
	w.mu.Lock()
	delete(w.cached, containerID)
	w.gen[containerID]++
	w.mu.Unlock()
	w.flights.Forget(containerID)
}

// errUnidentified: the helper listed the container's interfaces, and none is the endpoint's.
var errUnidentified = errors.New("no interface of the container has the endpoint's MAC or address")

// macOn is the MAC on the endpoint's interface (see needsWireRead for when the engine's word
// is taken). The container must be running.
func (w *wireMACs) macOn(ctx context.Context, ctr container.InspectResponse, ep *network.EndpointSettings, declared string) (string, error) {
	engine := engineMAC(ep)
	if !needsWireRead(engine, declared) {
		return engine, nil
	}
	snap, err := w.snapshot(ctx, ctr.ID)
	if err != nil {
		return "", err
	}
	iface, ok := identifyInterface(snap, liveAddress(ep), engine, declared)
	if !ok {
		return "", fmt.Errorf("%w (engine's MAC %q, declared %q, address %q; interfaces: %s)",
			errUnidentified, engine, declared, liveAddress(ep), snap)
	}
	return iface.MAC, nil
}

// macChange is one change of an interface's MAC through the helper.
type macChange struct {
	from     string // the MAC the interface has now, by which the helper finds it
	to       string
	address  string // the endpoint's IPv4 address: picks one of several interfaces with from
	announce bool   // send a gratuitous ARP for address from the interface after
	absentOK bool   // no interface with from is success (there is nothing to move away)
}

// setMAC runs the helper for the change and checks that the interface has the new MAC after.
// The container's cached listing is dropped either way.
func (w *wireMACs) setMAC(ctx context.Context, containerID string, c macChange, purpose string) (helperReport, error) {
	defer w.forget(containerID)
	env := []string{"EDGENET_FROM=" + c.from, "EDGENET_TO=" + c.to, "EDGENET_ADDR=" + c.address}
	if c.announce {
		env = append(env, "EDGENET_ANNOUNCE=1")
	}
	if c.absentOK {
		env = append(env, "EDGENET_ABSENT_OK=1")
	}
	res, err := runHelper(ctx, w.engine, helperRun{ContainerID: containerID, Image: w.image, Env: env}, purpose)
	if err != nil {
		return helperReport{}, err
	}
	rep := parseHelperOutput(res.Output)
	if rep.absent && c.absentOK {
		return rep, nil
	}
	if rep.set == nil || rep.set.MAC != c.to {
		return rep, &helperError{image: w.image, output: res.Output,
			problem: fmt.Sprintf("the helper did not report MAC %s on the interface after setting it (it should have: %s)", c.to, purpose)}
	}
	return rep, nil
}

// pinMAC puts the declared MAC on the endpoint's interface when the engine did not (see the
// top of this file), and returns the MAC on the interface. fresh says the endpoint was just
// connected, so its interface still has the MAC the engine reports; an adopted one may have
// another (set by an earlier run, or by hand), which the helper reads first. Without a
// declared MAC, or on a container that is not running (no interface yet), it only returns
// what the engine reports.
func (w *wireMACs) pinMAC(ctx context.Context, ctr container.InspectResponse, ep *network.EndpointSettings, declared string, fresh bool) (string, []string, error) {
	engine := engineMAC(ep)
	if declared == "" || engine == declared || !running(ctr) {
		return engine, nil, nil
	}
	from := engine
	if !fresh {
		w.forget(ctr.ID)
		snap, err := w.snapshot(ctx, ctr.ID)
		if err != nil {
			return "", nil, err
		}
		iface, ok := identifyInterface(snap, liveAddress(ep), engine, declared)
		if !ok {
			return "", nil, fmt.Errorf("%w (engine's MAC %q, declared %q, address %q; interfaces: %s)",
				errUnidentified, engine, declared, liveAddress(ep), snap)
		}
		if iface.MAC == declared {
			return declared, nil, nil
		}
		from = iface.MAC
	}
	rep, err := w.setMAC(ctx, ctr.ID, macChange{from: from, to: declared, address: liveAddress(ep), announce: true},
		fmt.Sprintf("set MAC %s on the interface with MAC %s", declared, from))
	if err != nil {
		return "", nil, err
	}
	var warnings []string
	if rep.announceFailed != "" {
		warnings = append(warnings, fmt.Sprintf("MAC %s is on interface %s, but announcing %s from it with a gratuitous ARP failed (interface %s); "+
			"neighbours that knew the old MAC %s learn the new one when their ARP entries expire",
			declared, rep.set.Name, liveAddress(ep), rep.announceFailed, from))
	}
	return rep.set.MAC, warnings, nil
}
