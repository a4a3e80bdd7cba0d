package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/network"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

const attachment = "edgenet_network_attachment.lan"

// lifecycleConfig is a runtime container and a LAN network managed by kreuzwerker/docker and
// the container's endpoint on the LAN managed by edgenet. Both are referenced by ID, so a
// replaced network replaces the attachment (not the container).
func lifecycleConfig(name, subnetPrefix, address string) string {
	return fmt.Sprintf(`
resource "docker_network" "lan" {
  name = "%[1]s-lan"
  ipam_config {
    subnet  = "%[2]s.0/24"
    gateway = "%[2]s.1"
  }
  labels {
    label = "edgenet.acc"
    value = "1"
  }
}

resource "docker_container" "rt" {
  name    = "%[1]s-rt"
  image   = "local/busybox:latest"
  command = ["sleep", "infinity"]
  labels {
    label = "edgenet.acc"
    value = "1"
  }
}

resource "edgenet_network_attachment" "lan" {
  container = docker_container.rt.id
  network   = docker_network.lan.id
  %[3]s
}
`, name, subnetPrefix, address)
}

// TestAccAttachmentLifecycle: connect with a static address, survive the network's
// replacement and an out-of-band disconnect, move to a host index, import; the container
// keeps running the same process throughout.
func TestAccAttachmentLifecycle(t *testing.T) {
	cli, name := accSetup(t)
	var before runIdentity
	var attrs stateAttrs
	ctr := attrs.get(attachment + ".container_id")
	net := attrs.get(attachment + ".network_id")
	oldNet := ""

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: accProviders,
		ExternalProviders:        accExternalProviders,
		Steps: []resource.TestStep{
			{
				Config: lifecycleConfig(name, "10.241.1", `ipv4_address = "10.241.1.50"
  mac_address  = "02:42:0a:f1:01:32"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(attachment, "ipv4_address", "10.241.1.50"),
					resource.TestCheckResourceAttr(attachment, "assigned_ipv4_address", "10.241.1.50"),
					resource.TestCheckResourceAttr(attachment, "mac_address", "02:42:0a:f1:01:32"),
					resource.TestCheckResourceAttrSet(attachment, "assigned_mac_address"),
					resource.TestCheckResourceAttrPair(attachment, "container_id", "docker_container.rt", "id"),
					resource.TestCheckResourceAttrPair(attachment, "network_id", "docker_network.lan", "id"),
					attrs.capture(attachment, "container_id", "network_id", "id"),
					func(*terraform.State) error {
						oldNet = net()
						if got, want := attrs.values[attachment+".id"], ctr()+":"+net(); got != want {
							return fmt.Errorf("id = %q, want %q", got, want)
						}
						return nil
					},
					connectedWith(cli, ctr, net, "10.241.1.50"),
					recordIdentity(cli, ctr, &before),
				),
			},
			{
				// A subnet move: the network is replaced, the attachment with it, the container stays.
				Config: lifecycleConfig(name, "10.241.2", `ipv4_address = "10.241.2.50"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("docker_network.lan", plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectResourceAction(attachment, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectResourceAction("docker_container.rt", plancheck.ResourceActionNoop),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					attrs.capture(attachment, "container_id", "network_id"),
					func(*terraform.State) error {
						if net() == oldNet {
							return fmt.Errorf("network_id did not change: %s", net())
						}
						return nil
					},
					resource.TestCheckResourceAttr(attachment, "assigned_ipv4_address", "10.241.2.50"),
					connectedWith(cli, ctr, net, "10.241.2.50"),
					sameIdentity(cli, ctr, &before),
				),
			},
			{
				// Out-of-band disconnect: the plan sees it.
				PreConfig: func() {
					if err := cli.NetworkDisconnect(context.Background(), net(), ctr(), false); err != nil {
						t.Fatal(err)
					}
				},
				Config:             lifecycleConfig(name, "10.241.2", `ipv4_address = "10.241.2.50"`),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				// A refresh reports it as drift: the attachment leaves state, the plan creates it.
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(attachment, plancheck.ResourceActionCreate),
				}},
				Check: absentFromState(attachment),
			},
			{
				// Apply connects it again, without touching the container's process.
				Config: lifecycleConfig(name, "10.241.2", `ipv4_address = "10.241.2.50"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(attachment, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("docker_container.rt", plancheck.ResourceActionNoop),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					connectedWith(cli, ctr, net, "10.241.2.50"),
					sameIdentity(cli, ctr, &before),
				),
			},
			{
				// Out-of-band reconnect with another address: the plan replaces the attachment.
				PreConfig: func() {
					ctx := context.Background()
					if err := cli.NetworkDisconnect(ctx, net(), ctr(), false); err != nil {
						t.Fatal(err)
					}
					err := cli.NetworkConnect(ctx, net(), ctr(), &network.EndpointSettings{
						IPAMConfig: &network.EndpointIPAMConfig{IPv4Address: "10.241.2.99"},
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: lifecycleConfig(name, "10.241.2", `ipv4_address = "10.241.2.50"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(attachment, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(attachment, "ipv4_address", "10.241.2.50"),
					connectedWith(cli, ctr, net, "10.241.2.50"),
					sameIdentity(cli, ctr, &before),
				),
			},
			{
				// The last usable host of whatever subnet the LAN has.
				Config: lifecycleConfig(name, "10.241.2", `ipv4_host_index = -1`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(attachment, "ipv4_host_index", "-1"),
					resource.TestCheckNoResourceAttr(attachment, "ipv4_address"),
					resource.TestCheckResourceAttr(attachment, "assigned_ipv4_address", "10.241.2.254"),
					connectedWith(cli, ctr, net, "10.241.2.254"),
					sameIdentity(cli, ctr, &before),
				),
			},
			{
				// The index follows a subnet move.
				Config: lifecycleConfig(name, "10.241.3", `ipv4_host_index = 20`),
				Check: resource.ComposeAggregateTestCheckFunc(
					attrs.capture(attachment, "container_id", "network_id"),
					resource.TestCheckResourceAttr(attachment, "assigned_ipv4_address", "10.241.3.20"),
					connectedWith(cli, ctr, net, "10.241.3.20"),
					sameIdentity(cli, ctr, &before),
				),
			},
			{
				ResourceName: attachment,
				ImportState:  true,
				ImportStateIdFunc: func(*terraform.State) (string, error) {
					return ctr() + ":" + net(), nil
				},
				ImportStateVerify: true,
				// The engine keeps the static address, not whether it came from an index.
				ImportStateVerifyIgnore: []string{"ipv4_host_index", "ipv4_address"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if got := states[0].Attributes["ipv4_address"]; got != "10.241.3.20" {
						return fmt.Errorf("imported ipv4_address = %q, want the endpoint's static 10.241.3.20", got)
					}
					return nil
				},
			},
		},
	})
}

