package provider

import (
	"context"
	"fmt"
	"net/netip"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"
)

const attachment = "edgenet_network_attachment.lan"

// lifecycleConfig is a runtime container and a LAN network managed by kreuzwerker/docker and
// the container's endpoint on the LAN managed by edgenet. Both are referenced by ID, so a
// replaced network replaces the attachment (not the container).
func lifecycleConfig(e *accEngine, name, subnetPrefix, address string) string {
	return e.providers(true, "") + fmt.Sprintf(`
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

// TestAccAttachmentLifecycle: connect with a static address and a MAC (on the wire, also
// where the engine ignores a MAC on connect), survive the network's replacement and an
// out-of-band disconnect, move to a host index, import; the container keeps running the same
// process throughout.
func TestAccAttachmentLifecycle(t *testing.T) {
	forEachEngine(t, testAttachmentLifecycle)
}

func testAttachmentLifecycle(t *testing.T, e *accEngine, name string) {
	cli := e.cli
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
				Config: lifecycleConfig(e, name, "10.241.1", `ipv4_address = "10.241.1.50"
  mac_address  = "02:42:0a:f1:01:32"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(attachment, "ipv4_address", "10.241.1.50"),
					resource.TestCheckResourceAttr(attachment, "assigned_ipv4_address", "10.241.1.50"),
					resource.TestCheckResourceAttr(attachment, "mac_address", "02:42:0a:f1:01:32"),
					resource.TestCheckResourceAttr(attachment, "assigned_mac_address", "02:42:0a:f1:01:32"),
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
					macOnWire(cli, ctr, net, "02:42:0a:f1:01:32"),
					recordIdentity(cli, ctr, &before),
				),
			},
			{
				// A subnet move: the network is replaced, the attachment with it, the container stays.
				Config: lifecycleConfig(e, name, "10.241.2", `ipv4_address = "10.241.2.50"`),
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
					if _, err := cli.NetworkDisconnect(context.Background(), net(), client.NetworkDisconnectOptions{Container: ctr()}); err != nil {
						t.Fatal(err)
					}
				},
				Config:             lifecycleConfig(e, name, "10.241.2", `ipv4_address = "10.241.2.50"`),
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
				Config: lifecycleConfig(e, name, "10.241.2", `ipv4_address = "10.241.2.50"`),
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
					if _, err := cli.NetworkDisconnect(ctx, net(), client.NetworkDisconnectOptions{Container: ctr()}); err != nil {
						t.Fatal(err)
					}
					_, err := cli.NetworkConnect(ctx, net(), client.NetworkConnectOptions{Container: ctr(), EndpointConfig: &network.EndpointSettings{
						IPAMConfig: &network.EndpointIPAMConfig{IPv4Address: netip.MustParseAddr("10.241.2.99")},
					}})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: lifecycleConfig(e, name, "10.241.2", `ipv4_address = "10.241.2.50"`),
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
				Config: lifecycleConfig(e, name, "10.241.2", `ipv4_host_index = -1`),
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
				Config: lifecycleConfig(e, name, "10.241.3", `ipv4_host_index = 20`),
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
func adoptionConfig(e *accEngine, name string, withAttachments bool) string {
	cfg := e.providers(true, "") + fmt.Sprintf(`
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
  mac_address  = "02:00:0a:f2:01:3c"
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
// is adopted as it is (same endpoint ID), and gets the declared MAC on its interface (which
// kreuzwerker/docker did not give it); one with another address is reconnected; neither
// container restarts.
func TestAccAttachmentAdoptsAnExistingEndpoint(t *testing.T) {
	forEachEngine(t, testAttachmentAdoptsAnExistingEndpoint)
}

func testAttachmentAdoptsAnExistingEndpoint(t *testing.T, e *accEngine, name string) {
	cli := e.cli
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
				Config: adoptionConfig(e, name, false),
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
				Config: adoptionConfig(e, name, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("docker_container.same", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("docker_container.moved", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("edgenet_network_attachment.same", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("edgenet_network_attachment.moved", plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("edgenet_network_attachment.same", "assigned_ipv4_address", "10.242.1.60"),
					resource.TestCheckResourceAttr("edgenet_network_attachment.same", "assigned_mac_address", "02:00:0a:f2:01:3c"),
					macOnWire(cli, same, lan, "02:00:0a:f2:01:3c"),
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
	forEachEngine(t, testAttachmentDestroyDisconnects)
}

func testAttachmentDestroyDisconnects(t *testing.T, e *accEngine, name string) {
	cli := e.cli
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
				Config: e.providers(false, "") + fmt.Sprintf(`
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
	forEachEngine(t, testAttachmentOnMacvlan)
}

func testAttachmentOnMacvlan(t *testing.T, e *accEngine, name string) {
	cli := e.cli
	parent := ownVeth(t, e, "edgacc0")
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
				Config: e.providers(false, "") + fmt.Sprintf(`
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
	forEachEngine(t, testAttachmentErrorsNameContainerAndNetwork)
}

func testAttachmentErrorsNameContainerAndNetwork(t *testing.T, e *accEngine, name string) {
	cli := e.cli
	apiContainer(t, cli, name+"-rt")
	apiNetwork(t, cli, name+"-lan", "10.243.2.0/24", "10.243.2.1")
	config := func(container, extra string) string {
		return e.providers(false, "") + fmt.Sprintf(`
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

// apiAttachmentConfig is an attachment of a container and a network made
// outside Terraform.
func apiAttachmentConfig(e *accEngine, providerExtra, ctrID, netID, args string) string {
	return e.providers(false, providerExtra) + fmt.Sprintf(`
resource "edgenet_network_attachment" "lan" {
  container = %q
  network   = %q
  %s
}
`, ctrID, netID, args)
}

// TestAccAttachmentMACOnTheWire: the declared MAC is the one on the container's interface (read
// inside the container), on every engine: Engine 29 applies it on connect, Engine 20.10 ignores
// it and the provider sets it. A MAC changed on the interface afterwards, and Engine 20.10
// putting its own back on a restart, show in the plan, and applying it sets the declared one again.
func TestAccAttachmentMACOnTheWire(t *testing.T) {
	forEachEngine(t, testAttachmentMACOnTheWire)
}

func testAttachmentMACOnTheWire(t *testing.T, e *accEngine, name string) {
	cli := e.cli
	parent := ownVeth(t, e, "edgacc1")
	ctrID := apiContainer(t, cli, name+"-rt")
	netID := apiMacvlan(t, cli, name+"-mv", parent, "10.246.1.0/24", "10.246.1.1")
	const mac, byHand = "02:00:0a:f6:01:32", "02:00:0a:f6:01:99"
	var before runIdentity
	ctr := func() string { return ctrID }
	net := func() string { return netID }
	config := apiAttachmentConfig(e, "", ctrID, netID, `ipv4_address = "10.246.1.50"
  mac_address  = "`+mac+`"`)

	steps := []resource.TestStep{
		{
			Config: config,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(attachment, "mac_address", mac),
				resource.TestCheckResourceAttr(attachment, "assigned_mac_address", mac),
				connectedWith(cli, ctr, net, "10.246.1.50"),
				macOnWire(cli, ctr, net, mac),
				noHelperLeft(cli, ctr),
				recordIdentity(cli, ctr, &before),
			),
		},
	}
	if e.appliesMACOnConnect() {
		steps = append(steps,
			resource.TestStep{
				// Engine 29 reports the MAC it applied on connect, also after it was changed on the
				// interface; the provider takes the engine's word when it is the declared MAC (no
				// helper run per container on every refresh), so this change is not seen.
				PreConfig: func() { setMACByHand(t, cli, ctrID, "10.246.1.50", byHand) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(attachment, "assigned_mac_address", mac),
					macOnWire(cli, ctr, net, byHand),
					sameIdentity(cli, ctr, &before),
				),
			},
			resource.TestStep{
				// A restart: Engine 29 applies the endpoint's MAC again; nothing to do.
				PreConfig: func() { restartContainer(t, cli, ctrID) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					macOnWire(cli, ctr, net, mac),
					noHelperLeft(cli, ctr),
				),
			},
		)
	} else {
		// A neighbour on the LAN, which learns the MAC changed by hand and has to hear of the
		// declared one again (the helper's gratuitous ARP).
		nbID := apiContainer(t, cli, name+"-nb")
		if _, err := cli.NetworkConnect(context.Background(), netID, client.NetworkConnectOptions{Container: nbID,
			EndpointConfig: &network.EndpointSettings{IPAMConfig: &network.EndpointIPAMConfig{IPv4Address: netip.MustParseAddr("10.246.1.60")}}}); err != nil {
			t.Fatal(err)
		}
		steps = append(steps,
			resource.TestStep{
				// Changed on the interface: the plan replaces the attachment, which sets it again.
				PreConfig: func() {
					setMACByHand(t, cli, ctrID, "10.246.1.50", byHand)
					if _, err := execIn(context.Background(), cli, nbID, "ping", "-c", "1", "-W", "2", "10.246.1.50"); err != nil {
						t.Fatal(err)
					}
					if err := neighbourHas(cli, nbID, "10.246.1.50", byHand)(nil); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(attachment, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectUnknownValue(attachment, tfjsonpath.New("assigned_mac_address")),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(attachment, "mac_address", mac),
					resource.TestCheckResourceAttr(attachment, "assigned_mac_address", mac),
					macOnWire(cli, ctr, net, mac),
					neighbourHas(cli, nbID, "10.246.1.50", mac),
					sameIdentity(cli, ctr, &before),
					noHelperLeft(cli, ctr),
				),
			},
			resource.TestStep{
				// A restart: Engine 20.10 puts its own MAC (02:42:<address>) back on the interface;
				// the plan replaces the attachment, which sets the declared one again.
				PreConfig: func() {
					restartContainer(t, cli, ctrID)
					if _, got, err := interfaceWith(context.Background(), cli, ctrID, "10.246.1.50"); err != nil || got != "02:42:0a:f6:01:32" {
						t.Fatalf("after a restart the interface has %q (%v), want Engine 20.10's own 02:42:0a:f6:01:32", got, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(attachment, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(attachment, "assigned_mac_address", mac),
					macOnWire(cli, ctr, net, mac),
					noHelperLeft(cli, ctr),
				),
			},
		)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: accProviders,
		CheckDestroy:             notConnected(cli, ctr, net),
		Steps:                    steps,
	})
}

// restartContainer restarts the container outside Terraform.
func restartContainer(t *testing.T, cli *client.Client, ctrID string) {
	t.Helper()
	timeout := 0
	if _, err := cli.ContainerRestart(context.Background(), ctrID, client.ContainerRestartOptions{Timeout: &timeout}); err != nil {
		t.Fatal(err)
	}
}

// cbdConfig: a macvlan LAN on a parent of the test's own and a runtime's endpoint on it with a
// declared MAC, both create_before_destroy, as the TypeScript side writes them on engines that
// allow several macvlan networks on one parent.
func cbdConfig(e *accEngine, name, parent string, octet int, mac string) string {
	return e.providers(true, "") + fmt.Sprintf(`
resource "docker_network" "lan" {
  name    = "%[1]s-lan-%[3]d"
  driver  = "macvlan"
  options = { parent = "%[2]s" }
  ipam_config {
    subnet  = "10.245.%[3]d.0/24"
    gateway = "10.245.%[3]d.1"
  }
  labels {
    label = "edgenet.acc"
    value = "1"
  }
  lifecycle {
    create_before_destroy = true
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
  container       = docker_container.rt.id
  network         = docker_network.lan.id
  ipv4_host_index = 50
  mac_address     = "%[4]s"
  lifecycle {
    create_before_destroy = true
  }
}
`, name, parent, octet, mac)
}

// TestAccAttachmentCreateBeforeDestroyOnOneParent: a subnet move with create_before_destroy on
// an engine that allows several macvlan networks on one parent. The new attachment is created
// while the old one, with the same declared MAC on the same parent, is still there, which the
// kernel refuses for two links (address already in use) unless the old interface steps aside
// first. The interface ends with the declared MAC on the new network; the container keeps
// running the same process.
func TestAccAttachmentCreateBeforeDestroyOnOneParent(t *testing.T) {
	forEachEngine(t, testAttachmentCreateBeforeDestroyOnOneParent)
}

func testAttachmentCreateBeforeDestroyOnOneParent(t *testing.T, e *accEngine, name string) {
	cli := e.cli
	parent := ownVeth(t, e, "edgacc2")
	if !e.allowsMacvlanSiblings() {
		// What such an engine does instead, and why a stack never asks it to create before it
		// destroys: it refuses a second macvlan network on the parent.
		apiMacvlan(t, cli, name+"-first", parent, "10.245.1.0/24", "10.245.1.1")
		_, err := cli.NetworkCreate(context.Background(), name+"-second", client.NetworkCreateOptions{
			Driver:  "macvlan",
			Options: map[string]string{"parent": parent},
			IPAM:    &network.IPAM{Config: []network.IPAMConfig{{Subnet: netip.MustParsePrefix("10.245.2.0/24"), Gateway: netip.MustParseAddr("10.245.2.1")}}},
			Labels:  map[string]string{accLabel: "1"},
		})
		if err == nil || !strings.Contains(err.Error(), "already using parent interface") {
			t.Fatalf("Docker Engine %s (API %s): a second macvlan network on %s: got %v; expected the refusal \"already using parent interface\"", e.Version, e.API, parent, err)
		}
		return
	}
	const mac = "02:00:0a:f5:00:32"
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
				Config: cbdConfig(e, name, parent, 1, mac),
				Check: resource.ComposeAggregateTestCheckFunc(
					attrs.capture(attachment, "container_id", "network_id"),
					func(*terraform.State) error { oldNet = net(); return nil },
					resource.TestCheckResourceAttr(attachment, "assigned_ipv4_address", "10.245.1.50"),
					resource.TestCheckResourceAttr(attachment, "assigned_mac_address", mac),
					macOnWire(cli, ctr, net, mac),
					recordIdentity(cli, ctr, &before),
				),
			},
			{
				Config: cbdConfig(e, name, parent, 2, mac),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("docker_network.lan", plancheck.ResourceActionCreateBeforeDestroy),
					plancheck.ExpectResourceAction(attachment, plancheck.ResourceActionCreateBeforeDestroy),
					plancheck.ExpectResourceAction("docker_container.rt", plancheck.ResourceActionNoop),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					attrs.capture(attachment, "container_id", "network_id"),
					func(*terraform.State) error {
						if net() == oldNet {
							return fmt.Errorf("network_id did not change: %s", net())
						}
						if _, err := cli.NetworkInspect(context.Background(), oldNet, client.NetworkInspectOptions{}); err == nil {
							return fmt.Errorf("the old network %s is still there", oldNet)
						}
						return nil
					},
					resource.TestCheckResourceAttr(attachment, "assigned_ipv4_address", "10.245.2.50"),
					resource.TestCheckResourceAttr(attachment, "assigned_mac_address", mac),
					connectedWith(cli, ctr, net, "10.245.2.50"),
					macOnWire(cli, ctr, net, mac),
					sameIdentity(cli, ctr, &before),
					noHelperLeft(cli, ctr),
				),
			},
		},
	})
}

