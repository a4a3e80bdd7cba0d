package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestProviderServesTheAttachmentSchema(t *testing.T) {
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("schema diagnostic: %s: %s", d.Summary, d.Detail)
	}
	for _, name := range []string{"host", "cert_path", "ssh_opts", "helper_image"} {
		if !hasAttribute(resp.Provider, name) {
			t.Errorf("provider schema has no %s", name)
		}
	}
	res, ok := resp.ResourceSchemas["edgenet_network_attachment"]
	if !ok {
		t.Fatalf("no edgenet_network_attachment; resources: %v", resp.ResourceSchemas)
	}
	for _, name := range []string{"id", "container", "network", "ipv4_address", "ipv4_host_index", "mac_address",
		"container_id", "network_id", "assigned_ipv4_address", "assigned_mac_address"} {
		if !hasAttribute(res, name) {
			t.Errorf("edgenet_network_attachment has no %s", name)
		}
	}
}

func hasAttribute(s *tfprotov6.Schema, name string) bool {
	for _, a := range s.Block.Attributes {
		if a.Name == name {
			return true
		}
	}
	return false
}

// validate runs the resource's ValidateConfig on a configuration with these arguments.
func validate(t *testing.T, args map[string]tftypes.Value) []string {
	t.Helper()
	r := &networkAttachmentResource{}
	var sresp resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &sresp)
	ty := sresp.Schema.Type().TerraformType(context.Background()).(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, at := range ty.AttributeTypes {
		values[name] = tftypes.NewValue(at, nil)
	}
	values["container"] = tftypes.NewValue(tftypes.String, "rt1")
	values["network"] = tftypes.NewValue(tftypes.String, "lan")
	for name, v := range args {
		values[name] = v
	}
	var resp resource.ValidateConfigResponse
	r.ValidateConfig(context.Background(), resource.ValidateConfigRequest{
		Config: tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(ty, values)},
	}, &resp)
	var problems []string
	for _, d := range resp.Diagnostics {
		problems = append(problems, d.Summary()+": "+d.Detail())
	}
	return problems
}

func TestValidateConfigAcceptsEachAddressForm(t *testing.T) {
	for _, args := range []map[string]tftypes.Value{
		{},
		{"ipv4_address": tftypes.NewValue(tftypes.String, "10.0.0.5"), "mac_address": tftypes.NewValue(tftypes.String, "02:42:0a:00:00:05")},
		{"ipv4_host_index": tftypes.NewValue(tftypes.Number, -1)},
		{"ipv4_address": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)},
	} {
		if problems := validate(t, args); len(problems) > 0 {
			t.Errorf("%v: %v", args, problems)
		}
	}
}

func TestValidateConfigFails(t *testing.T) {
	cases := []struct {
		name string
		args map[string]tftypes.Value
		want string
	}{
		{"when both address forms are set", map[string]tftypes.Value{
			"ipv4_address":    tftypes.NewValue(tftypes.String, "10.0.0.5"),
			"ipv4_host_index": tftypes.NewValue(tftypes.Number, 5),
		}, "ipv4_address and ipv4_host_index both set"},
		{"when the address is not IPv4", map[string]tftypes.Value{
			"ipv4_address": tftypes.NewValue(tftypes.String, "fd00::5"),
		}, `got "fd00::5"`},
		{"when the MAC is upper case", map[string]tftypes.Value{
			"mac_address": tftypes.NewValue(tftypes.String, "02:42:0A:00:00:05"),
		}, `got "02:42:0A:00:00:05"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			problems := validate(t, c.args)
			if len(problems) != 1 || !strings.Contains(problems[0], c.want) {
				t.Fatalf("problems = %q, want one saying %q", problems, c.want)
			}
		})
	}
}

// configure runs the provider's Configure with a provider block of these attributes.
func configure(t *testing.T, attrs map[string]tftypes.Value) provider.ConfigureResponse {
	t.Helper()
	ctx := context.Background()
	p := New("test")()
	var sresp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &sresp)
	ty := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, at := range ty.AttributeTypes {
		values[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range attrs {
		values[name] = v
	}
	var resp provider.ConfigureResponse
	p.Configure(ctx, provider.ConfigureRequest{Config: tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(ty, values)}}, &resp)
	return resp
}

func TestConfigureFailsWhenTheHelperImageIsNotTheDefaultOrTheConfiguredOne(t *testing.T) {
	host := tftypes.NewValue(tftypes.String, "unix:///run/none/docker.sock")
	for want, attrs := range map[string]map[string]tftypes.Value{
		DefaultHelperImage:     {"host": host},
		"registry.lan/bb:1.36": {"host": host, "helper_image": tftypes.NewValue(tftypes.String, "registry.lan/bb:1.36")},
	} {
		resp := configure(t, attrs)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%v", resp.Diagnostics)
		}
		s, ok := resp.ResourceData.(*engineSession)
		if !ok || s.wire.image != want {
			t.Fatalf("resource data %#v, want a session with helper image %q", resp.ResourceData, want)
		}
		if _, ok := s.engine.(*oneAtATime); !ok {
			t.Fatalf("engine %T, want connects and disconnects one at a time", s.engine)
		}
	}
}

func TestConfigureLeavesTheProviderUnconfiguredForAnUnknownHelperImage(t *testing.T) {
	resp := configure(t, map[string]tftypes.Value{"helper_image": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})
	if resp.Diagnostics.HasError() || resp.ResourceData != nil {
		t.Fatalf("%v, %#v", resp.Diagnostics, resp.ResourceData)
	}
}