// adoptionConfig: two runtimes created the old way, with the LAN in networks_advanced; with
// attachments set, networks_advanced is ignored (the upgrade path) and edgenet takes over.
func adoptionConfig(name string, withAttachments bool) string {
	cfg := fmt.Sprintf(`
resource "docker_network" "lan" {
  name = "%[1]s-lan"
  ipam_config {
    subnet  = "10.242.1.0/24"
    gateway = "10.242.1.1"
  }
  labels {
    label = "edgenet.acc"
    value = "1"
  }
}

resource "docker_container" "same" {
  name    = "%[1]s-same"
  image   = "local/busybox:latest"
  command = ["sleep", "infinity"]
  networks_advanced {
    name         = docker_network.lan.id
    ipv4_address = "10.242.1.60"
  }
  labels {
    label = "edgenet.acc"
    value = "1"
  }
  lifecycle {
    ignore_changes = [networks_advanced]
  }
}

resource "docker_container" "moved" {
  name    = "%[1]s-moved"
  image   = "local/busybox:latest"
  command = ["sleep", "infinity"]
  networks_advanced {
    name         = docker_network.lan.id
    ipv4_address = "10.242.1.70"
  }
  labels {
    label = "edgenet.acc"
    value = "1"
  }
  lifecycle {
    ignore_changes = [networks_advanced]
  }
}
`, name)
	if withAttachments {
		cfg += `
resource "edgenet_network_attachment" "same" {
  container    = docker_container.same.id
  network      = docker_network.lan.id
  ipv4_address = "10.242.1.60"
}

resource "edgenet_network_attachment" "moved" {
  container    = docker_container.moved.id
  network      = docker_network.lan.id
  ipv4_address = "10.242.1.71"
}
`
	}
	return cfg
}

