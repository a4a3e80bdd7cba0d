package main

import (
	"sync"
	"time"
)

// clock is time as netmon's timing rules see it: real in the daemon, driven by hand in tests.
type clock interface {
	Now() time.Time
	AfterFunc(d time.Duration, f func()) stopper
}

type stopper interface{ Stop() bool }

type realClock struct{}

func (realClock) Now() time.Time                              { return time.Now() }
func (realClock) AfterFunc(d time.Duration, f func()) stopper { return time.AfterFunc(d, f) }

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

// workQueue runs tasks one at a time, in the order given, on a goroutine of its own; enqueue
// never blocks, so it may be called with any lock held.
type workQueue struct {
	mu      sync.Mutex
	tasks   []func()
	running bool
	idle    *sync.Cond
}

func newWorkQueue() *workQueue {
	q := &workQueue{}
	q.idle = sync.NewCond(&q.mu)
	return q
}

func (q *workQueue) enqueue(task func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.tasks = append(q.tasks, task)
	if !q.running {
		q.running = true
		go q.drain()
	}
}

func (q *workQueue) drain() {
	for {
		q.mu.Lock()
		if len(q.tasks) == 0 {
			q.running = false
			q.idle.Broadcast()
			q.mu.Unlock()
			return
		}
		task := q.tasks[0]
		q.tasks = q.tasks[1:]
		q.mu.Unlock()
		task()
	}
}

// wait returns once every task queued so far, and every task those queued, is done.
func (q *workQueue) wait() {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.running {
		q.idle.Wait()
	}
}
