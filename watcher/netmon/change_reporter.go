package main

import (
	"sync"
	"time"
)

// changeReporter decides when netmon tells its clients about an interface, and whether: the
// timing half of netmon, free of I/O (the snapshot and the sending are given), so that its
// rules run under a clock driven by hand.
//
// After an interface's netlink events it looks twice: once the events have been quiet for the
// settle, and at the latest once they have been quiet for the debounce (the reference's fixed
// wait). Each rule of what a look reports lives in one place:
//   - equal to what clients were last told (A -> B -> A, a lease renewal re-adding the same
//     address): nothing, in clientView.decide (the state compared has no lifetimes);
//   - the settle look reports only a complete state: isComplete;
//   - an interface that reported within the last debounce (or since it began changing) waits
//     the full debounce: heldBack;
//   - a link going down or away is reported at once: reports, on the look checkNow makes.
//
// Every method runs with the owner's lock held; the snapshots run on the work queue without it.
type changeReporter struct {
	reporterOptions
	debounced *keyedDebounce
	// nil when the settle is not shorter than the debounce: then every change waits the debounce.
	settled *keyedDebounce
	// Events seen per interface: a look that reports cancels the debounce only if no event came since it was due.
	events map[string]int
	// When each interface was last reported.
	reportedAt map[string]time.Time
	// What the last look saw of each interface (absent: not looked at yet; nil: not there).
	seen map[string]*InterfaceState
	// Per interface, the last look that saw it changed and the first of that run of changes
	// (looks that saw a change, less than a debounce apart). Events alone do not count: the
	// engine attaching macvlan links to a parent sends the parent's link events, and nothing changed.
	changing map[string]changeRun
	// Interfaces to look at right away (link down, deleted, renamed), in one snapshot.
	urgent       []string
	urgentQueued bool
	work         *workQueue
}

type changeRun struct{ first, last time.Time }

// look is why an interface is looked at.
type look int

const (
	lookUrgent    look = iota // its link went down or away
	lookSettled               // its events were quiet for the settle
	lookDebounced             // its events were quiet for the whole debounce
)

// isComplete: what a watcher needs to act on a change: an IPv4 address and, where clients were
// last told of a default route, a default route again. A DHCP move deletes the old address (the
// kernel drops the default route with it), adds the new one, then the route: the state in
// between has an address and no route, and is not the move's end.
func isComplete(state InterfaceState, before *InterfaceState) bool {
	if len(state.Ipv4Addresses) == 0 {
		return false
	}
	return before == nil || before.Gateway == nil || state.Gateway != nil
}

// reporterOptions is what the owner gives: the view, time, its lock, the waits, and the I/O.
type reporterOptions struct {
	view     *clientView
	clock    clock
	locker   sync.Locker
	debounce time.Duration
	settle   time.Duration
	snapshot func() ([]InterfaceState, error)
	send     func(ChangeState)
	onError  func(error)
}

func newChangeReporter(o reporterOptions) *changeReporter {
	r := &changeReporter{
		reporterOptions: o,
		events:          map[string]int{}, reportedAt: map[string]time.Time{}, seen: map[string]*InterfaceState{},
		changing: map[string]changeRun{}, work: newWorkQueue(),
	}
	r.debounced = newKeyedDebounce(o.clock, o.locker, o.debounce, func(name string) { r.lookAfter(name, lookDebounced) })
	if o.settle < o.debounce {
		r.settled = newKeyedDebounce(o.clock, o.locker, o.settle, func(name string) { r.lookAfter(name, lookSettled) })
	}
	return r
}

// touch: a netlink event on `name`: look once it has been quiet for the settle, and for the debounce.
func (r *changeReporter) touch(name string) {
	r.events[name]++
	if r.settled != nil {
		r.settled.touch(name)
	}
	r.debounced.touch(name)
}

