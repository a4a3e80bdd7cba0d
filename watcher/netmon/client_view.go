package main

import "sort"

// clientView is what netmon's clients were last told about each interface, and what they must
// be told next given what the kernel says now. An interface is either *published* (reportable:
// it is in every discovery) or *withdrawn* (clients were told it went down or lost its
// addresses; the link still exists, so it may come back, go down, or disappear). Pure.
type clientView struct {
	ignoredPrefixes []string
	published       map[string]InterfaceState
	withdrawn       map[string]withdrawnLink
}

type withdrawnLink struct {
	index int
	typ   string
	down  bool // clients were told the link is down (else: that it has no address)
}

type decisionKind int

const (
	decideNone      decisionKind = iota
	decideUp                     // reportable and new, or different from what was published
	decideNoAddress              // still up, without an IPv4 address: reported with the empty list, no status
	decideDown                   // the link went down: reported at once with status down and no addresses
	decideRemoved                // the link no longer exists under this name: status removed
)

type decision struct {
	kind   decisionKind
	change ChangeState
}

func newClientView(ignoredPrefixes []string) *clientView {
	return &clientView{ignoredPrefixes: ignoredPrefixes, published: map[string]InterfaceState{}, withdrawn: map[string]withdrawnLink{}}
}

// seed starts from a snapshot: its reportable interfaces are what the first discovery lists.
func (v *clientView) seed(snapshot []InterfaceState) {
	for _, state := range snapshot {
		if isReportable(&state, v.ignoredPrefixes) {
			v.published[state.Interface] = state
		}
	}
}

// discovery is the published interfaces, in index order.
func (v *clientView) discovery() []InterfaceState {
	states := make([]InterfaceState, 0, len(v.published))
	for _, state := range v.published {
		states = append(states, state)
	}
	sort.Slice(states, func(i, j int) bool { return states[i].Index < states[j].Index })
	return states
}

// names is every name clients know about: the published ones, then the withdrawn ones, each
// in index order.
func (v *clientView) names() []string {
	names := []string{}
	for _, state := range v.discovery() {
		names = append(names, state.Interface)
	}
	withdrawn := make([]string, 0, len(v.withdrawn))
	for name := range v.withdrawn {
		withdrawn = append(withdrawn, name)
	}
	sort.Slice(withdrawn, func(i, j int) bool { return v.withdrawn[withdrawn[i]].index < v.withdrawn[withdrawn[j]].index })
	return append(names, withdrawn...)
}

// publishedState is what clients were last told `name` has, while it is published.
func (v *clientView) publishedState(name string) *InterfaceState {
	if state, ok := v.published[name]; ok {
		return &state
	}
	return nil
}

// nameOfIndex is the name clients know the link `index` by, if any.
func (v *clientView) nameOfIndex(index int) (string, bool) {
	for name, state := range v.published {
		if state.Index == index {
			return name, true
		}
	}
	for name, link := range v.withdrawn {
		if link.index == index {
			return name, true
		}
	}
	return "", false
}

func find(snapshot []InterfaceState, name string) *InterfaceState {
	for i := range snapshot {
		if snapshot[i].Interface == name {
			return &snapshot[i]
		}
	}
	return nil
}

// decide is what clients must be told about `name`, given the kernel's snapshot; changes nothing.
func (v *clientView) decide(name string, snapshot []InterfaceState) decision {
	current := find(snapshot, name)
	published, isPublished := v.published[name]
	if current != nil && isReportable(current, v.ignoredPrefixes) {
		if isPublished && sameState(&published, current) {
			return decision{kind: decideNone}
		}
		return decision{kind: decideUp, change: ChangeState{InterfaceState: *current}}
	}
	withdrawn, isWithdrawn := v.withdrawn[name]
	if !isPublished && !isWithdrawn {
		return decision{kind: decideNone}
	}
	if current == nil {
		index, typ := withdrawn.index, withdrawn.typ
		if isPublished {
			index, typ = published.Index, published.Type
		}
		return decision{kind: decideRemoved, change: ChangeState{
			InterfaceState: InterfaceState{Interface: name, Index: index, Operstate: "DOWN", Type: typ, Ipv4Addresses: []Ipv4Report{}},
			Status:         "removed",
		}}
	}
	if current.Operstate != "UP" {
		if isWithdrawn && withdrawn.down {
			return decision{kind: decideNone}
		}
		down := *current
		down.Ipv4Addresses, down.Gateway = []Ipv4Report{}, nil
		return decision{kind: decideDown, change: ChangeState{InterfaceState: down, Status: "down"}}
	}
	// Up, but nothing reportable on it (its last IPv4 address went).
	if isWithdrawn {
		return decision{kind: decideNone}
	}
	return decision{kind: decideNoAddress, change: ChangeState{InterfaceState: *current}}
}

// apply records that clients were told `d`.
func (v *clientView) apply(d decision) {
	if d.kind == decideNone {
		return
	}
	name := d.change.Interface
	delete(v.published, name)
	delete(v.withdrawn, name)
	switch d.kind {
	case decideUp:
		v.published[name] = d.change.InterfaceState
	case decideDown, decideNoAddress:
		v.withdrawn[name] = withdrawnLink{index: d.change.Index, typ: d.change.Type, down: d.kind == decideDown}
	}
}
