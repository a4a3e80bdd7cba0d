package main

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// When netmon reports, under a clock driven by hand: the kernel is a variable the test sets, a
// netlink event is a touch (or checkNow for a link going down), and what clients are told is
// recorded with the clock's time. Each "fails when" test breaks when its rule is removed.

const (
	debounce = 3000 * time.Millisecond
	settle   = 250 * time.Millisecond
)

// defaultIgnored is test data: the prefixes the CLI passes by default (lib/core/facts/interface-filter.ts).
var defaultIgnored = []string{"lo", "docker", "veth", "br-", "virbr", "cni", "flannel", "cali", "vxlan", "tun", "tap", "macvlan", "dm-"}

func address(cidr string) Ipv4Report {
	ip, length, _ := strings.Cut(cidr, "/")
	octets := strings.Split(ip, ".")
	network := strings.Join(octets[:3], ".") + ".0"
	prefix := 0
	for _, c := range length {
		prefix = prefix*10 + int(c-'0')
	}
	return Ipv4Report{Address: ip, Prefixlen: prefix, Subnet: network + "/" + length, NetworkAddress: network}
}

func gw(gateway string) *string { return &gateway }

func eth0(cidrs []string, gateway *string, operstate string) InterfaceState {
	addresses := []Ipv4Report{}
	for _, cidr := range cidrs {
		addresses = append(addresses, address(cidr))
	}
	return InterfaceState{Interface: "eth0", Index: 2, Operstate: operstate, Type: "ethernet", Ipv4Addresses: addresses, Gateway: gateway}
}

var (
	stateA = eth0([]string{"192.168.1.10/24"}, gw("192.168.1.1"), "UP")
	stateB = eth0([]string{"10.0.0.50/24"}, gw("10.0.0.1"), "UP")
)

type sentChange struct {
	at     time.Duration
	change ChangeState
}

type harness struct {
	t       *testing.T
	mu      sync.Mutex
	clock   *fakeClock
	started time.Time
	kernel  []InterfaceState
	sent    []sentChange
	r       *changeReporter
	settle  func()
	// snapshot, when set, stands in for reading the kernel variable.
	snapshot func() []InterfaceState
}

func newHarness(t *testing.T, settleAfter time.Duration) *harness {
	h := &harness{t: t, clock: newFakeClock(), kernel: []InterfaceState{stateA}}
	h.started = h.clock.Now()
	view := newClientView(defaultIgnored)
	view.seed(h.kernel)
	h.r = newChangeReporter(reporterOptions{
		view: view, clock: h.clock, locker: &h.mu, debounce: debounce, settle: settleAfter,
		snapshot: func() ([]InterfaceState, error) {
			if h.snapshot != nil {
				return h.snapshot(), nil
			}
			h.mu.Lock()
			defer h.mu.Unlock()
			return append([]InterfaceState{}, h.kernel...), nil
		},
		send:    func(change ChangeState) { h.sent = append(h.sent, sentChange{h.clock.Now().Sub(h.started), change}) },
		onError: func(err error) { t.Errorf("snapshot failed: %v", err) },
	})
	h.settle = h.r.idle
	return h
}

// event: the kernel changes eth0 to state (one netlink event), then ms pass.
func (h *harness) event(state InterfaceState, ms int) {
	h.mu.Lock()
	h.kernel = []InterfaceState{state}
	if state.Operstate == "UP" {
		h.r.touch("eth0")
	} else {
		h.r.checkNow("eth0")
	}
	h.mu.Unlock()
	h.wait(ms)
}

func (h *harness) wait(ms int) { h.clock.advance(time.Duration(ms)*time.Millisecond, h.settle) }