// TestAccAttachmentHelperImage: the helper image is needed only where the engine does not
// apply the MAC on connect; there, one that is not on the engine fails the apply with what to
// do about it, naming the container and the network.
func TestAccAttachmentHelperImage(t *testing.T) {
	forEachEngine(t, testAttachmentHelperImage)
}

func testAttachmentHelperImage(t *testing.T, e *accEngine, name string) {
	cli := e.cli
	ctrID := apiContainer(t, cli, name+"-rt")
	netID := apiNetwork(t, cli, name+"-lan", "10.243.4.0/24", "10.243.4.1")
	const missing = "edgenet-acc/no-such-helper:0"
	config := apiAttachmentConfig(e, `helper_image = "`+missing+`"`, name+"-rt", name+"-lan", `mac_address = "02:00:0a:f3:04:32"`)
	step := resource.TestStep{Config: config}
	if e.appliesMACOnConnect() {
		step.Check = resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(attachment, "assigned_mac_address", "02:00:0a:f3:04:32"),
			macOnWire(cli, func() string { return ctrID }, func() string { return netID }, "02:00:0a:f3:04:32"),
		)
	} else {
		step.ExpectError = inOrder(`container "`+name+`-rt", network "`+name+`-lan"`, `helper image "`+missing+`" is not on the engine`,
			"docker pull "+missing, "helper_image")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: accProviders,
		Steps:                    []resource.TestStep{step},
	})
}

// neighbourHas fails unless the container's ARP table maps address to mac.
func neighbourHas(cli *client.Client, ctrID, address, mac string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		out, err := execIn(context.Background(), cli, ctrID, "cat", "/proc/net/arp")
		if err != nil {
			return err
		}
		for _, line := range strings.Split(out, "\n") {
			f := strings.Fields(line)
			if len(f) >= 4 && f[0] == address {
				if f[3] != mac {
					return fmt.Errorf("neighbour %s has %s at %s, want %s", ctrID, address, f[3], mac)
				}
				return nil
			}
		}
		return fmt.Errorf("neighbour %s has no ARP entry for %s:\n%s", ctrID, address, out)
	}
}
