package main

import (
	"sort"
	"sync"
	"time"
)

// keyedDebounce calls fire(key) once `delay` after the last touch(key): a burst of touches on
// one key yields one call; keys do not delay each other. Keys fall due in the order they were
// last touched, and fire in that order: a timer that fires first fires every key due by then,
// so timers racing on their own goroutines cannot reorder them (the resync touches an old name
// before a new one, and clients hear of it in that order). Every method runs with `locker`
// held; fire is called with it held too.
type keyedDebounce struct {
	clock  clock
	locker sync.Locker
	delay  time.Duration
	fire   func(key string)
	timers map[string]*debounceTimer
	order  []string // keys waiting, in the order first touched
	seq    uint64
}

type debounceTimer struct {
	stopper stopper
	due     time.Time
	seq     uint64
}

func newKeyedDebounce(c clock, locker sync.Locker, delay time.Duration, fire func(string)) *keyedDebounce {
	return &keyedDebounce{clock: c, locker: locker, delay: delay, fire: fire, timers: map[string]*debounceTimer{}}
}

func (d *keyedDebounce) touch(key string) {
	if existing, ok := d.timers[key]; ok {
		existing.stopper.Stop()
	} else {
		d.order = append(d.order, key)
	}
	d.seq++
	timer := &debounceTimer{due: d.clock.Now().Add(d.delay), seq: d.seq}
	d.timers[key] = timer
	timer.stopper = d.clock.AfterFunc(d.delay, func() {
		d.locker.Lock()
		defer d.locker.Unlock()
		// Touched again, cancelled or fired with an earlier one since this timer was set.
		if d.timers[key] != timer {
			return
		}
		d.fireDue(d.clock.Now())
	})
}

// fireDue fires every key due by `now`, earliest first.
func (d *keyedDebounce) fireDue(now time.Time) {
	due := []string{}
	for key, timer := range d.timers {
		if !timer.due.After(now) {
			due = append(due, key)
		}
	}
	sort.Slice(due, func(i, j int) bool {
		a, b := d.timers[due[i]], d.timers[due[j]]
		return a.due.Before(b.due) || (a.due.Equal(b.due) && a.seq < b.seq)
	})
	for _, key := range due {
		d.cancel(key)
		d.fire(key)
	}
}

// cancel forgets key's pending call, if any.
func (d *keyedDebounce) cancel(key string) {
	if existing, ok := d.timers[key]; ok {
		existing.stopper.Stop()
		delete(d.timers, key)
		for i, each := range d.order {
			if each == key {
				d.order = append(d.order[:i:i], d.order[i+1:]...)
				break
			}
		}
	}
}

func (d *keyedDebounce) pendingKeys() []string {
	return append([]string{}, d.order...)
}

func (d *keyedDebounce) cancelAll() {
	for key := range d.timers {
		d.cancel(key)
	}
}
