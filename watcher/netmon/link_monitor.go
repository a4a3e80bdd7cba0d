package main

import (
	"bufio"
	"io"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// linkMonitor keeps `ip -o monitor address route link` running: netlink tells netmon *when* to
// look. When it dies it is restarted with backoff, and a `lost` event tells netmon to
// resynchronise, since whatever changed meanwhile is only visible in a full snapshot.
type linkMonitor struct {
	ip      string
	onEvent func(monitorEvent)
	log     func(message string, fields map[string]any)

	mu            sync.Mutex
	cmd           *exec.Cmd
	running       bool
	stopped       bool
	restarts      int
	lastRestartAt time.Time
	restartDelay  time.Duration
	restartTimer  *time.Timer
}

const (
	restartMin = 500 * time.Millisecond
	restartMax = 30 * time.Second
	// A monitor that ran this long before dying counts as healthy: restart quickly again.
	healthyRun = 60 * time.Second
)

type linkMonitorState struct {
	State         string // running, restarting or stopped
	Restarts      int
	LastRestartAt time.Time
}

// start returns once the monitor process runs (events from then on are seen).
func (m *linkMonitor) start() error {
	m.restartDelay = restartMin
	return m.spawn(false)
}

func (m *linkMonitor) spawn(restart bool) error {
	cmd := exec.Command(m.ip, "-o", "monitor", "address", "route", "link")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	m.mu.Lock()
	if m.stopped {
		m.mu.Unlock()
		return nil
	}
	if err := cmd.Start(); err != nil {
		m.mu.Unlock()
		m.log("ip monitor failed to start", map[string]any{"error": err.Error()})
		m.scheduleRestart(time.Now())
		return nil
	}
	startedAt := time.Now()
	m.cmd, m.running = cmd, true
	if restart {
		m.restarts++
		m.lastRestartAt = startedAt
	}
	m.mu.Unlock()
	if restart {
		m.onEvent(monitorEvent{Kind: kindLost})
	}
	var readers sync.WaitGroup
	for _, stream := range []io.Reader{stdout, stderr} {
		readers.Add(1)
		go func(stream io.Reader) {
			defer readers.Done()
			lines := bufio.NewScanner(stream)
			lines.Buffer(make([]byte, 64*1024), 1024*1024)
			for lines.Scan() {
				if event, ok := parseMonitorLine(lines.Text()); ok {
					m.onEvent(event)
				}
			}
		}(stream)
	}
	go func() {
		readers.Wait()
		err := cmd.Wait()
		m.mu.Lock()
		m.cmd, m.running = nil, false
		stopped := m.stopped
		m.mu.Unlock()
		if stopped {
			return
		}
		fields := map[string]any{"restart_in_ms": m.restartDelay.Milliseconds()}
		if exit, ok := err.(*exec.ExitError); ok {
			fields["code"] = exit.ExitCode()
		}
		m.log("ip monitor exited; restarting and resynchronising", fields)
		m.scheduleRestart(startedAt)
	}()
	return nil
}

func (m *linkMonitor) scheduleRestart(startedAt time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stopped {
		return
	}
	if time.Since(startedAt) > healthyRun {
		m.restartDelay = restartMin
	}
	m.restartTimer = time.AfterFunc(m.restartDelay, func() { _ = m.spawn(true) })
	m.restartDelay = min(m.restartDelay*2, restartMax)
}

func (m *linkMonitor) status() linkMonitorState {
	m.mu.Lock()
	defer m.mu.Unlock()
	state := "restarting"
	if m.stopped {
		state = "stopped"
	} else if m.running {
		state = "running"
	}
	return linkMonitorState{State: state, Restarts: m.restarts, LastRestartAt: m.lastRestartAt}
}

func (m *linkMonitor) stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stopped = true
	if m.restartTimer != nil {
		m.restartTimer.Stop()
	}
	if m.cmd != nil && m.cmd.Process != nil {
		_ = m.cmd.Process.Signal(syscall.SIGTERM)
	}
}
