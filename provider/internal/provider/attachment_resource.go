package provider

import (
	"context"
	"fmt"
	"net"
	"net/netip"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
)

// networkAttachmentResource is edgenet_network_attachment: the endpoint of one container
// on one network, managed on its own so that replacing a network (a subnet move) only
// disconnects and reconnects the containers on it instead of recreating them.
type networkAttachmentResource struct {
	engine engineAPI
	wire   *wireMACs
}

var (
	_ resource.ResourceWithConfigure      = (*networkAttachmentResource)(nil)
	_ resource.ResourceWithImportState    = (*networkAttachmentResource)(nil)
	_ resource.ResourceWithValidateConfig = (*networkAttachmentResource)(nil)
)

func newNetworkAttachmentResource() resource.Resource { return &networkAttachmentResource{} }

func pathOf(name string) path.Path { return path.Root(name) }

func (r *networkAttachmentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_network_attachment"
}

func (r *networkAttachmentResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return // not configured yet (validation), or the provider block is not known yet
	}
	session, ok := req.ProviderData.(*engineSession)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data", fmt.Sprintf("got %T, expected the provider's engine session", req.ProviderData))
		return
	}
	r.engine, r.wire = session.engine, session.wire
}

// ready reports whether the provider could be configured; every engine-facing operation
// checks it so an unknown provider block ends in a clear error, not a nil dereference.
func (r *networkAttachmentResource) ready(resp interface{ AddError(string, string) }) bool {
	if r.engine == nil {
		resp.AddError("Provider not configured",
			"the edgenet provider's host, cert_path or ssh_opts is not known yet; set it from values known at plan time")
		return false
	}
	return true
}

