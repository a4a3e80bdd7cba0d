package provider

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"
	"github.com/moby/moby/client/pkg/versions"

	"edgenet.dev/terraform-provider-edgenet/internal/connection"
)

// The acceptance tests run against the test bed's real engines (scripts/testbed.sh up, then
// .testbed/env sourced; scripts/test-provider.sh does both under the test bed's lock):
// DOCKER_HOST (Engine 20.10, API 1.41) and, when the test bed has it, DOCKER_HOST_29
// (Engine 29, API 1.56). Each test runs once per engine, as a subtest named after the
// variable, with both providers configured for that engine. They create only bridge and
// macvlan networks (the latter on veth pairs of their own) and busybox containers labelled
// accLabel, and remove everything with that label before and after each test, also when it
// fails.

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

// accEngine is one engine of the test bed.
type accEngine struct {
	EnvVar  string // the variable naming it: DOCKER_HOST or DOCKER_HOST_29
	Host    string
	API     string // the engine's API version
	Version string // the engine's version
	cli     *client.Client
}

// appliesMACOnConnect: engines of API >= 1.54 give the endpoint the MAC asked for on connect
// (to requests of that version or later).
func (e *accEngine) appliesMACOnConnect() bool { return !versions.LessThan(e.API, "1.54") }

// allowsMacvlanSiblings: Docker Engine >= 27 (API 1.46) lets several macvlan networks share
// one parent, which create_before_destroy of a macvlan network needs.
func (e *accEngine) allowsMacvlanSiblings() bool { return !versions.LessThan(e.API, "1.46") }

// providers is the provider blocks for this engine: edgenet's always, kreuzwerker/docker's
// when the configuration uses it. extra goes into edgenet's block.
func (e *accEngine) providers(withDocker bool, extra string) string {
	s := fmt.Sprintf("provider \"edgenet\" {\n  host = %q\n  %s\n}\n", e.Host, extra)
	if withDocker {
		s += fmt.Sprintf("provider \"docker\" {\n  host = %q\n}\n", e.Host)
	}
	return s
}

// forEachEngine runs body once per engine of the test bed, as a subtest named after the
// engine's variable. It skips without TF_ACC, and fails when the test bed is missing.
func forEachEngine(t *testing.T, body func(t *testing.T, e *accEngine, name string)) {
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
	vars := []string{connection.EnvHost}
	if os.Getenv("DOCKER_HOST_29") != "" {
		vars = append(vars, "DOCKER_HOST_29")
	} else {
		t.Log("DOCKER_HOST_29 is not set: running on DOCKER_HOST's engine only")
	}
	for _, v := range vars {
		t.Run(v, func(t *testing.T) {
			e := &accEngine{EnvVar: v, Host: os.Getenv(v)}
			var err error
			// Built by this provider's own connection code, as the provider builds its client.
			if e.cli, err = connection.NewClient(connection.Settings{Host: e.Host}); err != nil {
				t.Fatal(err)
			}
			ver, err := e.cli.ServerVersion(context.Background(), client.ServerVersionOptions{})
			if err != nil {
				t.Fatalf("%s=%s: %v", v, e.Host, err)
			}
			e.API, e.Version = ver.APIVersion, ver.Version
			t.Logf("%s=%s: Docker Engine %s (API %s)", v, e.Host, e.Version, e.API)
			sweep(t, e.cli)
			t.Cleanup(func() { sweep(t, e.cli); _ = e.cli.Close() })
			body(t, e, fmt.Sprintf("edgenet-acc-%06d", rand.Intn(1_000_000)))
		})
	}
}

