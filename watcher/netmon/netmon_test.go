package main

import (
	"testing"
	"time"
)

func TestFailsWhenARestartOfTheMonitorDoesNotKeepTheStatusDegradedForAMinute(t *testing.T) {
	c := newFakeClock()
	n := newNetmon(netmonOptions{debounce: debounce, settle: settle}, c, func(string, string, map[string]any) {})
	n.monitor.running, n.monitor.restarts, n.monitor.lastRestartAt = true, 1, c.Now()
	if s := n.status().Netlink; !s.Degraded || s.State != "running" || s.Restarts != 1 || s.LastRestartAt == nil {
		t.Fatalf("right after a restart: %+v", s)
	}
	c.advance(degradedWindow-time.Millisecond, func() {})
	if !n.status().Netlink.Degraded {
		t.Fatal("not degraded within the minute")
	}
	c.advance(time.Millisecond, func() {})
	if n.status().Netlink.Degraded {
		t.Fatal("still degraded a minute after")
	}
	n.onMonitorEvent(monitorEvent{Kind: kindLost})
	if s := n.status().Netlink; !s.Degraded || s.LostEvents != 1 {
		t.Fatalf("after lost events: %+v", s)
	}
}

func TestFailsWhenTheSettleReportedIsAboveTheDebounce(t *testing.T) {
	n := newNetmon(netmonOptions{debounce: time.Second, settle: 5 * time.Second}, newFakeClock(), func(string, string, map[string]any) {})
	if s := n.status(); s.SettleMs != 1000 || s.DebounceMs != 1000 {
		t.Fatalf("status %+v", s)
	}
}
