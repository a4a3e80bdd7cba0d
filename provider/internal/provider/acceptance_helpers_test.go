package provider

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/client"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"edgenet.dev/terraform-provider-edgenet/internal/connection"
)

// The acceptance tests run against the test bed's real dockerd (scripts/testbed.sh up, then
// .testbed/env sourced; scripts/test-provider.sh does both under the test bed's lock). They
// create only bridge networks and busybox containers labelled accLabel, and remove everything
// with that label before and after each test, also when it fails.

const (
	accLabel = "edgenet.acc"
	accImage = "local/busybox:latest"
)

// accProviders serves this provider in-process; kreuzwerker/docker comes from the test bed's
// mirror (TF_CLI_CONFIG_FILE) as an external provider.
var accProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"edgenet": providerserver.NewProtocol6WithError(New("acc")()),
}

var accExternalProviders = map[string]resource.ExternalProvider{
	"docker": {Source: "kreuzwerker/docker", VersionConstraint: "4.6.0"},
}

// accSetup skips without TF_ACC, fails when the test bed is missing, and returns a client for
// the test bed's engine (built by this provider's own connection code) and a unique name.
func accSetup(t *testing.T) (*client.Client, string) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (npm run test:provider does, with the test bed)")
	}
	if os.Getenv(connection.EnvHost) == "" {
		t.Fatal("DOCKER_HOST is not set: source .testbed/env after scripts/testbed.sh up")
	}
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" && os.Getenv("TERRAFORM_BINARY_NAME") != "" {
		t.Setenv("TF_ACC_TERRAFORM_PATH", os.Getenv("TERRAFORM_BINARY_NAME"))
	}
	if strings.HasPrefix(filepath.Base(os.Getenv("TF_ACC_TERRAFORM_PATH")), "tofu") {
		t.Setenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
	}
	cli, err := connection.NewClient(connection.Resolve(connection.Configured{}, os.Getenv))
	if err != nil {
		t.Fatal(err)
	}
	sweep(t, cli)
	t.Cleanup(func() { sweep(t, cli); _ = cli.Close() })
	return cli, fmt.Sprintf("edgenet-acc-%06d", rand.Intn(1_000_000))
}

// sweep removes every container and network an acceptance test made.
func sweep(t *testing.T, cli *client.Client) {
	t.Helper()
	ctx := context.Background()
	labelled := filters.NewArgs(filters.Arg("label", accLabel))
	ctrs, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: labelled})
	if err != nil {
		t.Errorf("sweep: listing containers: %v", err)
	}
	for _, c := range ctrs {
		if err := cli.ContainerRemove(ctx, c.ID, container.RemoveOptions{Force: true}); err != nil {
			t.Errorf("sweep: removing container %s: %v", c.ID, err)
		}
	}
	nets, err := cli.NetworkList(ctx, network.ListOptions{Filters: labelled})
	if err != nil {
		t.Errorf("sweep: listing networks: %v", err)
	}
	for _, n := range nets {
		if err := cli.NetworkRemove(ctx, n.ID); err != nil {
			t.Errorf("sweep: removing network %s: %v", n.Name, err)
		}
	}
}

// runIdentity says which process runs in a container: if it is the same before and after,
// the container was neither recreated nor restarted.
type runIdentity struct {
	ID, StartedAt string
	Pid           int
	Restarts      int
	ProcStart     string // start time of PID 1 in the host's /proc (clock ticks since boot)
}

func identityOf(ctx context.Context, cli *client.Client, ref string) (runIdentity, error) {
	c, err := cli.ContainerInspect(ctx, ref)
	if err != nil {
		return runIdentity{}, err
	}
	if c.State == nil || !c.State.Running {
		return runIdentity{}, fmt.Errorf("container %s is not running", ref)
	}
	id := runIdentity{ID: c.ID, StartedAt: c.State.StartedAt, Pid: c.State.Pid, Restarts: c.RestartCount}
	// The test bed's dockerd runs on this machine, so its PIDs are ours to look at.
	if stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c.State.Pid)); err == nil {
		fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		id.ProcStart = fields[19] // field 22 of stat, counted after the command name
	}
	return id, nil
}

// recordIdentity stores the container's identity in *into.
func recordIdentity(cli *client.Client, ref func() string, into *runIdentity) resource.TestCheckFunc {
	return func(*terraform.State) error {
		id, err := identityOf(context.Background(), cli, ref())
		*into = id
		return err
	}
}

// sameIdentity fails unless the container runs the very process recorded before.
func sameIdentity(cli *client.Client, ref func() string, before *runIdentity) resource.TestCheckFunc {
	return func(*terraform.State) error {
		now, err := identityOf(context.Background(), cli, ref())
		if err != nil {
			return err
		}
		if before.ID == "" {
			return fmt.Errorf("no identity recorded for %s", ref())
		}
		if now != *before {
			return fmt.Errorf("container %s was recreated or restarted: before %+v, now %+v", ref(), *before, now)
		}
		return nil
	}
}

