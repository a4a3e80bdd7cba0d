package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"syscall"
	"time"
)

// jsonLinesServer is a unix-socket server that pushes JSON lines to many clients and answers the
// lines they write. A client that stops reading is dropped once its unsent backlog passes a
// bound, and one that writes a line longer than another bound is dropped too, so no client
// holds up the others nor grows memory; it may reconnect and start over from discovery.
type jsonLinesServer struct {
	listener   net.Listener
	socketPath string
	maxBacklog int
	maxLine    int
	onConnect  func(*jsonLinesClient) // called with the owner's lock held, before any broadcast reaches the client
	onLines    func([][]byte) []*commandReply
	locker     sync.Locker
	log        func(message string, fields map[string]any)
	clients    map[*jsonLinesClient]bool
	nextID     int
	closed     bool
}

const (
	socketMode              = 0o660
	defaultMaxClientBacklog = 1024 * 1024
	maxLineBytes            = 64 * 1024
	probeTimeout            = time.Second
)

// jsonLinesClient is one connected client; seq counts the events sent to it, from 1.
type jsonLinesClient struct {
	id      int
	conn    net.Conn
	seq     int
	mu      sync.Mutex
	queue   [][]byte
	pending int
	wake    chan struct{}
	dropped bool
	max     int
	logDrop func(reason string)
	forget  func()
}

// send writes the event {type, seq, data}; false when the client was dropped instead.
func (c *jsonLinesClient) send(e event) bool {
	c.mu.Lock()
	seq := c.seq + 1
	c.mu.Unlock()
	line, err := json.Marshal(struct {
		Type string `json:"type"`
		Seq  int    `json:"seq"`
		Data any    `json:"data"`
	}{e.Type, seq, e.Data})
	if err != nil {
		return false
	}
	if !c.write(line) {
		return false
	}
	c.mu.Lock()
	c.seq = seq
	c.mu.Unlock()
	return true
}

// reply writes a reply to a command as it is: no type, no seq (seq numbers the events only).
func (c *jsonLinesClient) reply(reply *commandReply) bool {
	line, err := json.Marshal(reply)
	return err == nil && c.write(line)
}

// write queues one whole line; the writer goroutine sends lines in order, one write each.
func (c *jsonLinesClient) write(line []byte) bool {
	c.mu.Lock()
	if c.dropped {
		c.mu.Unlock()
		return false
	}
	if c.pending > c.max {
		pending := c.pending
		c.mu.Unlock()
		c.drop(fmt.Sprintf("not reading: %d bytes unsent", pending))
		return false
	}
	c.queue = append(c.queue, append(line, '\n'))
	c.pending += len(line) + 1
	select {
	case c.wake <- struct{}{}:
	default:
	}
	c.mu.Unlock()
	return true
}

func (c *jsonLinesClient) writer() {
	for range c.wake {
		for {
			c.mu.Lock()
			if c.dropped || len(c.queue) == 0 {
				c.mu.Unlock()
				break
			}
			line := c.queue[0]
			c.queue = c.queue[1:]
			c.mu.Unlock()
			_, err := c.conn.Write(line)
			c.mu.Lock()
			c.pending -= len(line)
			c.mu.Unlock()
			if err != nil {
				c.drop("socket error")
				return
			}
		}
	}
}

// drop ends the client with a log line saying why, before the client sees its connection end.
// It is forgotten after, on a goroutine: a broadcast holding the owner's lock may be what dropped it.
func (c *jsonLinesClient) drop(reason string) {
	if c.end(func() { c.logDrop(reason) }) {
		go c.forget()
	}
}

// end stops the client's writer and closes its connection, once; `last` (if any) runs just
// before the connection closes. False when the client had ended already.
func (c *jsonLinesClient) end(last func()) bool {
	c.mu.Lock()
	if c.dropped {
		c.mu.Unlock()
		return false
	}
	c.dropped = true
	c.queue = nil
	close(c.wake)
	c.mu.Unlock()
	if last != nil {
		last()
	}
	_ = c.conn.Close()
	return true
}

// socketAnswers says whether something accepts connections on socketPath.
func socketAnswers(socketPath string) bool {
	conn, err := net.DialTimeout("unix", socketPath, probeTimeout)
	if err != nil {
		var timeout net.Error
		return errors.As(err, &timeout) && timeout.Timeout() // accepted but slow: someone is there
	}
	_ = conn.Close()
	return true
}

// claimSocketPath makes socketPath free to bind: a socket file nobody answers on is left over
// from a crash and is removed; a live socket or any other kind of file is refused.
func claimSocketPath(socketPath string) error {
	info, err := os.Lstat(socketPath)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if info.Mode()&os.ModeSocket == 0 {
		return fmt.Errorf("%s: exists and is not a socket; refusing to replace it (remove it or pick another --socket)", socketPath)
	}
	if socketAnswers(socketPath) {
		return fmt.Errorf("%s: another process is serving this socket; stop it first or pick another --socket", socketPath)
	}
	return os.Remove(socketPath)
}

