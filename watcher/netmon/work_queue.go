package main

import "sync"

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
