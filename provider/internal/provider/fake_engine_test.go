package provider

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sort"
	"strings"
	"sync"
	"testing"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
)

// fakeEngine is an engine in memory with the kernel's part that matters here: each running
// container has interfaces with MACs, which the helper (simulated, see RunHelper) lists and
// changes, and a macvlan parent gives a MAC to one link only.
type fakeEngine struct {
	mu sync.Mutex
	// appliesMAC: the engine gives the endpoint the MAC asked for on connect (API >= 1.54);
	// otherwise it gives it 02:42:<IPv4 address>, as Engine 20.10 does.
	appliesMAC   bool
	missingImage bool
	helperFails  string // output of a helper that exits 1, when not empty

	containers map[string]*fakeContainer
	networks   map[string]network.Inspect

	helperRuns []helperRun
	calls      []string // "connect <net>", "disconnect <net>", "helper <list|set>"
	announced  []string // "<interface> <address>"
}

type fakeContainer struct {
	id, name string
	running  bool
	eps      map[string]*network.EndpointSettings // by network name
	ifaces   []*fakeIface
	next     int
}

type fakeIface struct {
	name, mac, ipv4, networkID, parent string
}

func newFakeEngine(appliesMAC bool) *fakeEngine {
	return &fakeEngine{appliesMAC: appliesMAC, containers: map[string]*fakeContainer{}, networks: map[string]network.Inspect{}}
}

func (f *fakeEngine) addNetwork(id, name, driver, parent, subnet string) {
	n := network.Inspect{Network: network.Network{ID: id, Name: name, Driver: driver, Options: map[string]string{}}}
	if parent != "" {
		n.Options["parent"] = parent
	}
	n.IPAM.Config = []network.IPAMConfig{{Subnet: netip.MustParsePrefix(subnet)}}
	f.networks[id] = n
}

func (f *fakeEngine) addContainer(id, name string, running bool) *fakeContainer {
	c := &fakeContainer{id: id, name: name, running: running, eps: map[string]*network.EndpointSettings{}, next: 1}
	f.containers[id] = c
	return c
}

func (f *fakeEngine) container(ref string) (*fakeContainer, error) {
	for _, c := range f.containers {
		if c.id == ref || c.name == ref {
			return c, nil
		}
	}
	return nil, cerrdefs.ErrNotFound.WithMessage("No such container: " + ref)
}

func (f *fakeEngine) network(ref string) (network.Inspect, error) {
	for _, n := range f.networks {
		if n.ID == ref || n.Name == ref {
			return n, nil
		}
	}
	return network.Inspect{}, cerrdefs.ErrNotFound.WithMessage("network " + ref + " not found")
}

func (f *fakeEngine) ContainerInspect(_ context.Context, ref string) (container.InspectResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.container(ref)
	if err != nil {
		return container.InspectResponse{}, err
	}
	out := container.InspectResponse{ID: c.id, Name: "/" + c.name, State: &container.State{Running: c.running},
		NetworkSettings: &container.NetworkSettings{Networks: map[string]*network.EndpointSettings{}}}
	for name, ep := range c.eps {
		cp := ep.Copy()
		if !c.running { // what the engines report for a stopped container
			cp.IPAddress, cp.MacAddress = netip.Addr{}, nil
		}
		out.NetworkSettings.Networks[name] = cp
	}
	return out, nil
}

func (f *fakeEngine) NetworkInspect(_ context.Context, ref string) (network.Inspect, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.network(ref)
}

// connect is the engine's connect: an endpoint with the address asked for (else the next free
// one), the MAC asked for where the engine applies it (else 02:42:<address>), and on a running
// container its interface, which the kernel refuses when another link on the same parent has
// that MAC.
func (f *fakeEngine) connect(c *fakeContainer, n network.Inspect, cfg *network.EndpointSettings) error {
	if _, ok := c.eps[n.Name]; ok {
		return fmt.Errorf("endpoint with name %s already exists in network %s", c.name, n.Name)
	}
	var addr netip.Addr
	if cfg != nil && cfg.IPAMConfig != nil && cfg.IPAMConfig.IPv4Address.IsValid() {
		addr = cfg.IPAMConfig.IPv4Address
	} else {
		addr = n.IPAM.Config[0].Subnet.Addr().Next().Next()
		for f.addressTaken(n.ID, addr) {
			addr = addr.Next()
		}
	}
	if !n.IPAM.Config[0].Subnet.Contains(addr) {
		return cerrdefs.ErrInvalidArgument.WithMessage(fmt.Sprintf("no configured subnet contains IP address %s", addr))
	}
	a4 := addr.As4()
	mac := net.HardwareAddr{0x02, 0x42, a4[0], a4[1], a4[2], a4[3]}
	if f.appliesMAC && cfg != nil && len(cfg.MacAddress) > 0 {
		mac = net.HardwareAddr(cfg.MacAddress)
	}
	parent := n.Options["parent"]
	if c.running {
		if holder := c.linkWith(mac.String(), parent, ""); holder != nil {
			return fmt.Errorf("failed to add interface to sandbox: error setting interface MAC to %q: address already in use", mac)
		}
		c.ifaces = append(c.ifaces, &fakeIface{name: fmt.Sprintf("eth%d", c.next), mac: mac.String(), ipv4: addr.String(), networkID: n.ID, parent: parent})
		c.next++
	}
	ep := &network.EndpointSettings{NetworkID: n.ID, EndpointID: fmt.Sprintf("ep-%s-%s", c.id, n.ID),
		IPAddress: addr, MacAddress: network.HardwareAddr(mac)}
	if cfg != nil && cfg.IPAMConfig != nil {
		ep.IPAMConfig = cfg.IPAMConfig.Copy()
	}
	c.eps[n.Name] = ep
	return nil
}