func (h *harness) sentAt() []time.Duration {
	times := []time.Duration{}
	for _, s := range h.sent {
		times = append(times, s.at)
	}
	return times
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func expectSent(t *testing.T, h *harness, want []sentChange) {
	t.Helper()
	if len(h.sent) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(h.sent, want) {
		t.Fatalf("sent %+v, want %+v", h.sent, want)
	}
}

func TestDHCPStyleMoveIsReportedOnceAtTheSettleAfterItsLastEvent(t *testing.T) {
	h := newHarness(t, settle)
	h.event(eth0(nil, nil, "UP"), 5)
	h.event(eth0([]string{"10.0.0.50/24"}, nil, "UP"), 5)
	h.event(stateB, 0)
	h.wait(6000)
	expectSent(t, h, []sentChange{{ms(10) + settle, ChangeState{InterfaceState: stateB}}})
	if keys := h.r.pendingKeys(); len(keys) != 0 {
		t.Fatalf("pending %v after the report", keys)
	}
}

func TestARouteOnlyChangeAndAStaticReaddressAreEachReportedAtTheSettle(t *testing.T) {
	h := newHarness(t, settle)
	// A debounce after the first report: the second is not held back.
	h.event(eth0([]string{"192.168.1.10/24"}, gw("192.168.1.254"), "UP"), 250+3000)
	h.event(eth0([]string{"192.168.1.10/24", "192.168.1.20/24"}, gw("192.168.1.254"), "UP"), 5)
	h.event(eth0([]string{"192.168.1.20/24"}, gw("192.168.1.254"), "UP"), 0)
	h.wait(6000)
	want := []time.Duration{settle, settle + debounce + ms(5) + settle}
	if got := h.sentAt(); !reflect.DeepEqual(got, want) {
		t.Fatalf("reported at %v, want %v", got, want)
	}
	if got := h.sent[1].change.Ipv4Addresses; len(got) != 1 || got[0].Address != "192.168.1.20" {
		t.Fatalf("second report has %v", got)
	}
}

func TestEventsKeepTheSettleWaiting(t *testing.T) {
	h := newHarness(t, settle)
	for i := 1; i <= 20; i++ {
		h.event(eth0([]string{"10.0.0." + itoa(i) + "/24"}, gw("10.0.0.254"), "UP"), 200)
	}
	h.wait(6000)
	if got := h.sentAt(); !reflect.DeepEqual(got, []time.Duration{ms(20*200 + 50)}) || h.sent[0].change.Ipv4Addresses[0].Address != "10.0.0.20" {
		t.Fatalf("sent %+v", h.sent)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestFailsWhenAMoveIsReportedBeforeItsDefaultRouteIsBack(t *testing.T) {
	h := newHarness(t, settle)
	h.event(eth0(nil, nil, "UP"), 5)
	h.event(eth0([]string{"10.0.0.50/24"}, nil, "UP"), 1000)
	expectSent(t, h, nil)
	h.event(stateB, 0)
	h.wait(250)
	expectSent(t, h, []sentChange{{ms(1005) + settle, ChangeState{InterfaceState: stateB}}})
}

func TestFailsWhenAStateWithoutItsDefaultRouteIsNotReportedAtTheDebounce(t *testing.T) {
	h := newHarness(t, settle)
	noRoute := eth0([]string{"10.0.0.50/24"}, nil, "UP")
	h.event(noRoute, 0)
	h.wait(2999)
	expectSent(t, h, nil)
	h.wait(1)
	expectSent(t, h, []sentChange{{debounce, ChangeState{InterfaceState: noRoute}}})
}

func TestFailsWhenLosingTheLastAddressIsReportedAtTheSettle(t *testing.T) {
	h := newHarness(t, settle)
	h.event(eth0(nil, nil, "UP"), 0)
	h.wait(2999)
	expectSent(t, h, nil)
	h.wait(1)
	if got := h.sentAt(); !reflect.DeepEqual(got, []time.Duration{debounce}) || len(h.sent[0].change.Ipv4Addresses) != 0 {
		t.Fatalf("sent %+v", h.sent)
	}
}

func TestIsComplete(t *testing.T) {
	cases := []struct {
		state  InterfaceState
		before *InterfaceState
		want   bool
	}{
		{stateB, &stateA, true},
		{eth0([]string{"10.0.0.50/24"}, nil, "UP"), &stateA, false},
		{eth0(nil, gw("10.0.0.1"), "UP"), &stateA, false},
		{eth0([]string{"10.0.0.50/24"}, nil, "UP"), ptr(eth0([]string{"10.0.0.9/24"}, nil, "UP")), true},
		{eth0([]string{"10.0.0.50/24"}, nil, "UP"), nil, true},
	}
	for i, c := range cases {
		if got := isComplete(c.state, c.before); got != c.want {
			t.Errorf("case %d: isComplete = %v, want %v", i, got, c.want)
		}
	}
}

func ptr[T any](value T) *T { return &value }

func TestFailsWhenABAInsideTheSettleIsReported(t *testing.T) {
	h := newHarness(t, settle)
	h.event(eth0(nil, nil, "UP"), 5)
	h.event(stateB, 100)
	h.event(stateA, 0)
	h.wait(6000)
	expectSent(t, h, nil)
}

func TestFailsWhenALeaseRenewalThatReaddsTheSameAddressIsReported(t *testing.T) {
	addr := func(lifetime int) []byte {
		return []byte(`[{"ifindex":2,"ifname":"eth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"operstate":"UP","address":"02:00:00:00:00:01",` +
			`"addr_info":[{"family":"inet","local":"192.168.1.10","prefixlen":24,"dynamic":true,"valid_life_time":` + itoa(lifetime) + `,"preferred_life_time":` + itoa(lifetime) + `}]}]`)
	}
	routes := []byte(`[{"dst":"default","gateway":"192.168.1.1","dev":"eth0","protocol":"dhcp"}]`)
	read := func(lifetime int) InterfaceState {
		states, err := interfacesFromIP(addr(lifetime), routes, nil)
		if err != nil {
			t.Fatal(err)
		}
		return states[0]
	}
	h := newHarness(t, settle)
	h.event(read(3600), 5)
	h.event(read(3599), 0)
	h.wait(6000)
	expectSent(t, h, nil)
}

func TestFailsWhenAnInterfaceThatReportedWithinTheLastDebounceReportsAgainAtTheSettle(t *testing.T) {
	h := newHarness(t, settle)
	h.event(stateB, 1000)
	h.event(stateA, 250)
	if len(h.sent) != 1 {
		t.Fatalf("sent %+v, want only B", h.sent)
	}
	h.wait(3000 - 250 - 1)
	if len(h.sent) != 1 {
		t.Fatalf("sent %+v before the debounce", h.sent)
	}
	h.wait(1)
	expectSent(t, h, []sentChange{{settle, ChangeState{InterfaceState: stateB}}, {ms(1000) + debounce, ChangeState{InterfaceState: stateA}}})
}

func TestFailsWhenEventsThatChangeNothingHoldBackTheNextMove(t *testing.T) {
	h := newHarness(t, settle)
	h.event(stateB, 400)
	// The parent's link events while runtimes are reconnected: every look finds B, as reported.
	for at := 400; at < 4000; at += 400 {
		h.event(stateB, 400)
	}
	h.event(stateA, 0)
	h.wait(6000)
	expectSent(t, h, []sentChange{{settle, ChangeState{InterfaceState: stateB}}, {ms(4000) + settle, ChangeState{InterfaceState: stateA}}})
}

func TestFailsWhenALinkFlappingEverySecondIsReportedMoreThanOncePerDebounce(t *testing.T) {
	h := newHarness(t, settle)
	for second := 0; second < 10; second++ {
		h.event(eth0([]string{"192.168.1.10/24"}, nil, "DOWN"), 500)
		h.event(eth0([]string{"192.168.1.10/24"}, nil, "UP"), 1)
		h.event(stateA, 499)
	}
	h.wait(6000)
	kinds := []string{}
	for _, s := range h.sent {
		if s.change.Status != "" {
			kinds = append(kinds, s.change.Status)
		} else {
			kinds = append(kinds, s.change.Operstate)
		}
	}
	if !reflect.DeepEqual(kinds, []string{"down", "UP"}) || !reflect.DeepEqual(h.sentAt(), []time.Duration{0, ms(9501) + debounce}) {
		t.Fatalf("sent %v at %v", kinds, h.sentAt())
	}
}

func TestFailsWhenALinkGoingDownWaitsForATimer(t *testing.T) {
	h := newHarness(t, settle)
	h.event(eth0([]string{"192.168.1.10/24"}, nil, "DOWN"), 0)
	if len(h.sent) != 1 || h.sent[0].at != 0 || h.sent[0].change.Status != "down" {
		t.Fatalf("sent %+v", h.sent)
	}
}

func TestFailsWhenADeletedLinkWaitsForATimerAlsoRightAfterAnotherReport(t *testing.T) {
	h := newHarness(t, settle)
	h.event(stateB, 250)
	h.mu.Lock()
	h.kernel = nil
	h.r.checkNow("eth0")
	h.mu.Unlock()
	h.wait(0)
	if len(h.sent) != 2 || h.sent[1].at != settle || h.sent[1].change.Status != "removed" || h.sent[0].change.Status != "" {
		t.Fatalf("sent %+v", h.sent)
	}
}

func TestWithTheSettleEqualToTheDebounceACompleteMoveIsReportedOnlyAtTheDebounce(t *testing.T) {
	h := newHarness(t, debounce)
	h.event(eth0(nil, nil, "UP"), 5)
	h.event(stateB, 0)
	h.wait(2999)
	expectSent(t, h, nil)
	h.wait(1)
	expectSent(t, h, []sentChange{{ms(5) + debounce, ChangeState{InterfaceState: stateB}}})
}

func TestAnEventDuringTheSettledLookKeepsTheDebounceLook(t *testing.T) {
	h := newHarness(t, settle)
	entered, release := make(chan []InterfaceState, 1), make(chan struct{})
	slow := true
	h.snapshot = func() []InterfaceState {
		h.mu.Lock()
		seen, wait := append([]InterfaceState{}, h.kernel...), slow
		h.mu.Unlock()
		if wait {
			entered <- seen
			<-release
		}
		return seen
	}
	// While the settled look's snapshot hangs, advancing waits for it to begin, not to end.
	h.settle = func() {}
	h.event(stateB, 250)
	<-entered
	h.mu.Lock()
	slow = false
	h.mu.Unlock()
	// The settled look's snapshot saw B; an event comes before it answers.
	h.event(eth0([]string{"10.0.0.50/24", "10.0.0.51/24"}, gw("10.0.0.1"), "UP"), 0)
	close(release)
	h.settle = h.r.idle
	h.wait(6000)
	got := [][2]int{}
	for _, s := range h.sent {
		got = append(got, [2]int{int(s.at.Milliseconds()), len(s.change.Ipv4Addresses)})
	}
	if !reflect.DeepEqual(got, [][2]int{{250, 1}, {3250, 2}}) {
		t.Fatalf("sent (ms, addresses) %v", got)
	}
}

func TestFailsWhenALinkFoundUpButChangedByALookThatDidNotWaitIsNotLookedAtAgain(t *testing.T) {
	h := newHarness(t, settle)
	changed := eth0([]string{"192.168.1.11/24"}, gw("192.168.1.1"), "UP")
	// A link line said down; by the time netmon looks the link is up, with another address.
	h.mu.Lock()
	h.kernel = []InterfaceState{changed}
	h.r.checkNow("eth0")
	h.mu.Unlock()
	h.wait(0)
	expectSent(t, h, nil)
	h.wait(6000)
	expectSent(t, h, []sentChange{{settle, ChangeState{InterfaceState: changed}}})
}