// connectedWith fails unless the container has an endpoint on the network with this address.
func connectedWith(cli *client.Client, ctrRef, netRef func() string, address string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ep, err := endpointFor(cli, ctrRef(), netRef())
		if err != nil {
			return err
		}
		if ep == nil {
			return fmt.Errorf("container %s is not connected to network %s", ctrRef(), netRef())
		}
		if ep.IPAddress != address {
			return fmt.Errorf("container %s has %q on network %s, want %q", ctrRef(), ep.IPAddress, netRef(), address)
		}
		return nil
	}
}

// notConnected fails if the container has an endpoint on the network.
func notConnected(cli *client.Client, ctrRef, netRef func() string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ep, err := endpointFor(cli, ctrRef(), netRef())
		if err != nil {
			return err
		}
		if ep != nil {
			return fmt.Errorf("container %s is still connected to network %s (%s)", ctrRef(), netRef(), ep.IPAddress)
		}
		return nil
	}
}

// endpointFor finds the endpoint by the network's ID (a name may by now be another network).
func endpointFor(cli *client.Client, ctrRef, netRef string) (*network.EndpointSettings, error) {
	ctx := context.Background()
	n, err := cli.NetworkInspect(ctx, netRef, network.InspectOptions{})
	if err != nil {
		return nil, err
	}
	c, err := cli.ContainerInspect(ctx, ctrRef)
	if err != nil {
		return nil, err
	}
	return endpointOf(c, n.ID, n.Name), nil
}

// stateAttrs keeps attributes a check saw in state, for checks of later steps.
type stateAttrs struct{ values map[string]string }

func (s *stateAttrs) capture(addr string, names ...string) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		rs, ok := st.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s is not in state", addr)
		}
		if s.values == nil {
			s.values = map[string]string{}
		}
		for _, n := range names {
			s.values[addr+"."+n] = rs.Primary.Attributes[n]
		}
		return nil
	}
}

func (s *stateAttrs) get(key string) func() string { return func() string { return s.values[key] } }

// absentFromState fails if the resource is still in state.
func absentFromState(addr string) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		if _, ok := st.RootModule().Resources[addr]; ok {
			return fmt.Errorf("%s is still in state", addr)
		}
		return nil
	}
}

// apiContainer starts a busybox container outside Terraform.
func apiContainer(t *testing.T, cli *client.Client, name string) string {
	t.Helper()
	ctx := context.Background()
	created, err := cli.ContainerCreate(ctx,
		&container.Config{Image: accImage, Cmd: []string{"sleep", "infinity"}, Labels: map[string]string{accLabel: "1"}},
		&container.HostConfig{}, nil, nil, name)
	if err != nil {
		t.Fatal(err)
	}
	if err := cli.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		t.Fatal(err)
	}
	return created.ID
}

// apiNetwork creates a bridge network outside Terraform.
func apiNetwork(t *testing.T, cli *client.Client, name, subnet, gateway string) string {
	t.Helper()
	created, err := cli.NetworkCreate(context.Background(), name, network.CreateOptions{
		Driver: "bridge",
		IPAM:   &network.IPAM{Config: []network.IPAMConfig{{Subnet: subnet, Gateway: gateway}}},
		Labels: map[string]string{accLabel: "1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return created.ID
}

// ownVeth creates a veth pair of the test's own (both ends up, no addresses, in this network
// namespace) as a macvlan parent, and removes it when the test ends. Never the machine's eth0.
func ownVeth(t *testing.T, cli *client.Client, name string) string {
	t.Helper()
	if os.Geteuid() != 0 || !strings.HasPrefix(os.Getenv(connection.EnvHost), "unix://") {
		t.Skip("a macvlan parent of our own needs root and the test bed's dockerd on this machine")
	}
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	_ = exec.Command("ip", "link", "del", name).Run() // left over by a killed run
	run("link", "add", name, "type", "veth", "peer", "name", name+"p")
	t.Cleanup(func() {
		sweep(t, cli) // the macvlan network goes before its parent
		_ = exec.Command("ip", "link", "del", name).Run()
	})
	run("link", "set", name, "up")
	run("link", "set", name+"p", "up")
	return name
}

// apiMacvlan creates a macvlan network on parent outside Terraform.
func apiMacvlan(t *testing.T, cli *client.Client, name, parent, subnet, gateway string) string {
	t.Helper()
	created, err := cli.NetworkCreate(context.Background(), name, network.CreateOptions{
		Driver:  "macvlan",
		Options: map[string]string{"parent": parent},
		IPAM:    &network.IPAM{Config: []network.IPAMConfig{{Subnet: subnet, Gateway: gateway}}},
		Labels:  map[string]string{accLabel: "1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return created.ID
}
