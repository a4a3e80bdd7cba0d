package main

import (
	"context"
	"sync"
	"time"
)

// netmon is the network monitor: netlink notifications (through `ip monitor`) say when to look,
// `ip -j` says what is there. A change on an interface is reported, with its full state and only
// if it differs from what clients were last told, once it is complete and has been quiet for the
// settle, else once it has been quiet for the debounce (change_reporter.go has the rules); a link
// going down or away is reported at once, since nothing useful can come of waiting and the
// clients' runtimes have already lost that LAN.
//
// One lock (mu) guards the view, the reporter and the clients; snapshots run without it.
type netmon struct {
	mu       sync.Mutex
	options  netmonOptions
	clock    clock
	view     *clientView
	reporter *changeReporter
	monitor  *linkMonitor
	server   *jsonLinesServer
	// Link index -> current name, as the latest link line (or snapshot) says. `ip monitor` keeps
	// printing the old name on address and route lines after a rename; this maps them back.
	linkNames   map[int]string
	lastEventAt time.Time
	lostEvents  int
	lastLostAt  time.Time
	log         func(level, message string, fields map[string]any)
}

type netmonOptions struct {
	socketPath      string
	debounce        time.Duration
	settle          time.Duration // above the debounce it is taken as the debounce
	ignoredPrefixes []string
	gid             int // -1: the daemon's own group
	maxBacklog      int
	ip              string
	sysClassNet     string
}

// degradedWindow is how long a restart of the monitor or lost events keep the netlink status degraded.
const degradedWindow = 60 * time.Second

func newNetmon(o netmonOptions, c clock, log func(level, message string, fields map[string]any)) *netmon {
	// The settle is never above the debounce: the debounce is the longest any change waits.
	o.settle = min(o.settle, o.debounce)
	n := &netmon{options: o, clock: c, view: newClientView(o.ignoredPrefixes), linkNames: map[int]string{}, log: log}
	n.reporter = newChangeReporter(reporterOptions{
		view: n.view, clock: c, locker: &n.mu, debounce: o.debounce, settle: o.settle,
		snapshot: n.snapshot,
		send:     n.send,
		onError: func(err error) {
			n.log("error", "reading interfaces failed", map[string]any{"error": err.Error()})
		},
	})
	n.monitor = &linkMonitor{
		ip:      o.ip,
		onEvent: n.onMonitorEvent,
		log:     func(message string, fields map[string]any) { n.log("warn", message, fields) },
	}
	return n
}

// start watches, then serves: monitor first, snapshot second, so a change between the two is
// seen, not lost.
func (n *netmon) start() error {
	if err := n.monitor.start(); err != nil {
		return err
	}
	snapshot, err := n.snapshot()
	if err != nil {
		n.monitor.stop()
		return err
	}
	n.mu.Lock()
	n.view.seed(snapshot)
	n.learnLinkNames(snapshot)
	n.mu.Unlock()
	n.server, err = listenJSONLines(serverOptions{
		socketPath: n.options.socketPath,
		gid:        n.options.gid,
		maxBacklog: n.options.maxBacklog,
		locker:     &n.mu,
		onConnect:  func(client *jsonLinesClient) { client.send(n.discovery()) },
		onLines: func(lines [][]byte) []*commandReply {
			n.mu.Lock()
			defer n.mu.Unlock()
			replies := []*commandReply{}
			for _, line := range lines {
				if reply := answerCommandLine(line, n.status); reply != nil {
					replies = append(replies, reply)
				}
			}
			return replies
		},
		log: func(message string, fields map[string]any) { n.log("info", message, fields) },
	})
	if err != nil {
		n.monitor.stop()
		return err
	}
	n.mu.Lock()
	names := []string{}
	for _, state := range n.view.discovery() {
		names = append(names, state.Interface)
	}
	n.mu.Unlock()
	n.log("info", "serving", map[string]any{
		"socket": n.options.socketPath, "debounce_ms": n.options.debounce.Milliseconds(),
		"settle_ms": n.options.settle.Milliseconds(), "interfaces": names,
	})
	return nil
}

func stamp(at time.Time) *string {
	if at.IsZero() {
		return nil
	}
	s := protocolTimestamp(at)
	return &s
}

// status is what get_status answers; called with mu held.
func (n *netmon) status() netmonStatus {
	now := n.clock.Now()
	monitor := n.monitor.status()
	recent := func(at time.Time) bool { return !at.IsZero() && now.Sub(at) < degradedWindow }
	interfaces := []string{}
	for _, state := range n.view.discovery() {
		interfaces = append(interfaces, state.Interface)
	}
	clients := 0
	if n.server != nil {
		clients = n.server.clientCount()
	}
	return netmonStatus{
		Clients:        clients,
		Interfaces:     interfaces,
		PendingChanges: n.reporter.pendingKeys(),
		DebounceMs:     n.options.debounce.Milliseconds(),
		SettleMs:       n.options.settle.Milliseconds(),
		Netlink: netlinkStatus{
			State:         monitor.State,
			Degraded:      monitor.State != "running" || recent(monitor.LastRestartAt) || recent(n.lastLostAt),
			Restarts:      monitor.Restarts,
			LostEvents:    n.lostEvents,
			LastEventAt:   stamp(n.lastEventAt),
			LastRestartAt: stamp(monitor.LastRestartAt),
		},
	}
}