// checkNow looks at `name` without waiting; several at once share one snapshot. Reports only down or removed.
func (r *changeReporter) checkNow(name string) {
	if !contains(r.urgent, name) {
		r.urgent = append(r.urgent, name)
	}
	if r.urgentQueued {
		return
	}
	r.urgentQueued = true
	var names []string
	r.afterSnapshot(func() {
		r.urgentQueued = false
		names, r.urgent = r.urgent, nil
	}, func(snapshot []InterfaceState) {
		for _, each := range names {
			r.look(each, snapshot, lookUrgent)
		}
	})
}

// afterSnapshot queues `then`, given every interface as the kernel has it once the work before
// it is done. `before` (if any) and `then` run with the lock held; the snapshot without it.
func (r *changeReporter) afterSnapshot(before func(), then func(snapshot []InterfaceState)) {
	r.work.enqueue(func() {
		if before != nil {
			r.locker.Lock()
			before()
			r.locker.Unlock()
		}
		snapshot, err := r.snapshot()
		r.locker.Lock()
		defer r.locker.Unlock()
		if err != nil {
			r.onError(err)
			return
		}
		then(snapshot)
	})
}

// pendingKeys: interfaces with events waiting out the debounce, in the order first touched.
func (r *changeReporter) pendingKeys() []string { return r.debounced.pendingKeys() }

// idle returns once the work queued so far is done; call it without the lock held.
func (r *changeReporter) idle() { r.work.wait() }

func (r *changeReporter) cancelAll() {
	if r.settled != nil {
		r.settled.cancelAll()
	}
	r.debounced.cancelAll()
}

// noteSeen records what a look saw of `name`, and when it found it changed since the look before.
func (r *changeReporter) noteSeen(name string, current *InterfaceState) {
	before, looked := r.seen[name]
	if !looked {
		before = r.view.publishedState(name)
	}
	r.seen[name] = current
	if sameState(before, current) {
		return
	}
	now := r.clock.Now()
	first := now
	if run, ok := r.changing[name]; ok && now.Sub(run.last) < r.debounce {
		first = run.first
	}
	r.changing[name] = changeRun{first: first, last: now}
}

func (r *changeReporter) lookAfter(name string, why look) {
	events := r.events[name]
	r.afterSnapshot(nil, func(snapshot []InterfaceState) {
		reported := r.look(name, snapshot, why)
		// Told already, and nothing new since the look was due: the debounce has nothing left to do.
		if reported && why == lookSettled && r.events[name] == events {
			r.debounced.cancel(name)
		}
	})
}

// look tells clients about `name` if `why` allows what the kernel now says; true when it did.
func (r *changeReporter) look(name string, snapshot []InterfaceState, why look) bool {
	var current *InterfaceState
	if found := find(snapshot, name); found != nil {
		copied := *found
		current = &copied
	}
	r.noteSeen(name, current)
	d := r.view.decide(name, snapshot)
	if !r.reports(name, d, why) {
		// A link found up but changed by a look that did not wait: it waits like any change.
		if why == lookUrgent && d.kind != decideNone {
			r.touch(name)
		}
		return false
	}
	r.view.apply(d)
	r.reportedAt[name] = r.clock.Now()
	if d.kind != decideNone {
		r.send(d.change)
	}
	return true
}

// reports says whether a look of kind `why` tells clients `d`.
func (r *changeReporter) reports(name string, d decision, why look) bool {
	switch d.kind {
	case decideDown, decideRemoved:
		return true
	case decideNoAddress:
		return why == lookDebounced
	case decideUp:
		if why == lookDebounced {
			return true
		}
		return why == lookSettled && isComplete(d.change.InterfaceState, r.view.publishedState(name)) && !r.heldBack(name)
	}
	return false
}

// heldBack: reported within the last debounce, or since it began changing (a link that keeps
// flapping keeps changing): it waits the full debounce, so a flapping link costs at most one
// report per debounce.
func (r *changeReporter) heldBack(name string) bool {
	at, ok := r.reportedAt[name]
	if !ok {
		return false
	}
	now := r.clock.Now()
	since := now
	if run, ok := r.changing[name]; ok && run.first.Before(now) {
		since = run.first
	}
	return at.After(since.Add(-r.debounce))
}
