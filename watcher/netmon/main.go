// The netmon daemon: `edgenet netmon` on an edge host. lib/cli/commands/netmon.ts reads the
// user's options, checks them and resolves every default; bin/edgenet.js then runs this
// program in its place with the resolved values, so the monitor an edge host keeps running
// holds no JavaScript runtime. Its own flags are that internal interface, not the user's.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	flags := flag.NewFlagSet("edgenet-netmon", flag.ContinueOnError)
	socketPath := flags.String("socket", "", "unix socket to serve the protocol on")
	// No defaults of its own: the CLI resolves every value (lib/cli/commands/netmon.ts).
	debounceMs := flags.Int("debounce-ms", -1, "quiet time after an interface's last event before any change is reported")
	settleMs := flags.Int("settle-ms", -1, "quiet time after which a complete change is reported")
	ignore := flags.String("ignore", "", "comma-separated interface name prefixes never reported")
	gid := flags.Int("gid", -1, "group id given the socket; -1 keeps the daemon's")
	backlog := flags.Int("max-client-backlog", defaultMaxClientBacklog, "unsent bytes a client may have queued before it is dropped")
	ip := flags.String("ip", "ip", "iproute2's ip")
	sysClassNet := flags.String("sys-class-net", "/sys/class/net", "where sysfs lists the links")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if *socketPath == "" || *debounceMs < 0 || *settleMs < 0 || flags.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "edgenet-netmon: --socket, --debounce-ms and --settle-ms are needed (milliseconds >= 0); run it as `edgenet netmon`, which resolves them")
		return 2
	}
	prefixes := []string{}
	for _, prefix := range strings.Split(*ignore, ",") {
		if prefix = strings.TrimSpace(prefix); prefix != "" {
			prefixes = append(prefixes, prefix)
		}
	}
	logs := &logger{component: "netmon"}
	n := newNetmon(netmonOptions{
		socketPath: *socketPath, debounce: time.Duration(*debounceMs) * time.Millisecond, settle: time.Duration(*settleMs) * time.Millisecond,
		ignoredPrefixes: prefixes, gid: *gid, maxBacklog: *backlog, ip: *ip, sysClassNet: *sysClassNet,
	}, realClock{}, logs.log)
	stop := make(chan os.Signal, 2)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	if err := n.start(); err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		return 1
	}
	notifyReady(logs)
	received := <-stop
	go func() {
		for again := range stop {
			logs.log("warn", "already stopping", map[string]any{"signal": signalName(again)})
		}
	}()
	logs.log("info", "stopping", map[string]any{"signal": signalName(received)})
	n.stop()
	return 0
}

func signalName(s os.Signal) string {
	if s == syscall.SIGINT {
		return "SIGINT"
	}
	return "SIGTERM"
}

// notifyReady tells systemd (Type=notify units) that the daemon is serving.
func notifyReady(logs *logger) {
	socket := os.Getenv("NOTIFY_SOCKET")
	if socket == "" {
		return
	}
	if strings.HasPrefix(socket, "@") {
		socket = "\x00" + socket[1:]
	}
	conn, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: socket, Net: "unixgram"})
	if err == nil {
		_, err = conn.Write([]byte("READY=1"))
		_ = conn.Close()
	}
	if err != nil {
		logs.log("warn", "telling systemd READY=1 failed", map[string]any{"error": err.Error()})
	}
}