func (f *fakeEngine) addressTaken(networkID string, a netip.Addr) bool {
	for _, c := range f.containers {
		for _, ep := range c.eps {
			if ep.NetworkID == networkID && ep.IPAddress == a {
				return true
			}
		}
	}
	return false
}

// linkWith is the container's link on parent (non-empty) with this MAC, other than except.
func (c *fakeContainer) linkWith(mac, parent, except string) *fakeIface {
	if parent == "" {
		return nil
	}
	for _, i := range c.ifaces {
		if i.parent == parent && i.mac == mac && i.name != except {
			return i
		}
	}
	return nil
}

func (f *fakeEngine) NetworkConnect(_ context.Context, networkID, containerID string, cfg *network.EndpointSettings) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "connect "+networkID)
	c, err := f.container(containerID)
	if err != nil {
		return err
	}
	n, err := f.network(networkID)
	if err != nil {
		return err
	}
	return f.connect(c, n, cfg)
}

func (f *fakeEngine) NetworkDisconnect(_ context.Context, networkID, containerID string, _ bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "disconnect "+networkID)
	c, err := f.container(containerID)
	if err != nil {
		return err
	}
	n, err := f.network(networkID)
	if err != nil {
		return err
	}
	if _, ok := c.eps[n.Name]; !ok {
		return cerrdefs.ErrNotFound.WithMessage("container is not connected to the network")
	}
	delete(c.eps, n.Name)
	for i, x := range c.ifaces {
		if x.networkID == n.ID {
			c.ifaces = append(c.ifaces[:i], c.ifaces[i+1:]...)
			break
		}
	}
	return nil
}

// RunHelper does what helperScript does, on the fake's interfaces.
func (f *fakeEngine) RunHelper(_ context.Context, run helperRun) (helperResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	env := map[string]string{}
	for _, kv := range run.Env {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	mode := "list"
	if env["EDGENET_TO"] != "" {
		mode = "set"
	}
	f.calls = append(f.calls, "helper "+mode)
	f.helperRuns = append(f.helperRuns, run)
	if f.missingImage {
		return helperResult{}, &missingImageError{image: run.Image, err: errors.New("No such image: " + run.Image)}
	}
	c, err := f.container(run.ContainerID)
	if err != nil {
		return helperResult{}, err
	}
	if !c.running {
		return helperResult{}, errors.New("cannot join network namespace of a non running container")
	}
	if f.helperFails != "" {
		return helperResult{ExitCode: 1, Output: f.helperFails}, nil
	}
	if mode == "list" {
		return helperResult{Output: c.listing()}, nil
	}
	var matches []*fakeIface
	for _, i := range c.ifaces {
		if i.mac == env["EDGENET_FROM"] {
			matches = append(matches, i)
		}
	}
	if len(matches) > 1 && env["EDGENET_ADDR"] != "" {
		var narrowed []*fakeIface
		for _, i := range matches {
			if i.ipv4 == env["EDGENET_ADDR"] {
				narrowed = append(narrowed, i)
			}
		}
		matches = narrowed
	}
	switch {
	case len(matches) == 0 && env["EDGENET_ABSENT_OK"] == "1":
		return helperResult{Output: "absent " + env["EDGENET_FROM"] + "\n" + c.listing()}, nil
	case len(matches) == 0:
		return helperResult{ExitCode: 3, Output: "edgenet helper: no interface has MAC " + env["EDGENET_FROM"] + "\n" + c.listing()}, nil
	case len(matches) > 1:
		return helperResult{ExitCode: 4, Output: "edgenet helper: several interfaces have MAC " + env["EDGENET_FROM"] + "\n" + c.listing()}, nil
	}
	i := matches[0]
	if c.linkWith(env["EDGENET_TO"], i.parent, i.name) != nil {
		return helperResult{ExitCode: 5, Output: "ip: SIOCSIFHWADDR: Address already in use\n" + c.listing()}, nil
	}
	i.mac = env["EDGENET_TO"]
	if env["EDGENET_ANNOUNCE"] == "1" && env["EDGENET_ADDR"] != "" {
		f.announced = append(f.announced, i.name+" "+env["EDGENET_ADDR"])
	}
	return helperResult{Output: fmt.Sprintf("set %s %s\n%s", i.name, i.mac, c.listing())}, nil
}

func (c *fakeContainer) listing() string {
	var b strings.Builder
	b.WriteString("link lo 00:00:00:00:00:00\n")
	for _, i := range c.ifaces {
		fmt.Fprintf(&b, "link %s %s\n", i.name, i.mac)
	}
	b.WriteString("addr lo 127.0.0.1\n")
	for _, i := range c.ifaces {
		fmt.Fprintf(&b, "addr %s %s\n", i.name, i.ipv4)
	}
	return b.String()
}

// wireMAC is the MAC of the container's interface on the network, "" when it has none.
func (f *fakeEngine) wireMAC(containerID, networkID string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, i := range f.containers[containerID].ifaces {
		if i.networkID == networkID {
			return i.mac
		}
	}
	return ""
}

// setWireMAC changes an interface's MAC behind the engine's back, as by hand.
func (f *fakeEngine) setWireMAC(containerID, networkID, mac string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, i := range f.containers[containerID].ifaces {
		if i.networkID == networkID {
			i.mac = mac
		}
	}
}

func (f *fakeEngine) countCalls(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

func (f *fakeEngine) resetCalls() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls, f.helperRuns, f.announced = nil, nil, nil
}

// The resource on the fake, and its CRUD driven as the framework drives it.

func fakeResource(f *fakeEngine) *networkAttachmentResource {
	s := newEngineSession(f, DefaultHelperImage)
	return &networkAttachmentResource{engine: s.engine, wire: s.wire}
}

func attachmentSchema(r *networkAttachmentResource) resource.SchemaResponse {
	var resp resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &resp)
	return resp
}

