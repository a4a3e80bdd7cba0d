package main

import (
	"reflect"
	"sync"
	"testing"
)

// debouncer is a keyed debounce on a clock driven by hand, recording the keys it fires.
func debouncer() (*fakeClock, *sync.Mutex, *keyedDebounce, *[]string) {
	c := newFakeClock()
	mu := &sync.Mutex{}
	fired := &[]string{}
	return c, mu, newKeyedDebounce(c, mu, debounce, func(key string) { *fired = append(*fired, key) }), fired
}

func TestFailsWhenKeysDueTogetherFireInTheOrderTheirTimersRunNotTheOrderTouched(t *testing.T) {
	c, mu, d, fired := debouncer()
	mu.Lock()
	d.touch("eth0")
	d.touch("enp3s0")
	mu.Unlock()
	c.mu.Lock()
	c.now = c.now.Add(debounce)
	later := c.timers[1]
	c.mu.Unlock()
	// The second timer's goroutine runs first, as real timers due together may.
	later.f()
	if !reflect.DeepEqual(*fired, []string{"eth0", "enp3s0"}) {
		t.Fatalf("fired %v", *fired)
	}
	c.advance(0, func() {})
	if len(*fired) != 2 || len(d.pendingKeys()) != 0 {
		t.Fatalf("fired %v, pending %v after the other timer ran", *fired, d.pendingKeys())
	}
}

func TestATouchedKeyWaitsAFullDelayFromItsLastTouch(t *testing.T) {
	c, mu, d, fired := debouncer()
	mu.Lock()
	d.touch("eth0")
	mu.Unlock()
	c.advance(debounce-settle, func() {})
	mu.Lock()
	d.touch("eth0")
	mu.Unlock()
	c.advance(debounce-1, func() {})
	if len(*fired) != 0 || !reflect.DeepEqual(d.pendingKeys(), []string{"eth0"}) {
		t.Fatalf("fired %v before a full delay after the last touch", *fired)
	}
	c.advance(1, func() {})
	if !reflect.DeepEqual(*fired, []string{"eth0"}) {
		t.Fatalf("fired %v", *fired)
	}
}
