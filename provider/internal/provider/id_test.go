package provider

import (
	"strings"
	"testing"
)

func TestParseImportID(t *testing.T) {
	cases := []struct{ id, container, network string }{
		{"rt1:lan", "rt1", "lan"},
		{"4f1c2e:9a8b7c", "4f1c2e", "9a8b7c"},
		{"rt1:macvlan_eth0_192.168.1.0_24", "rt1", "macvlan_eth0_192.168.1.0_24"},
		{"rt1:odd:name", "rt1", "odd:name"}, // container names have no ':', network names may
	}
	for _, c := range cases {
		ctr, net, err := parseImportID(c.id)
		if err != nil || ctr != c.container || net != c.network {
			t.Errorf("parseImportID(%q) = %q, %q, %v; want %q, %q", c.id, ctr, net, err, c.container, c.network)
		}
	}
}

func TestParseImportIDFailsWithoutBothParts(t *testing.T) {
	for _, id := range []string{"", "rt1", "rt1:", ":lan", ":"} {
		_, _, err := parseImportID(id)
		if err == nil || !strings.Contains(err.Error(), "<container>:<network>") {
			t.Errorf("parseImportID(%q): err = %v, want one naming the expected form", id, err)
		}
	}
}

func TestAttachmentIDJoinsContainerAndNetwork(t *testing.T) {
	if got := attachmentID("c0ffee", "beef"); got != "c0ffee:beef" {
		t.Fatalf("attachmentID = %q", got)
	}
}
