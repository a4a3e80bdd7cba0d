package connection

import (
	"context"
	"os"
	"testing"

	"github.com/moby/moby/client"
)

// TestAccClientReachesTheTestBedsEngines: every transport the provider offers (unix socket,
// TLS with a cert path, ssh through `docker system dial-stdio`) reaches the test bed's engines
// with github.com/moby/moby/client, and the API version is the engine's (negotiated, never
// pinned). Each engine and transport the test bed announces in .testbed/env is tried.
func TestAccClientReachesTheTestBedsEngines(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (npm run test:provider does, with the test bed)")
	}
	if os.Getenv(EnvHost) == "" {
		t.Fatal("DOCKER_HOST is not set: source .testbed/env after scripts/testbed.sh up")
	}
	cases := []struct{ name, hostVar, certVar string }{
		{"unix", "DOCKER_HOST", ""},
		{"unix 29", "DOCKER_HOST_29", ""},
		{"tls", "EDGENET_TEST_TLS_HOST", "EDGENET_TEST_TLS_CERT_PATH"},
		{"tls 29", "EDGENET_TEST_TLS_HOST_29", "EDGENET_TEST_TLS_CERT_PATH"},
		{"ssh", "EDGENET_TEST_SSH_HOST", ""},
		{"ssh 29", "EDGENET_TEST_SSH_HOST_29", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			host := os.Getenv(c.hostVar)
			if host == "" {
				t.Skipf("%s is not set: the test bed has no such engine or transport", c.hostVar)
			}
			configured := Configured{Host: &host}
			if c.certVar != "" {
				certs := os.Getenv(c.certVar)
				configured.CertPath = &certs
			}
			cli, err := NewClient(Resolve(configured, func(string) string { return "" }))
			if err != nil {
				t.Fatal(err)
			}
			defer cli.Close()
			v, err := cli.ServerVersion(context.Background(), client.ServerVersionOptions{})
			if err != nil {
				t.Fatalf("%s=%s: %v", c.hostVar, host, err)
			}
			if cli.ClientVersion() != v.APIVersion {
				t.Fatalf("%s: client speaks API %s to an engine of API %s: want the engine's (negotiated)", host, cli.ClientVersion(), v.APIVersion)
			}
			t.Logf("%s=%s: Docker Engine %s, API %s", c.hostVar, host, v.Version, cli.ClientVersion())
		})
	}
}