// Create connects the container, or adopts an endpoint that is already what the
// configuration asks for; then it makes the declared MAC the one on the wire (wire_mac.go).
func (r *networkAttachmentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.ready(&resp.Diagnostics) {
		return
	}
	var plan attachmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctrRef, netRef := plan.Container.ValueString(), plan.Network.ValueString()
	declared := plan.MacAddress.ValueString()
	action := "connect container to network"

	net, err := r.engine.NetworkInspect(ctx, netRef)
	if err != nil {
		resp.Diagnostics.Append(engineFailure(action, ctrRef, netRef, fmt.Errorf("inspecting the network: %w", err)))
		return
	}
	ctr, err := r.engine.ContainerInspect(ctx, ctrRef)
	if err != nil {
		resp.Diagnostics.Append(engineFailure(action, ctrRef, netRef, fmt.Errorf("inspecting the container: %w", err)))
		return
	}
	wanted, err := plan.addressRequest().resolve(net)
	if err != nil {
		resp.Diagnostics.Append(attachmentFailure(action, ctrRef, netRef, err.Error()))
		return
	}
	settings, err := endpointSettings(wanted, declared)
	if err != nil {
		resp.Diagnostics.Append(attachmentFailure(action, ctrRef, netRef, err.Error()))
		return
	}

	existing := endpointOf(ctr, net.ID, net.Name)
	decision := decideEndpoint(existing != nil, endpointAddress(existing), wanted)
	tflog.Info(ctx, "network attachment", map[string]any{
		"container": ctrRef, "network": netRef, "action": decision.String(), "wanted_ipv4": wanted, "wanted_mac": declared,
	})
	if decision != adoptEndpoint {
		moved, err := r.stepAsideFor(ctx, ctr, net, declared)
		if len(moved) > 0 {
			tflog.Info(ctx, "stepped aside for the declared MAC", map[string]any{"container": ctrRef, "network": netRef, "moved": moved})
		}
		if err != nil {
			resp.Diagnostics.Append(attachmentFailure(action, ctrRef, netRef, fmt.Sprintf(
				"another endpoint of the container on the same parent has MAC %s, which the kernel gives to one link per parent only, "+
					"and moving it to another MAC failed: %s", declared, err)))
			return
		}
	}
	if decision == reconnectEndpoint {
		if err := r.engine.NetworkDisconnect(ctx, net.ID, ctr.ID, false); err != nil {
			resp.Diagnostics.Append(engineFailure(action, ctrRef, netRef,
				fmt.Errorf("disconnecting the endpoint with address %s to reconnect it with %s: %w", endpointAddress(existing), wanted, err)))
			return
		}
		r.wire.forget(ctr.ID)
	}
	if decision != adoptEndpoint {
		err := r.engine.NetworkConnect(ctx, net.ID, ctr.ID, settings)
		r.wire.forget(ctr.ID)
		if err != nil {
			resp.Diagnostics.Append(engineFailure(action, ctrRef, netRef, err))
			return
		}
	}

	ctr, err = r.engine.ContainerInspect(ctx, ctr.ID)
	if err != nil {
		resp.Diagnostics.Append(engineFailure(action, ctrRef, netRef, fmt.Errorf("inspecting the container after connecting: %w", err)))
		return
	}
	ep := endpointOf(ctr, net.ID, net.Name)
	if ep == nil {
		resp.Diagnostics.Append(attachmentFailure(action, ctrRef, netRef, "the engine accepted the connection but reports no endpoint on the network"))
		return
	}
	wire, warnings, err := r.wire.pinMAC(ctx, ctr, ep, declared, decision != adoptEndpoint)
	if err != nil {
		resp.Diagnostics.Append(attachmentFailure(action, ctrRef, netRef, fmt.Sprintf(
			"the engine gave the endpoint MAC %s, not the declared %s (engines before API 1.54 ignore a MAC given on connect; "+
				"an adopted endpoint keeps the MAC it was connected with), and setting the declared one on the container's interface failed: %s",
			engineMAC(ep), declared, err)))
		return
	}
	for _, w := range warnings {
		resp.Diagnostics.AddWarning("Neighbours not told of the new MAC", fmt.Sprintf("container %q, network %q: %s", ctrRef, netRef, w))
	}
	plan.ID = types.StringValue(attachmentID(ctr.ID, net.ID))
	plan.ContainerID = types.StringValue(ctr.ID)
	plan.NetworkID = types.StringValue(net.ID)
	plan.AssignedIPv4Address = types.StringValue(endpointAddress(ep))
	plan.AssignedMacAddress = types.StringValue(wire)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// endpointSettings is what Create asks the engine for on connect.
func endpointSettings(address, mac string) (*network.EndpointSettings, error) {
	s := &network.EndpointSettings{}
	if mac != "" {
		hw, err := net.ParseMAC(mac)
		if err != nil {
			return nil, fmt.Errorf("mac_address %q: %w", mac, err)
		}
		s.MacAddress = network.HardwareAddr(hw)
	}
	if address != "" {
		a, err := netip.ParseAddr(address)
		if err != nil {
			return nil, fmt.Errorf("ipv4_address %q: %w", address, err)
		}
		s.IPAMConfig = &network.EndpointIPAMConfig{IPv4Address: a}
	}
	return s, nil
}

// Read reports the endpoint as the engine has it, and its MAC as the wire has it. A container
// that is gone, or no longer on the network, removes the attachment from state, so `plan`
// connects it again and a refresh-only plan reports the drift. An endpoint whose address, or
// whose interface's MAC, is not the configured one puts the real one into state, so the plan
// shows the replacement that fixes it. A stopped container has no interfaces: its MAC
// attributes stay as they are.
func (r *networkAttachmentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	at, ok := r.locate(ctx, req.State, &resp.Diagnostics, "read the network attachment")
	if !ok {
		return
	}
	if at.gone != "" {
		tflog.Info(ctx, "network attachment gone", map[string]any{"container": at.ctrRef, "network": at.netRef, "why": at.gone})
		resp.State.RemoveResource(ctx)
		return
	}
	state, ctr, net, ep := at.state, at.ctr, at.net, at.ep
	actual := endpointAddress(ep)
	if !state.IPv4Address.IsNull() && state.IPv4Address.ValueString() != actual {
		state.IPv4Address = types.StringValue(actual)
	}
	if !state.IPv4HostIndex.IsNull() {
		// The index cannot say "some other address"; dropping it from state makes the
		// configured index a change, which replaces the attachment.
		if wanted, err := state.addressRequest().resolve(net); err != nil || wanted != actual {
			state.IPv4HostIndex = types.Int64Null()
		}
	}
	state.ID = types.StringValue(attachmentID(ctr.ID, net.ID))
	state.AssignedIPv4Address = types.StringValue(actual)
	if running(ctr) {
		wire, err := r.wire.macOn(ctx, ctr, ep, state.MacAddress.ValueString())
		if err != nil {
			// The refresh goes on (a failed Read would block even destroy); the MAC is not
			// checked this time, and the warning says why.
			resp.Diagnostics.AddWarning("Cannot check the MAC on the wire", fmt.Sprintf(
				"container %q, network %q: the engine reports MAC %q for the endpoint, and reading the one on the container's interface failed, "+
					"so drift of the MAC is not detected in this run: %s", at.ctrRef, at.netRef, engineMAC(ep), err))
		} else {
			if m := macAddressInState(state.MacAddress, wire); m != state.MacAddress {
				tflog.Info(ctx, "MAC on the wire is not the declared one", map[string]any{
					"container": at.ctrRef, "network": at.netRef, "declared": state.MacAddress.ValueString(), "wire": wire})
				state.MacAddress = m
			}
			state.AssignedMacAddress = types.StringValue(wire)
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update is never reached with a change the engine would see (every argument replaces);
// it only carries the plan into state.
func (r *networkAttachmentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan attachmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete disconnects the container without force. A container or network that no longer
// exists, or an endpoint that is already gone, is what Delete wants, so it succeeds.
func (r *networkAttachmentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	action := "disconnect container from network"
	at, ok := r.locate(ctx, req.State, &resp.Diagnostics, action)
	if !ok {
		return
	}
	if at.gone != "" {
		tflog.Info(ctx, "network attachment already gone", map[string]any{"container": at.ctrRef, "network": at.netRef, "why": at.gone})
		return
	}
	err := r.engine.NetworkDisconnect(ctx, at.net.ID, at.ctr.ID, false)
	r.wire.forget(at.ctr.ID)
	if err != nil && !cerrdefs.IsNotFound(err) {
		resp.Diagnostics.Append(engineFailure(action, at.ctrRef, at.netRef, err))
	}
}

// ImportState takes `<container>:<network>` (names or IDs) of an existing endpoint. The
// endpoint's static address, if it was given one, becomes ipv4_address, and a macvlan
// endpoint's MAC on the wire mac_address; ipv4_host_index cannot be recovered and starts unset.
func (r *networkAttachmentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !r.ready(&resp.Diagnostics) {
		return
	}
	ctrRef, netRef, err := parseImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	action := "import the network attachment"
	net, err := r.engine.NetworkInspect(ctx, netRef)
	if err != nil {
		resp.Diagnostics.Append(engineFailure(action, ctrRef, netRef, fmt.Errorf("inspecting the network: %w", err)))
		return
	}
	ctr, err := r.engine.ContainerInspect(ctx, ctrRef)
	if err != nil {
		resp.Diagnostics.Append(engineFailure(action, ctrRef, netRef, fmt.Errorf("inspecting the container: %w", err)))
		return
	}
	ep := endpointOf(ctr, net.ID, net.Name)
	if ep == nil {
		resp.Diagnostics.Append(attachmentFailure(action, ctrRef, netRef, "the container is not connected to the network"))
		return
	}
	// The container and network by full ID, as a configuration's references to them resolve,
	// so that importing an endpoint that runs (`edgenet adopt`) plans no replacement.
	m := attachmentModel{
		ID:            types.StringValue(attachmentID(ctr.ID, net.ID)),
		Container:     types.StringValue(ctr.ID),
		Network:       types.StringValue(net.ID),
		IPv4Address:   types.StringNull(),
		MacAddress:    types.StringNull(),
		IPv4HostIndex: types.Int64Null(),
		ContainerID:   types.StringValue(ctr.ID),
		NetworkID:     types.StringValue(net.ID),
	}
	if ep.IPAMConfig != nil && ep.IPAMConfig.IPv4Address.IsValid() {
		m.IPv4Address = types.StringValue(ep.IPAMConfig.IPv4Address.String())
	}
	// A macvlan endpoint's MAC is its own: the one on the wire becomes mac_address, which a
	// configuration that declares it matches. ipvlan endpoints have their parent's, and declare none.
	if net.Driver == "macvlan" && ctr.State != nil && ctr.State.Running {
		wire, err := r.wire.macOn(ctx, ctr, ep, "")
		if err != nil {
			resp.Diagnostics.Append(engineFailure(action, ctrRef, netRef, fmt.Errorf("reading the MAC on the wire: %w", err)))
			return
		}
		m.MacAddress = types.StringValue(wire)
	}
	// What the engine reports; the Read that follows an import puts the wire's MAC here.
	m.AssignedIPv4Address = types.StringValue(endpointAddress(ep))
	m.AssignedMacAddress = types.StringValue(engineMAC(ep))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// located is an attachment in state with its endpoint as the engine has it now.
type located struct {
	state          attachmentModel
	ctrRef, netRef string
	ctr            container.InspectResponse
	net            network.Inspect
	ep             *network.EndpointSettings
	// gone says why there is nothing to manage any more (see lookup); "" when ep is there.
	gone string
}

// locate reads the attachment from state and looks its endpoint up, for Read and Delete.
// ok is false when the caller is to stop: the diagnostics say why.
func (r *networkAttachmentResource) locate(ctx context.Context, st tfsdk.State, diags *diag.Diagnostics, action string) (located, bool) {
	var at located
	if !r.ready(diags) {
		return at, false
	}
	diags.Append(st.Get(ctx, &at.state)...)
	if diags.HasError() {
		return at, false
	}
	at.ctrRef, at.netRef = at.state.Container.ValueString(), at.state.Network.ValueString()
	var err error
	at.ctr, at.net, at.ep, at.gone, err = r.lookup(ctx, at.state.ContainerID.ValueString(), at.state.NetworkID.ValueString())
	if err != nil {
		diags.Append(engineFailure(action, at.ctrRef, at.netRef, err))
		return at, false
	}
	return at, true
}

// lookup inspects the container and the network by ID and finds the endpoint. gone says
// why there is nothing to manage (container or network removed, endpoint absent); err is
// any other failure of the engine.
func (r *networkAttachmentResource) lookup(ctx context.Context, containerID, networkID string) (
	ctr container.InspectResponse, net network.Inspect, ep *network.EndpointSettings, gone string, err error,
) {
	ctr, err = r.engine.ContainerInspect(ctx, containerID)
	if cerrdefs.IsNotFound(err) {
		return ctr, net, nil, "the container no longer exists", nil
	}
	if err != nil {
		return ctr, net, nil, "", fmt.Errorf("inspecting the container: %w", err)
	}
	net, err = r.engine.NetworkInspect(ctx, networkID)
	if cerrdefs.IsNotFound(err) {
		return ctr, net, nil, "the network no longer exists", nil
	}
	if err != nil {
		return ctr, net, nil, "", fmt.Errorf("inspecting the network: %w", err)
	}
	ep = endpointOf(ctr, net.ID, net.Name)
	if ep == nil {
		return ctr, net, nil, "the container is not connected to the network", nil
	}
	return ctr, net, ep, "", nil
}
