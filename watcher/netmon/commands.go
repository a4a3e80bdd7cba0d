package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Commands on the netmon socket (netmon socket protocol v1): a client may write one JSON object
// per line, {"command": "<name>", ...}, and gets exactly one reply line per command, in order. A
// reply is an object without `type`, which is how clients tell it from an event. The reference
// agent waits for a reply to every command it sends, so silence is never an answer: unknown
// commands and unreadable lines get an error reply too.

type netlinkStatus struct {
	// running: `ip monitor` is up; restarting: it died and waits for its backoff; stopped: netmon is stopping.
	State string `json:"state"`
	// Events may have been missed lately: not running, or it restarted or reported lost events within the last minute.
	Degraded bool `json:"degraded"`
	Restarts int  `json:"restarts"`
	// Times events may have been lost, each followed by a full resynchronisation.
	LostEvents    int     `json:"lost_events"`
	LastEventAt   *string `json:"last_event_at"`
	LastRestartAt *string `json:"last_restart_at"`
}

type netmonStatus struct {
	Clients        int           `json:"clients"`
	Interfaces     []string      `json:"interfaces"`
	PendingChanges []string      `json:"pending_changes"`
	DebounceMs     int64         `json:"debounce_ms"`
	SettleMs       int64         `json:"settle_ms"`
	Netlink        netlinkStatus `json:"netlink"`
}

type commandReply struct {
	Success bool   `json:"success"`
	Status  any    `json:"status,omitempty"`
	Error   string `json:"error,omitempty"`
}

// maxNesting is how deep a command line may nest lists and objects: the input limit every
// edgenet reader keeps (lib/core/input-limits.ts).
const maxNesting = 32

var commands = map[string]func(netmonStatus) any{
	"get_status":         func(s netmonStatus) any { return s },
	"get_netlink_status": func(s netmonStatus) any { return s.Netlink },
}

func failure(format string, args ...any) *commandReply {
	return &commandReply{Success: false, Error: fmt.Sprintf(format, args...)}
}

// nestingTooDeep scans the JSON text's brackets outside strings: any depth is measured without
// recursion, before anything is decoded.
func nestingTooDeep(line []byte) bool {
	depth, inString, escaped := 0, false, false
	for _, c := range line {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
			if depth > maxNesting {
				return true
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return false
}

// answerCommandLine is the reply to one line a client wrote; nil for a blank line (nothing was
// asked). Whatever the line holds, the answer is a reply.
func answerCommandLine(line []byte, status func() netmonStatus) *commandReply {
	if len(bytes.TrimSpace(line)) == 0 {
		return nil
	}
	if nestingTooDeep(line) {
		return failure("$: nests too deeply, got more than %d levels; expected at most %d levels of lists and mappings", maxNesting, maxNesting)
	}
	var value any
	if err := json.Unmarshal(line, &value); err != nil {
		return failure(`invalid JSON: expected one object per line, e.g. {"command": "get_status"}`)
	}
	object, ok := value.(map[string]any)
	if !ok {
		return failure(`not a JSON object: expected {"command": "<name>"}`)
	}
	command, present := object["command"]
	if !present {
		return failure(`missing command: expected {"command": "<name>"}`)
	}
	name, ok := command.(string)
	if !ok {
		shown, _ := json.Marshal(command)
		return failure("command is not a string, got %s", strings.TrimSpace(string(shown)))
	}
	handler, ok := commands[name]
	if !ok {
		return failure("unsupported command: %s", name)
	}
	return &commandReply{Success: true, Status: handler(status())}
}