// discovery is the network_discovery event; called with mu held.
func (n *netmon) discovery() event {
	timestamp := protocolTimestamp(n.clock.Now())
	interfaces := []interfaceReport{}
	for _, state := range n.view.discovery() {
		interfaces = append(interfaces, interfaceReport{ChangeState: ChangeState{InterfaceState: state}, Timestamp: timestamp})
	}
	return event{Type: "network_discovery", Data: discoveryData{Interfaces: interfaces, Timestamp: timestamp}}
}

func (n *netmon) snapshot() ([]InterfaceState, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return readInterfaces(ctx, n.options.ip, n.options.sysClassNet)
}

func (n *netmon) learnLinkNames(snapshot []InterfaceState) {
	n.linkNames = map[int]string{}
	for _, state := range snapshot {
		n.linkNames[state.Index] = state.Interface
	}
}

func (n *netmon) onMonitorEvent(e monitorEvent) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if e.Kind == kindLost {
		n.lostEvents++
		n.lastLostAt = n.clock.Now()
	} else {
		n.lastEventAt = n.clock.Now()
	}
	switch e.Kind {
	case kindLink:
		n.onLinkEvent(e.Index, e.Name, e.Up, e.Deleted)
	case kindAddress:
		// The index is reliable; the name on an address line may be the one before a rename.
		if name, ok := n.linkNames[e.Index]; ok {
			n.reporter.touch(name)
		} else {
			n.reporter.touch(e.Name)
		}
	case kindRoute:
		if n.isKnownName(e.Name) {
			n.reporter.touch(e.Name)
		} else {
			// A name no link has now: a stale one from before a rename. Look at everything.
			n.lookEverywhere(false)
		}
	default:
		n.lookEverywhere(e.Kind == kindLost)
	}
}

func (n *netmon) onLinkEvent(index int, name string, up, deleted bool) {
	previous, known := n.linkNames[index]
	if !known {
		previous, known = n.view.nameOfIndex(index)
	}
	// Renamed (udev names hot-plugged NICs after they appear): the old name is gone for clients.
	if known && previous != name {
		n.reporter.checkNow(previous)
	}
	if deleted {
		delete(n.linkNames, index)
		n.reporter.checkNow(name)
		return
	}
	n.linkNames[index] = name
	if up {
		n.reporter.touch(name)
	} else {
		n.reporter.checkNow(name)
	}
}

func (n *netmon) isKnownName(name string) bool {
	for _, each := range n.linkNames {
		if each == name {
			return true
		}
	}
	return contains(n.view.names(), name)
}

// lookEverywhere: an event not tied to one interface: every interface known or present now
// gets a (debounced) look.
func (n *netmon) lookEverywhere(lost bool) {
	if lost {
		n.log("warn", "netlink events may have been lost; resynchronising", nil)
	}
	n.reporter.afterSnapshot(nil, func(snapshot []InterfaceState) {
		// After lost events the link lines of a rename may be among them: the snapshot is the truth.
		if lost {
			n.learnLinkNames(snapshot)
		}
		// The names clients know first, then those only the kernel has: a link renamed while
		// no monitor ran is reported removed under its old name before it appears under the new.
		names := n.view.names()
		for _, state := range snapshot {
			if !contains(names, state.Interface) {
				names = append(names, state.Interface)
			}
		}
		for _, name := range names {
			n.reporter.touch(name)
		}
	})
}

// send tells clients about a change the reporter decided on; called with mu held.
func (n *netmon) send(change ChangeState) {
	report := interfaceReport{ChangeState: change, Timestamp: protocolTimestamp(n.clock.Now())}
	subnets := []string{}
	for _, address := range change.Ipv4Addresses {
		subnets = append(subnets, address.Subnet)
	}
	fields := map[string]any{"interface": change.Interface, "operstate": change.Operstate, "subnets": subnets, "gateway": change.Gateway}
	if change.Status != "" {
		fields["status"] = change.Status
	}
	n.log("info", "network_change", fields)
	if n.server != nil {
		n.server.broadcast(event{Type: "network_change", Data: report})
	}
}

// stop stops watching, drops clients and removes the socket.
func (n *netmon) stop() {
	n.mu.Lock()
	n.reporter.cancelAll()
	n.mu.Unlock()
	n.monitor.stop()
	if n.server != nil {
		n.server.close()
	}
}
