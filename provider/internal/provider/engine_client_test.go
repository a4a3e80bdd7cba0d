package provider

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"edgenet.dev/terraform-provider-edgenet/internal/connection"
)

// fakeDaemon answers like an engine of API version api on a unix socket, and records the
// requests it gets after the ping.
type fakeDaemon struct {
	api      string
	mu       sync.Mutex
	requests []string // "METHOD path body"
	inspect  map[string]string
}

func startFakeDaemon(t *testing.T, api string) (*fakeDaemon, string) {
	t.Helper()
	d := &fakeDaemon{api: api, inspect: map[string]string{}}
	sock := filepath.Join(t.TempDir(), "docker.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Api-Version", d.api)
		if strings.HasSuffix(r.URL.Path, "/_ping") {
			_, _ = io.WriteString(w, "OK")
			return
		}
		body, _ := io.ReadAll(r.Body)
		d.mu.Lock()
		d.requests = append(d.requests, r.Method+" "+r.URL.Path+" "+strings.TrimSpace(string(body)))
		d.mu.Unlock()
		for suffix, payload := range d.inspect {
			if strings.HasSuffix(r.URL.Path, suffix) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, payload)
				return
			}
		}
		w.WriteHeader(http.StatusOK)
	}))
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return d, "unix://" + sock
}

func TestConnectFailsWhenTheAPIVersionIsPinned(t *testing.T) {
	// DOCKER_API_VERSION is what pins the Docker CLI's version; the provider does not read it.
	t.Setenv("DOCKER_API_VERSION", "1.41")
	for _, api := range []string{"1.41", "1.56"} {
		t.Run("engine API "+api, func(t *testing.T) {
			d, host := startFakeDaemon(t, api)
			cli, err := connection.NewClient(connection.Settings{Host: host})
			if err != nil {
				t.Fatal(err)
			}
			settings, err := endpointSettings("10.0.0.50", declaredMAC)
			if err != nil {
				t.Fatal(err)
			}
			if err := (dockerEngine{cli: cli}).NetworkConnect(context.Background(), "n1", "c1", settings); err != nil {
				t.Fatal(err)
			}
			if len(d.requests) != 1 {
				t.Fatalf("requests %q", d.requests)
			}
			method, rest, _ := strings.Cut(d.requests[0], " ")
			path, body, _ := strings.Cut(rest, " ")
			if method != "POST" || path != "/v"+api+"/networks/n1/connect" {
				t.Fatalf("request %s %s, want POST /v%s/networks/n1/connect (the negotiated version)", method, path, api)
			}
			var sent struct {
				Container      string
				EndpointConfig struct {
					MacAddress string
					IPAMConfig struct{ IPv4Address string }
				}
			}
			if err := json.Unmarshal([]byte(body), &sent); err != nil {
				t.Fatalf("body %s: %v", body, err)
			}
			if sent.Container != "c1" || sent.EndpointConfig.MacAddress != declaredMAC || sent.EndpointConfig.IPAMConfig.IPv4Address != "10.0.0.50" {
				t.Fatalf("body %s: want the container, the MAC and the address", body)
			}
		})
	}
}

// Real answers of Engine 20.10 (API 1.41) and Engine 29 (API 1.56) of the test bed, decoded by
// the client's types (netip and HardwareAddr fields, empty strings for a stopped container).
func TestInspectFailsWhenTheEnginesAnswersDoNotDecode(t *testing.T) {
	cases := []struct {
		api, state string
		running    bool
		address    string
		mac        string
	}{
		{"1.41", "running", true, "10.250.20.50", "02:42:0a:fa:14:32"},
		{"1.41", "stopped", false, "10.250.20.50", ""},
		{"1.56", "running", true, "10.250.29.50", "02:00:00:aa:bb:01"},
		{"1.56", "stopped", false, "10.250.29.50", ""},
	}
	for _, c := range cases {
		t.Run(c.api+" "+c.state, func(t *testing.T) {
			payload, err := os.ReadFile(filepath.Join("testdata", "container-"+c.state+"-api"+c.api+".json"))
			if err != nil {
				t.Fatal(err)
			}
			netPayload, err := os.ReadFile(filepath.Join("testdata", "network-macvlan-api"+c.api+".json"))
			if err != nil {
				t.Fatal(err)
			}
			d, host := startFakeDaemon(t, c.api)
			d.inspect["/containers/exp-c/json"] = string(payload)
			d.inspect["/networks/exp-mv"] = string(netPayload)
			cli, err := connection.NewClient(connection.Settings{Host: host})
			if err != nil {
				t.Fatal(err)
			}
			e := dockerEngine{cli: cli}
			ctr, err := e.ContainerInspect(context.Background(), "exp-c")
			if err != nil {
				t.Fatal(err)
			}
			n, err := e.NetworkInspect(context.Background(), "exp-mv")
			if err != nil {
				t.Fatal(err)
			}
			if subnet, ok := ipv4Subnet(n); !ok || n.Driver != "macvlan" || n.Options["parent"] != "enacx0" || !subnet.Contains(mustAddr(t, c.address)) {
				t.Fatalf("network %+v", n.Network)
			}
			ep := endpointOf(ctr, n.ID, n.Name)
			if running(ctr) != c.running || ep == nil {
				t.Fatalf("running %v, endpoint %+v", running(ctr), ep)
			}
			if endpointAddress(ep) != c.address || engineMAC(ep) != c.mac {
				t.Fatalf("address %q, MAC %q; want %q, %q", endpointAddress(ep), engineMAC(ep), c.address, c.mac)
			}
		})
	}
}

func mustAddr(t *testing.T, s string) netip.Addr {
	t.Helper()
	a, err := netip.ParseAddr(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