// planned is the plan of a new attachment with these arguments ("" = not set).
func planned(ctr, net, address, mac string) attachmentModel {
	opt := func(s string) types.String {
		if s == "" {
			return types.StringNull()
		}
		return types.StringValue(s)
	}
	return attachmentModel{
		ID: types.StringUnknown(), Container: types.StringValue(ctr), Network: types.StringValue(net),
		IPv4Address: opt(address), MacAddress: opt(mac), IPv4HostIndex: types.Int64Null(),
		ContainerID: types.StringUnknown(), NetworkID: types.StringUnknown(),
		AssignedIPv4Address: types.StringUnknown(), AssignedMacAddress: types.StringUnknown(),
	}
}

func doCreate(t *testing.T, r *networkAttachmentResource, plan attachmentModel) (attachmentModel, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	s := attachmentSchema(r).Schema
	req := resource.CreateRequest{Plan: tfsdk.Plan{Schema: s}}
	if d := req.Plan.Set(ctx, &plan); d.HasError() {
		t.Fatal(d)
	}
	resp := resource.CreateResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}}
	r.Create(ctx, req, &resp)
	var out attachmentModel
	if !resp.State.Raw.IsNull() {
		if d := resp.State.Get(ctx, &out); d.HasError() {
			t.Fatal(d)
		}
	}
	return out, resp.Diagnostics
}

func doRead(t *testing.T, r *networkAttachmentResource, state attachmentModel) (attachmentModel, bool, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	s := attachmentSchema(r).Schema
	st := tfsdk.State{Schema: s}
	if d := st.Set(ctx, &state); d.HasError() {
		t.Fatal(d)
	}
	resp := resource.ReadResponse{State: st}
	r.Read(ctx, resource.ReadRequest{State: st}, &resp)
	if resp.State.Raw.IsNull() {
		return attachmentModel{}, true, resp.Diagnostics
	}
	var out attachmentModel
	if d := resp.State.Get(ctx, &out); d.HasError() {
		t.Fatal(d)
	}
	return out, false, resp.Diagnostics
}

func doDelete(t *testing.T, r *networkAttachmentResource, state attachmentModel) diag.Diagnostics {
	t.Helper()
	ctx := context.Background()
	s := attachmentSchema(r).Schema
	st := tfsdk.State{Schema: s}
	if d := st.Set(ctx, &state); d.HasError() {
		t.Fatal(d)
	}
	resp := resource.DeleteResponse{State: st}
	r.Delete(ctx, resource.DeleteRequest{State: st}, &resp)
	return resp.Diagnostics
}

func mustCreate(t *testing.T, r *networkAttachmentResource, plan attachmentModel) attachmentModel {
	t.Helper()
	out, d := doCreate(t, r, plan)
	if d.HasError() {
		t.Fatalf("create: %v", diagText(d))
	}
	return out
}

func diagText(d diag.Diagnostics) string {
	var parts []string
	for _, x := range d {
		parts = append(parts, fmt.Sprintf("%s: %s: %s", x.Severity(), x.Summary(), x.Detail()))
	}
	sort.Strings(parts)
	return strings.Join(parts, "\n")
}