// sweep removes every container and network an acceptance test made.
func sweep(t *testing.T, cli *client.Client) {
	t.Helper()
	ctx := context.Background()
	labelled := client.Filters{}.Add("label", accLabel)
	ctrs, err := cli.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: labelled})
	if err != nil {
		t.Errorf("sweep: listing containers: %v", err)
	}
	for _, c := range ctrs.Items {
		if _, err := cli.ContainerRemove(ctx, c.ID, client.ContainerRemoveOptions{Force: true}); err != nil {
			t.Errorf("sweep: removing container %s: %v", c.ID, err)
		}
	}
	nets, err := cli.NetworkList(ctx, client.NetworkListOptions{Filters: labelled})
	if err != nil {
		t.Errorf("sweep: listing networks: %v", err)
	}
	for _, n := range nets.Items {
		if _, err := cli.NetworkRemove(ctx, n.ID, client.NetworkRemoveOptions{}); err != nil {
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
	res, err := cli.ContainerInspect(ctx, ref, client.ContainerInspectOptions{})
	if err != nil {
		return runIdentity{}, err
	}
	c := res.Container
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
		if liveAddress(ep) != address {
			return fmt.Errorf("container %s has %q on network %s, want %q", ctrRef(), liveAddress(ep), netRef(), address)
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
	n, err := cli.NetworkInspect(ctx, netRef, client.NetworkInspectOptions{})
	if err != nil {
		return nil, err
	}
	c, err := cli.ContainerInspect(ctx, ctrRef, client.ContainerInspectOptions{})
	if err != nil {
		return nil, err
	}
	return endpointOf(c.Container, n.Network.ID, n.Network.Name), nil
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
	created, err := cli.ContainerCreate(ctx, client.ContainerCreateOptions{
		Config: &container.Config{Image: accImage, Cmd: []string{"sleep", "infinity"}, Labels: map[string]string{accLabel: "1"}},
		Name:   name,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cli.ContainerStart(ctx, created.ID, client.ContainerStartOptions{}); err != nil {
		t.Fatal(err)
	}
	return created.ID
}

// apiNetwork creates a bridge network outside Terraform.
func apiNetwork(t *testing.T, cli *client.Client, name, subnet, gateway string) string {
	t.Helper()
	created, err := cli.NetworkCreate(context.Background(), name, client.NetworkCreateOptions{
		Driver: "bridge",
		IPAM:   &network.IPAM{Config: []network.IPAMConfig{{Subnet: netip.MustParsePrefix(subnet), Gateway: netip.MustParseAddr(gateway)}}},
		Labels: map[string]string{accLabel: "1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return created.ID
}

// ownVeth creates a veth pair of the test's own (both ends up, no addresses, in this network
// namespace) as a macvlan parent, and removes it when the test ends. Never the machine's eth0.
func ownVeth(t *testing.T, e *accEngine, name string) string {
	t.Helper()
	cli := e.cli
	if os.Geteuid() != 0 || !strings.HasPrefix(e.Host, "unix://") {
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
	created, err := cli.NetworkCreate(context.Background(), name, client.NetworkCreateOptions{
		Driver:  "macvlan",
		Options: map[string]string{"parent": parent},
		IPAM:    &network.IPAM{Config: []network.IPAMConfig{{Subnet: netip.MustParsePrefix(subnet), Gateway: netip.MustParseAddr(gateway)}}},
		Labels:  map[string]string{accLabel: "1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return created.ID
}

// execIn runs cmd in the container (docker exec) and returns its output.
func execIn(ctx context.Context, cli *client.Client, ctrID string, cmd ...string) (string, error) {
	created, err := cli.ExecCreate(ctx, ctrID, client.ExecCreateOptions{AttachStdout: true, AttachStderr: true, Cmd: cmd})
	if err != nil {
		return "", fmt.Errorf("exec %q in %s: %w", cmd, ctrID, err)
	}
	att, err := cli.ExecAttach(ctx, created.ID, client.ExecAttachOptions{})
	if err != nil {
		return "", fmt.Errorf("exec %q in %s: %w", cmd, ctrID, err)
	}
	defer att.Close()
	var out bytes.Buffer
	if _, err := stdcopy.StdCopy(&out, &out, att.Reader); err != nil {
		return out.String(), fmt.Errorf("exec %q in %s: reading its output: %w", cmd, ctrID, err)
	}
	res, err := cli.ExecInspect(ctx, created.ID, client.ExecInspectOptions{})
	if err != nil {
		return out.String(), err
	}
	if res.ExitCode != 0 {
		return out.String(), fmt.Errorf("exec %q in %s: exit code %d: %s", cmd, ctrID, res.ExitCode, out.String())
	}
	return out.String(), nil
}

// interfaceWith finds, from inside the container, the interface that has this IPv4 address,
// and returns its name and the MAC the kernel has for it (/sys/class/net/IF/address): what is
// on the wire, whatever the engine or the state say.
func interfaceWith(ctx context.Context, cli *client.Client, ctrID, address string) (name, mac string, err error) {
	out, err := execIn(ctx, cli, ctrID, "sh", "-c",
		`ip -o -4 addr show | while read -r _ n _ c _; do [ "${c%%/*}" = "$1" ] && echo "$n $(cat /sys/class/net/$n/address)"; done`,
		"sh", address)
	if err != nil {
		return "", "", err
	}
	lines := strings.Fields(out)
	if len(lines) != 2 {
		return "", "", fmt.Errorf("container %s: want one interface with address %s, found %q", ctrID, address, out)
	}
	return lines[0], lines[1], nil
}

// macOnWire fails unless the container's interface with the endpoint's address on the network
// has MAC want, as read inside the container.
func macOnWire(cli *client.Client, ctrRef, netRef func() string, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ep, err := endpointFor(cli, ctrRef(), netRef())
		if err != nil {
			return err
		}
		if ep == nil {
			return fmt.Errorf("container %s is not connected to network %s", ctrRef(), netRef())
		}
		name, mac, err := interfaceWith(context.Background(), cli, ctrRef(), liveAddress(ep))
		if err != nil {
			return err
		}
		if mac != want {
			return fmt.Errorf("container %s: interface %s (%s) has MAC %s on the wire, want %s (the engine reports %s)",
				ctrRef(), name, liveAddress(ep), mac, want, engineMAC(ep))
		}
		return nil
	}
}

// setMACByHand gives the container's interface with this address another MAC, as an
// operator would: `ip link set dev IF address MAC` in a container of its own in the
// container's network namespace with NET_ADMIN (a privileged `docker exec` fails on Engine
// 20.10 here: its runc cannot apply this kernel's capability set).
func setMACByHand(t *testing.T, cli *client.Client, ctrID, address, mac string) {
	t.Helper()
	ctx := context.Background()
	name, _, err := interfaceWith(ctx, cli, ctrID, address)
	if err != nil {
		t.Fatal(err)
	}
	created, err := cli.ContainerCreate(ctx, client.ContainerCreateOptions{
		Config: &container.Config{Image: accImage, Cmd: []string{"ip", "link", "set", "dev", name, "address", mac},
			Labels: map[string]string{accLabel: "1"}},
		HostConfig: &container.HostConfig{NetworkMode: container.NetworkMode("container:" + ctrID), CapAdd: []string{"NET_ADMIN"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _, _ = cli.ContainerRemove(ctx, created.ID, client.ContainerRemoveOptions{Force: true}) }()
	if _, err := cli.ContainerStart(ctx, created.ID, client.ContainerStartOptions{}); err != nil {
		t.Fatal(err)
	}
	wait := cli.ContainerWait(ctx, created.ID, client.ContainerWaitOptions{Condition: container.WaitConditionNotRunning})
	select {
	case res := <-wait.Result:
		if res.StatusCode != 0 {
			t.Fatalf("ip link set dev %s address %s: exit code %d", name, mac, res.StatusCode)
		}
	case err := <-wait.Error:
		t.Fatal(err)
	}
	if _, got, err := interfaceWith(ctx, cli, ctrID, address); err != nil || got != mac {
		t.Fatalf("after setting it by hand, interface %s has MAC %q (%v), want %s", name, got, err, mac)
	}
}

// noHelperLeft fails if a helper container of the provider is still there for the container.
func noHelperLeft(cli *client.Client, ctrRef func() string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ctrs, err := cli.ContainerList(context.Background(), client.ContainerListOptions{
			All: true, Filters: client.Filters{}.Add("label", helperLabel),
		})
		if err != nil {
			return err
		}
		for _, c := range ctrs.Items {
			if c.HostConfig.NetworkMode == "container:"+ctrRef() {
				return fmt.Errorf("helper container %s (%s) was left behind", c.ID, c.State)
			}
		}
		return nil
	}
}
