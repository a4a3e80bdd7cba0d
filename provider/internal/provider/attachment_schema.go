package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// attachmentModel is one edgenet_network_attachment in state and plan.
type attachmentModel struct {
	ID                  types.String `tfsdk:"id"`
	Container           types.String `tfsdk:"container"`
	Network             types.String `tfsdk:"network"`
	IPv4Address         types.String `tfsdk:"ipv4_address"`
	MacAddress          types.String `tfsdk:"mac_address"`
	IPv4HostIndex       types.Int64  `tfsdk:"ipv4_host_index"`
	ContainerID         types.String `tfsdk:"container_id"`
	NetworkID           types.String `tfsdk:"network_id"`
	AssignedIPv4Address types.String `tfsdk:"assigned_ipv4_address"`
	AssignedMacAddress  types.String `tfsdk:"assigned_mac_address"`
}

func (m attachmentModel) addressRequest() addressRequest {
	return addressRequest{literal: m.IPv4Address.ValueString(), hostIndex: m.IPv4HostIndex.ValueInt64Pointer()}
}

// Every argument replaces the attachment when it changes: an endpoint's address and MAC
// are fixed when it is connected, so changing them means disconnecting and connecting
// again — of the endpoint only; the container keeps running.
func (r *networkAttachmentResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		Description: "One container's endpoint on one Docker network, connected and disconnected in place " +
			"(like `docker network connect`/`disconnect`) without restarting or recreating the container.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				Description:   "`<container id>:<network id>` (full IDs).",
				PlanModifiers: stable,
			},
			"container": schema.StringAttribute{
				Required:      true,
				Description:   "Name or ID of the container to connect.",
				PlanModifiers: replace,
			},
			"network": schema.StringAttribute{
				Required:      true,
				Description:   "Name or ID of the network to connect it to.",
				PlanModifiers: replace,
			},
			"ipv4_address": schema.StringAttribute{
				Optional:      true,
				Description:   "Static IPv4 address of the endpoint. Conflicts with ipv4_host_index. Neither: the engine's IPAM picks one.",
				PlanModifiers: replace,
			},
			"ipv4_host_index": schema.Int64Attribute{
				Optional: true,
				Description: "Static IPv4 address given as a host index of the network's IPAM subnet: 1 is the first host, " +
					"negative counts down from the last usable host (-1). Conflicts with ipv4_address.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"mac_address": schema.StringAttribute{
				Optional: true,
				Description: "MAC address of the endpoint's interface. Engines of API 1.54 and later apply it on connect; " +
					"on older ones (which ignore it, moby#48192) the provider sets it on the interface with a helper container " +
					"(the provider's helper_image). A refresh that finds another MAC on the interface (changed by hand, or put " +
					"back by an older engine when the container restarted) plans the replacement that sets it again.",
				PlanModifiers: replace,
			},
			"container_id": schema.StringAttribute{
				Computed:      true,
				Description:   "Full ID of the container.",
				PlanModifiers: stable,
			},
			"network_id": schema.StringAttribute{
				Computed:      true,
				Description:   "Full ID of the network.",
				PlanModifiers: stable,
			},
			"assigned_ipv4_address": schema.StringAttribute{
				Computed:      true,
				Description:   "The IPv4 address the engine reports for the endpoint.",
				PlanModifiers: stable,
			},
			"assigned_mac_address": schema.StringAttribute{
				Computed: true,
				Description: "The MAC address on the endpoint's interface, as the container has it (which is not always what the " +
					"engine reports); kept as it was while the container is stopped. Empty for an endpoint without a MAC of its own (ipvlan).",
				PlanModifiers: stable,
			},
		},
	}
}

// ValidateConfig refuses what the engine would refuse later, before anything is planned:
// both address forms at once, and addresses or MACs that are not in the engine's spelling
// (which would otherwise look like drift on every refresh).
func (r *networkAttachmentResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m attachmentModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !m.IPv4Address.IsNull() && !m.IPv4HostIndex.IsNull() {
		resp.Diagnostics.AddAttributeError(pathOf("ipv4_host_index"), "Conflicting address arguments",
			"ipv4_address and ipv4_host_index both set; expected at most one of them")
	}
	if known(m.IPv4Address) {
		if problem := checkIPv4(m.IPv4Address.ValueString()); problem != "" {
			resp.Diagnostics.AddAttributeError(pathOf("ipv4_address"), "Invalid ipv4_address", problem)
		}
	}
	if known(m.MacAddress) {
		if problem := checkMAC(m.MacAddress.ValueString()); problem != "" {
			resp.Diagnostics.AddAttributeError(pathOf("mac_address"), "Invalid mac_address", problem)
		}
	}
}

func known(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }
