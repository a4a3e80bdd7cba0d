package main

import (
	"encoding/json"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

var testStatus = netmonStatus{
	Clients: 2, Interfaces: []string{"eth0"}, PendingChanges: []string{"eth1"}, DebounceMs: 3000, SettleMs: 250,
	Netlink: netlinkStatus{State: "running", LastEventAt: ptr("2025-11-20T20:30:45.123000")},
}

func answer(line string) map[string]any {
	reply := answerCommandLine([]byte(line), func() netmonStatus { return testStatus })
	if reply == nil {
		return nil
	}
	text, _ := json.Marshal(reply)
	var decoded map[string]any
	_ = json.Unmarshal(text, &decoded)
	return decoded
}

func failed(message string) map[string]any { return map[string]any{"success": false, "error": message} }

func TestGetStatusAndGetNetlinkStatusAnswer(t *testing.T) {
	status := answer(`{"command": "get_status", "id": 7}`)
	if status["success"] != true || status["status"].(map[string]any)["settle_ms"] != 250.0 {
		t.Fatalf("get_status: %v", status)
	}
	netlink := answer(`{"command": "get_netlink_status"}`)["status"].(map[string]any)
	if !reflect.DeepEqual(netlink, map[string]any{"state": "running", "degraded": false, "restarts": 0.0, "lost_events": 0.0,
		"last_event_at": "2025-11-20T20:30:45.123000", "last_restart_at": nil}) {
		t.Fatalf("get_netlink_status: %v", netlink)
	}
}

func TestFailsWhenACommandLineIsNotAnsweredWithItsError(t *testing.T) {
	for _, command := range []string{"start_dhcp", "stop_dhcp", "get_dhcp_status", "toString", "__proto__", ""} {
		line, _ := json.Marshal(map[string]string{"command": command, "container_name": "rt1"})
		if got := answer(string(line)); !reflect.DeepEqual(got, failed("unsupported command: "+command)) {
			t.Errorf("%q: %v", command, got)
		}
	}
	cases := map[string]string{
		`{"command": `:          `invalid JSON: expected one object per line, e.g. {"command": "get_status"}`,
		`[1]`:                   `not a JSON object: expected {"command": "<name>"}`,
		`"get_status"`:          `not a JSON object: expected {"command": "<name>"}`,
		`null`:                  `not a JSON object: expected {"command": "<name>"}`,
		`{"cmd": "get_status"}`: `missing command: expected {"command": "<name>"}`,
		`{"command": 5}`:        `command is not a string, got 5`,
		`{"command": ` + strings.Repeat("[", 30000) + strings.Repeat("]", 30000) + `}`: "$: nests too deeply, got more than 32 levels; expected at most 32 levels of lists and mappings",
	}
	for line, want := range cases {
		if got := answer(line); !reflect.DeepEqual(got, failed(want)) {
			t.Errorf("%.40q: %v", line, got)
		}
	}
	if answer("   ") != nil || answer("") != nil {
		t.Error("a blank line got a reply")
	}
}

func TestAnyLineThatIsNotBlankGetsExactlyOneReplyWithoutType(t *testing.T) {
	random := rand.New(rand.NewSource(1))
	pieces := []string{`{`, `}`, `[`, `]`, `"`, `\`, `"command"`, `:`, `"get_status"`, `,`, `5`, ` `, "\x00", "\xff", `null`}
	for i := 0; i < 5000; i++ {
		var line strings.Builder
		for n := random.Intn(30); n > 0; n-- {
			line.WriteString(pieces[random.Intn(len(pieces))])
		}
		reply := answer(line.String())
		if strings.TrimSpace(line.String()) == "" {
			continue
		}
		if _, typed := reply["type"]; reply == nil || typed {
			t.Fatalf("%q: %v", line.String(), reply)
		}
		if _, ok := reply["success"].(bool); !ok {
			t.Fatalf("%q: no success in %v", line.String(), reply)
		}
	}
}
