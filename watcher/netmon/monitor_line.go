package main

import (
	"regexp"
	"strconv"
	"strings"
)

// What an `ip -o monitor address route link` line is about. The line only says *that*
// something changed; netmon then reads the state with `ip -j`. Link lines carry the link's
// current name and index; address lines carry the index and a name `ip monitor` cached when it
// started (stale once the link is renamed); route lines carry only that cached name.

type monitorKind int

const (
	kindLink    monitorKind = iota // a link changed, appeared or (Deleted) went away
	kindAddress                    // an address changed on the link Index
	kindRoute                      // a route through the device Name changed
	kindUnknown                    // not tied to an interface: re-read everything
	kindLost                       // events were lost (overrun) or the monitor restarted: resynchronise
)

type monitorEvent struct {
	Kind    monitorKind
	Index   int
	Name    string
	Up      bool // operationally up now (links)
	Deleted bool
}

var (
	linkLine     = regexp.MustCompile(`^(Deleted )?(\d+): ([^\s:@]+)(?:@\S*)?: <([^>]*)>`)
	addressLine  = regexp.MustCompile(`^(?:Deleted )?(\d+): ([^\s:@]+)\s`)
	stateField   = regexp.MustCompile(`\sstate (\S+)`)
	routeDevice  = regexp.MustCompile(`\sdev (\S+)`)
	monitorError = regexp.MustCompile(`(?i)^(?:Error|Netlink error|.*No buffer space|.*overrun)`)
)

// linkIsUp: `state UP`, or `state UNKNOWN` with the UP and LOWER_UP flags (no carrier reporting).
func linkIsUp(flags []string, state string) bool {
	if state == "UP" {
		return true
	}
	return state == "UNKNOWN" && contains(flags, "UP") && contains(flags, "LOWER_UP")
}

// parseMonitorLine returns false for a blank line.
func parseMonitorLine(line string) (monitorEvent, bool) {
	text := strings.TrimSpace(line)
	if text == "" {
		return monitorEvent{}, false
	}
	if monitorError.MatchString(text) {
		return monitorEvent{Kind: kindLost}, true
	}
	if m := linkLine.FindStringSubmatch(text); m != nil {
		index, _ := strconv.Atoi(m[2])
		state := ""
		if s := stateField.FindStringSubmatch(text); s != nil {
			state = s[1]
		}
		deleted := m[1] != ""
		return monitorEvent{Kind: kindLink, Index: index, Name: m[3], Up: !deleted && linkIsUp(strings.Split(m[4], ","), state), Deleted: deleted}, true
	}
	if m := addressLine.FindStringSubmatch(text); m != nil {
		index, _ := strconv.Atoi(m[1])
		return monitorEvent{Kind: kindAddress, Index: index, Name: m[2]}, true
	}
	if m := routeDevice.FindStringSubmatch(text); m != nil {
		return monitorEvent{Kind: kindRoute, Name: m[1]}, true
	}
	return monitorEvent{Kind: kindUnknown}, true
}