// TestAccAttachmentAdoptsAnExistingEndpoint: an endpoint that already has the wanted address
// is adopted as it is (same endpoint ID); one with another address is reconnected; neither
// container restarts.
func TestAccAttachmentAdoptsAnExistingEndpoint(t *testing.T) {
	cli, name := accSetup(t)
	var sameBefore, movedBefore runIdentity
	var attrs stateAttrs
	same := attrs.get("docker_container.same.id")
	moved := attrs.get("docker_container.moved.id")
	lan := attrs.get("docker_network.lan.id")
	endpointID := ""

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: accProviders,
		ExternalProviders:        accExternalProviders,
		Steps: []resource.TestStep{
			{
				Config: adoptionConfig(name, false),
				Check: resource.ComposeAggregateTestCheckFunc(
					attrs.capture("docker_container.same", "id"),
					attrs.capture("docker_container.moved", "id"),
					attrs.capture("docker_network.lan", "id"),
					connectedWith(cli, same, lan, "10.242.1.60"),
					connectedWith(cli, moved, lan, "10.242.1.70"),
					recordIdentity(cli, same, &sameBefore),
					recordIdentity(cli, moved, &movedBefore),
					func(*terraform.State) error {
						ep, err := endpointFor(cli, same(), lan())
						if err == nil {
							endpointID = ep.EndpointID
						}
						return err
					},
				),
			},
			{
				Config: adoptionConfig(name, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("docker_container.same", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("docker_container.moved", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("edgenet_network_attachment.same", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("edgenet_network_attachment.moved", plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("edgenet_network_attachment.same", "assigned_ipv4_address", "10.242.1.60"),
					resource.TestCheckResourceAttr("edgenet_network_attachment.moved", "assigned_ipv4_address", "10.242.1.71"),
					connectedWith(cli, same, lan, "10.242.1.60"),
					connectedWith(cli, moved, lan, "10.242.1.71"),
					func(*terraform.State) error {
						ep, err := endpointFor(cli, same(), lan())
						if err != nil {
							return err
						}
						if ep.EndpointID != endpointID {
							return fmt.Errorf("the endpoint was reconnected (ID %s, was %s), want it adopted", ep.EndpointID, endpointID)
						}
						return nil
					},
					sameIdentity(cli, same, &sameBefore),
					sameIdentity(cli, moved, &movedBefore),
				),
			},
		},
	})
}

// TestAccAttachmentDestroyDisconnects: destroying the attachment disconnects a container
// Terraform does not otherwise manage, which keeps running.
func TestAccAttachmentDestroyDisconnects(t *testing.T) {
	cli, name := accSetup(t)
	ctrID := apiContainer(t, cli, name+"-rt")
	netID := apiNetwork(t, cli, name+"-lan", "10.243.1.0/24", "10.243.1.1")
	var before runIdentity
	ctr := func() string { return ctrID }
	net := func() string { return netID }

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: accProviders,
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			notConnected(cli, ctr, net),
			sameIdentity(cli, ctr, &before),
		),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					var err error
					if before, err = identityOf(context.Background(), cli, ctrID); err != nil {
						t.Fatal(err)
					}
				},
				// By name, as a user might write it; the state keeps the full IDs.
				Config: fmt.Sprintf(`
resource "edgenet_network_attachment" "lan" {
  container = "%[1]s-rt"
  network   = "%[1]s-lan"
}
`, name),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(attachment, "container_id", ctrID),
					resource.TestCheckResourceAttr(attachment, "network_id", netID),
					resource.TestCheckResourceAttr(attachment, "id", ctrID+":"+netID),
					resource.TestCheckResourceAttr(attachment, "assigned_ipv4_address", "10.243.1.2"),
					connectedWith(cli, ctr, net, "10.243.1.2"),
				),
			},
		},
	})
}

// TestAccAttachmentOnMacvlan: what edgenet is for, a LAN vNIC: a macvlan network on a veth of
// the test's own, the address at a host index of its subnet, connected and disconnected in place.
func TestAccAttachmentOnMacvlan(t *testing.T) {
	cli, name := accSetup(t)
	parent := ownVeth(t, cli, "edgacc0")
	ctrID := apiContainer(t, cli, name+"-rt")
	netID := apiMacvlan(t, cli, name+"-mv", parent, "10.244.1.0/24", "10.244.1.1")
	var before runIdentity
	ctr := func() string { return ctrID }
	net := func() string { return netID }

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: accProviders,
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			notConnected(cli, ctr, net),
			sameIdentity(cli, ctr, &before),
		),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					var err error
					if before, err = identityOf(context.Background(), cli, ctrID); err != nil {
						t.Fatal(err)
					}
				},
				Config: fmt.Sprintf(`
resource "edgenet_network_attachment" "lan" {
  container       = %q
  network         = %q
  ipv4_host_index = -2
}
`, ctrID, netID),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(attachment, "assigned_ipv4_address", "10.244.1.253"),
					connectedWith(cli, ctr, net, "10.244.1.253"),
					sameIdentity(cli, ctr, &before),
				),
			},
		},
	})
}

// TestAccAttachmentErrorsNameContainerAndNetwork: what the engine refuses comes back naming
// the container, the network and the engine's own words.
func TestAccAttachmentErrorsNameContainerAndNetwork(t *testing.T) {
	cli, name := accSetup(t)
	apiContainer(t, cli, name+"-rt")
	apiNetwork(t, cli, name+"-lan", "10.243.2.0/24", "10.243.2.1")
	config := func(container, extra string) string {
		return fmt.Sprintf(`
resource "edgenet_network_attachment" "lan" {
  container = "%s"
  network   = "%s-lan"
  %s
}
`, container, name, extra)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: accProviders,
		Steps: []resource.TestStep{
			{
				Config: config(name+"-missing", ""),
				ExpectError: inOrder("Cannot connect container to network",
					`container "`+name+`-missing", network "`+name+`-lan"`, "the Docker engine said:", "No such container"),
			},
			{
				Config: config(name+"-rt", `ipv4_address = "10.243.3.9"`),
				ExpectError: inOrder(`container "`+name+`-rt", network "`+name+`-lan"`,
					"the Docker engine said:", "10.243.3.9"),
			},
			{
				Config:      config(name+"-rt", `ipv4_host_index = 300`),
				ExpectError: inOrder("ipv4_host_index: host index 300 is outside the usable hosts of 10.243.2.0/24"),
			},
		},
	})
}

// inOrder matches an error holding these texts in this order, wherever Terraform wrapped its
// lines.
func inOrder(texts ...string) *regexp.Regexp {
	parts := make([]string, len(texts))
	for i, text := range texts {
		parts[i] = strings.Join(strings.Fields(regexp.QuoteMeta(text)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}