type serverOptions struct {
	socketPath string
	gid        int // -1: the daemon's own group
	maxBacklog int
	locker     sync.Locker
	onConnect  func(*jsonLinesClient)
	onLines    func([][]byte) []*commandReply // the replies to the lines of one read, in order
	log        func(message string, fields map[string]any)
}

func listenJSONLines(o serverOptions) (*jsonLinesServer, error) {
	if err := claimSocketPath(o.socketPath); err != nil {
		return nil, err
	}
	// The umask around the bind makes the socket file born with its mode, with no window where it is wider.
	previous := syscall.Umask(0o777 &^ socketMode)
	listener, err := net.Listen("unix", o.socketPath)
	syscall.Umask(previous)
	if err != nil {
		return nil, fmt.Errorf("--socket %s: %v", o.socketPath, err)
	}
	listener.(*net.UnixListener).SetUnlinkOnClose(false)
	if err := os.Chmod(o.socketPath, socketMode); err != nil {
		_ = listener.Close()
		return nil, err
	}
	if o.gid >= 0 {
		if err := os.Chown(o.socketPath, -1, o.gid); err != nil {
			_ = listener.Close()
			return nil, fmt.Errorf("--group: giving %s to group %d: %v", o.socketPath, o.gid, err)
		}
	}
	s := &jsonLinesServer{
		listener: listener, socketPath: o.socketPath, maxBacklog: o.maxBacklog, maxLine: maxLineBytes,
		onConnect: o.onConnect, onLines: o.onLines, locker: o.locker, log: o.log, clients: map[*jsonLinesClient]bool{}, nextID: 1,
	}
	go s.accept()
	return s, nil
}

func (s *jsonLinesServer) accept() {
	for {
		conn, err := s.listener.Accept()
		if err != nil {
			s.locker.Lock()
			closed := s.closed
			s.locker.Unlock()
			if closed || errors.Is(err, net.ErrClosed) {
				return
			}
			// Out of file descriptors, say: the clients there are keep being served; try again.
			s.log("accepting a client failed", map[string]any{"error": err.Error()})
			time.Sleep(100 * time.Millisecond)
			continue
		}
		s.locker.Lock()
		if s.closed {
			s.locker.Unlock()
			_ = conn.Close()
			return
		}
		client := &jsonLinesClient{id: s.nextID, conn: conn, wake: make(chan struct{}, 1), max: s.maxBacklog}
		s.nextID++
		client.logDrop = func(reason string) {
			s.log("client dropped", map[string]any{"client": client.id, "reason": reason})
		}
		client.forget = func() {
			s.locker.Lock()
			delete(s.clients, client)
			s.locker.Unlock()
		}
		s.clients[client] = true
		s.log("client connected", map[string]any{"client": client.id, "clients": len(s.clients)})
		go client.writer()
		s.onConnect(client)
		s.locker.Unlock()
		go s.read(client)
	}
}

// read answers the client's lines in order, all the lines of one read together (onLines sees
// one state for them, as a client that sends two commands at once expects); a line longer than
// maxLine, finished or not, drops the client.
func (s *jsonLinesServer) read(client *jsonLinesClient) {
	chunk := make([]byte, 16*1024)
	var partial []byte
	for {
		n, err := client.conn.Read(chunk)
		if n > 0 {
			data := append(partial, chunk[:n]...)
			lines := [][]byte{}
			tooLong := false
			for {
				end := bytes.IndexByte(data, '\n')
				if end < 0 {
					break
				}
				if end > s.maxLine {
					tooLong = true
					break
				}
				lines = append(lines, bytes.TrimSuffix(data[:end], []byte{'\r'}))
				data = data[end+1:]
			}
			for _, reply := range s.onLines(lines) {
				client.reply(reply)
			}
			if tooLong || len(data) > s.maxLine {
				client.drop(fmt.Sprintf("sent a line longer than %d bytes without a newline", s.maxLine))
				return
			}
			partial = append([]byte{}, data...)
		}
		if err != nil {
			break
		}
	}
	// The client closed its end (or was dropped): forget it without a word.
	if client.end(nil) {
		client.forget()
	}
}

// clientCount and broadcast run with the owner's lock held.
func (s *jsonLinesServer) clientCount() int {
	count := 0
	for client := range s.clients {
		client.mu.Lock()
		if !client.dropped {
			count++
		}
		client.mu.Unlock()
	}
	return count
}

func (s *jsonLinesServer) broadcast(e event) {
	for client := range s.clients {
		client.send(e)
	}
}

// close stops accepting, drops every client and removes the socket file. Call it without the lock.
func (s *jsonLinesServer) close() {
	s.locker.Lock()
	s.closed = true
	clients := make([]*jsonLinesClient, 0, len(s.clients))
	for client := range s.clients {
		clients = append(clients, client)
	}
	s.locker.Unlock()
	_ = s.listener.Close()
	for _, client := range clients {
		client.drop("server closing")
	}
	_ = os.Remove(s.socketPath)
}
