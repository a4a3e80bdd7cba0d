package connection

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestNewClientDialsTheResolvedHost(t *testing.T) {
	for _, host := range []string{"unix:///run/x/docker.sock", "tcp://127.0.0.1:2375"} {
		c, err := NewClient(Settings{Host: host})
		if err != nil {
			t.Fatalf("%s: %v", host, err)
		}
		if c.DaemonHost() != host {
			t.Fatalf("daemon host = %q, want %q", c.DaemonHost(), host)
		}
	}
}

func TestNewClientReachesSSHHostsThroughDialStdio(t *testing.T) {
	c, err := NewClient(Settings{Host: "ssh://edge@127.0.0.1:2222", SSHOpts: []string{"-o", "BatchMode=yes"}})
	if err != nil {
		t.Fatal(err)
	}
	// The connection helper replaces the host with a dummy HTTP address and dials through ssh.
	if strings.HasPrefix(c.DaemonHost(), "ssh://") {
		t.Fatalf("daemon host = %q, want the connection helper's address", c.DaemonHost())
	}
}

// A cert path without ca.pem, cert.pem and key.pem fails when the client is built, naming the
// host, as in kreuzwerker/docker.
func TestNewClientFailsForAMissingCertPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "none")
	_, err := NewClient(Settings{Host: "tcp://127.0.0.1:2376", CertPath: dir})
	if err == nil || !strings.Contains(err.Error(), "tcp://127.0.0.1:2376") {
		t.Fatalf("err = %v, want one naming the host", err)
	}
}
