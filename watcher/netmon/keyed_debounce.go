package main

import (
	"sync"
	"time"
)

// keyedDebounce calls fire(key) once `delay` after the last touch(key): a burst of touches on
// one key yields one call; keys do not delay each other. Every method runs with `locker` held;
// fire is called with it held too.
type keyedDebounce struct {
	clock  clock
	locker sync.Locker
	delay  time.Duration
	fire   func(key string)
	timers map[string]*debounceTimer
	order  []string // keys waiting, in the order first touched
}

type debounceTimer struct{ stopper stopper }

func newKeyedDebounce(c clock, locker sync.Locker, delay time.Duration, fire func(string)) *keyedDebounce {
	return &keyedDebounce{clock: c, locker: locker, delay: delay, fire: fire, timers: map[string]*debounceTimer{}}
}

func (d *keyedDebounce) touch(key string) {
	if existing, ok := d.timers[key]; ok {
		existing.stopper.Stop()
	} else {
		d.order = append(d.order, key)
	}
	timer := &debounceTimer{}
	d.timers[key] = timer
	timer.stopper = d.clock.AfterFunc(d.delay, func() {
		d.locker.Lock()
		defer d.locker.Unlock()
		// Touched again or cancelled since this timer was set: it is not the one that fires.
		if d.timers[key] != timer {
			return
		}
		d.forget(key)
		d.fire(key)
	})
}

// cancel forgets key's pending call, if any.
func (d *keyedDebounce) cancel(key string) {
	if existing, ok := d.timers[key]; ok {
		existing.stopper.Stop()
		d.forget(key)
	}
}

func (d *keyedDebounce) forget(key string) {
	delete(d.timers, key)
	for i, each := range d.order {
		if each == key {
			d.order = append(d.order[:i:i], d.order[i+1:]...)
			break
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
