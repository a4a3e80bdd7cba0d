// Package provider is the edgenet Terraform provider: its configuration and the
// edgenet_network_attachment resource.
package provider

import (
	"context"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"edgenet.dev/terraform-provider-edgenet/internal/connection"
)

// Address is the provider's source address; configurations require it under this name.
const Address = "edgenet.dev/edgenet/edgenet"

// edgenetProvider holds nothing but its version: the engine client is built per
// configuration, in Configure.
type edgenetProvider struct {
	version string
}

// providerModel is the provider block. The attribute names are kreuzwerker/docker's, so the
// TypeScript side can write the same values into both providers' blocks.
type providerModel struct {
	Host        types.String `tfsdk:"host"`
	CertPath    types.String `tfsdk:"cert_path"`
	SSHOpts     types.List   `tfsdk:"ssh_opts"`
	HelperImage types.String `tfsdk:"helper_image"`
}

// engineSession is what the provider hands its resources: the engine, and the reader and
// setter of MACs on the wire, whose cache all attachments of a provider process share.
type engineSession struct {
	engine engineAPI
	wire   *wireMACs
}

func newEngineSession(engine engineAPI, helperImage string) *engineSession {
	return &engineSession{engine: engine, wire: newWireMACs(engine, helperImage)}
}

// New returns the provider factory providerserver.Serve and the acceptance tests use.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &edgenetProvider{version: version} }
}

func (p *edgenetProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "edgenet"
	resp.Version = p.version
}

func (p *edgenetProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Connects running Docker containers to networks in place, like `docker network connect`.",
		Attributes: map[string]schema.Attribute{
			"host": schema.StringAttribute{
				Optional:    true,
				Description: "The Docker engine address (unix://, tcp://, ssh://). Defaults to DOCKER_HOST, else unix:///var/run/docker.sock.",
			},
			"cert_path": schema.StringAttribute{
				Optional:    true,
				Description: "Directory with ca.pem, cert.pem and key.pem for TLS to the engine. Defaults to DOCKER_CERT_PATH.",
			},
			"ssh_opts": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Description: "Extra arguments for ssh on ssh:// hosts. Defaults to DOCKER_SSH_OPTS split on white space.",
			},
			"helper_image": schema.StringAttribute{
				Optional: true,
				Description: "Image with busybox `ip` and `arping`, run on engines that do not apply a MAC on connect: " +
					"a short-lived container in the network namespace of the attachment's container (NET_ADMIN and NET_RAW, " +
					"nothing more) reads the MAC on the endpoint's interface and sets the declared one there. " +
					"It must be on the engine already (the provider does not pull it). Defaults to " + DefaultHelperImage + ".",
			},
		},
	}
}

// Configure resolves the connection and builds the client. An attribute that is not known
// yet (computed from another resource) leaves the provider unconfigured for this run;
// resources then say so instead of talking to a guessed engine.
func (p *edgenetProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.Host.IsUnknown() || cfg.CertPath.IsUnknown() || cfg.SSHOpts.IsUnknown() || cfg.HelperImage.IsUnknown() {
		return
	}
	configured := connection.Configured{Host: cfg.Host.ValueStringPointer(), CertPath: cfg.CertPath.ValueStringPointer()}
	if !cfg.SSHOpts.IsNull() {
		configured.SSHOpts = []string{}
		resp.Diagnostics.Append(cfg.SSHOpts.ElementsAs(ctx, &configured.SSHOpts, false)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	settings := connection.Resolve(configured, os.Getenv)
	c, err := connection.NewClient(settings)
	if err != nil {
		resp.Diagnostics.AddError("Cannot build the Docker client", err.Error())
		return
	}
	helperImage := cfg.HelperImage.ValueString()
	if helperImage == "" {
		helperImage = DefaultHelperImage
	}
	resp.ResourceData = newEngineSession(&oneAtATime{engineAPI: dockerEngine{cli: c}}, helperImage)
}

func (p *edgenetProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{newNetworkAttachmentResource}
}

func (p *edgenetProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return nil
}
