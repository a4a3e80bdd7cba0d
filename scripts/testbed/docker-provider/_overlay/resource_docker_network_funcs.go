// edgenet: a patched copy of kreuzwerker/terraform-provider-docker 4.6.0's
// internal/provider/resource_docker_network_funcs.go (module pseudo-version
// v0.0.0-20260916201441-96d331c98ff4), copied over the original in a copy of the module at
// build time (scripts/testbed/docker-provider.sh). Changes, all for the watcher's subnet move
// (docs/design.md, "Moving first, recording after"):
//   - Create adopts a network of the same name that is identical to the one asked for
//     (findIdenticalNetwork): the watcher may already have made it on the engine.
//   - No fixed 2 s wait before reading a network or checking its removal, and 100 ms instead
//     of 5 s between polls: for the local drivers edgenet uses, nothing appears later than
//     the create's answer.
// Everything else is that version's file, unchanged.

package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"maps"
	"slices"
	"time"

	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/client"
	"github.com/hashicorp/terraform-plugin-sdk/v2/diag"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/retry"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
)

const (
	networkReadRefreshTimeout               = 30 * time.Second
	networkReadRefreshWaitBeforeRefreshes   = 100 * time.Millisecond
	networkReadRefreshDelay                 = 0
	networkRemoveRefreshTimeout             = 30 * time.Second
	networkRemoveRefreshWaitBeforeRefreshes = 100 * time.Millisecond
	networkRemoveRefreshDelay               = 0
)

func resourceDockerNetworkCreate(ctx context.Context, d *schema.ResourceData, meta interface{}) diag.Diagnostics {
	client, err := meta.(*ProviderConfig).MakeClient(ctx, d)
	if err != nil {
		return diag.FromErr(fmt.Errorf("failed to create Docker client: %w", err))
	}

	createOpts := network.CreateOptions{}
	if v, ok := d.GetOk("labels"); ok {
		createOpts.Labels = labelSetToMap(v.(*schema.Set))
	}
	if v, ok := d.GetOk("driver"); ok {
		createOpts.Driver = v.(string)
	}
	if v, ok := d.GetOk("options"); ok {
		createOpts.Options = mapTypeMapValsToString(v.(map[string]interface{}))
	}
	if v, ok := d.GetOk("internal"); ok {
		createOpts.Internal = v.(bool)
	}
	if v, ok := d.GetOk("attachable"); ok {
		createOpts.Attachable = v.(bool)
	}
	if v, ok := d.GetOk("ingress"); ok {
		createOpts.Ingress = v.(bool)
	}
	if v, ok := d.GetOk("ipv6"); ok {
		enableIPv6 := v.(bool)
		createOpts.EnableIPv6 = &enableIPv6
	}

	ipamOpts := &network.IPAM{}
	ipamOptsSet := false
	if v, ok := d.GetOk("ipam_driver"); ok {
		ipamOpts.Driver = v.(string)
		ipamOptsSet = true
	}
	if v, ok := d.GetOk("ipam_config"); ok {
		ipamOpts.Config = ipamConfigSetToIpamConfigs(v.(*schema.Set))
		ipamOptsSet = true
	}
	if v, ok := d.GetOk("ipam_options"); ok {
		ipamOpts.Options = mapTypeMapValsToString(v.(map[string]interface{}))
		ipamOptsSet = true
	}

	if ipamOptsSet {
		createOpts.IPAM = ipamOpts
	}

	if id, found, err := findIdenticalNetwork(ctx, client, d.Get("name").(string), createOpts); err != nil {
		return diag.Errorf("Unable to look for an existing network: %s", err)
	} else if found {
		log.Printf("[INFO] Adopting the existing identical network %s (%s)", d.Get("name").(string), id)
		d.SetId(id)
		return resourceDockerNetworkRead(ctx, d, meta)
	}

	retNetwork, err := client.NetworkCreate(ctx, d.Get("name").(string), createOpts)
	if err != nil {
		return diag.Errorf("Unable to create network: %s", err)
	}

	d.SetId(retNetwork.ID)
	return resourceDockerNetworkRead(ctx, d, meta)
}

func resourceDockerNetworkRead(ctx context.Context, d *schema.ResourceData, meta interface{}) diag.Diagnostics {
	log.Printf("[INFO] Waiting for network: '%s' to expose all fields: max '%v seconds'", d.Id(), networkReadRefreshTimeout)

	client, err := meta.(*ProviderConfig).MakeClient(ctx, d)
	if err != nil {
		return diag.FromErr(fmt.Errorf("failed to create Docker client: %w", err))
	}

	stateConf := &retry.StateChangeConf{
		Pending:    []string{"pending"},
		Target:     []string{"all_fields", "removed"},
		Refresh:    resourceDockerNetworkReadRefreshFunc(ctx, d, meta, client),
		Timeout:    networkReadRefreshTimeout,
		MinTimeout: networkReadRefreshWaitBeforeRefreshes,
		Delay:      networkReadRefreshDelay,
	}

	// Wait, catching any errors
	_, err = stateConf.WaitForStateContext(ctx)
	if err != nil {
		return diag.FromErr(err)
	}

	return nil
}

func resourceDockerNetworkDelete(ctx context.Context, d *schema.ResourceData, meta interface{}) diag.Diagnostics {
	log.Printf("[INFO] Waiting for network: '%s' to be removed: max '%v seconds'", d.Id(), networkRemoveRefreshTimeout)

	client, err := meta.(*ProviderConfig).MakeClient(ctx, d)
	if err != nil {
		return diag.FromErr(fmt.Errorf("failed to create Docker client: %w", err))
	}

	stateConf := &retry.StateChangeConf{
		Pending:    []string{"pending"},
		Target:     []string{"removed"},
		Refresh:    resourceDockerNetworkRemoveRefreshFunc(ctx, d, meta, client),
		Timeout:    networkRemoveRefreshTimeout,
		MinTimeout: networkRemoveRefreshWaitBeforeRefreshes,
		Delay:      networkRemoveRefreshDelay,
	}

	// Wait, catching any errors
	_, err = stateConf.WaitForStateContext(ctx)
	if err != nil {
		return diag.FromErr(err)
	}

	d.SetId("")
	return nil
}

func ipamConfigSetToIpamConfigs(ipamConfigSet *schema.Set) []network.IPAMConfig {
	ipamConfigs := make([]network.IPAMConfig, ipamConfigSet.Len())

	for i, ipamConfigInt := range ipamConfigSet.List() {
		ipamConfigRaw := ipamConfigInt.(map[string]interface{})

		ipamConfig := network.IPAMConfig{}
		ipamConfig.Subnet = ipamConfigRaw["subnet"].(string)
		ipamConfig.IPRange = ipamConfigRaw["ip_range"].(string)
		ipamConfig.Gateway = ipamConfigRaw["gateway"].(string)

		auxAddressRaw := ipamConfigRaw["aux_address"].(map[string]interface{})
		ipamConfig.AuxAddress = make(map[string]string, len(auxAddressRaw))
		for k, v := range auxAddressRaw {
			ipamConfig.AuxAddress[k] = v.(string)
		}

		ipamConfigs[i] = ipamConfig
	}

	return ipamConfigs
}

func resourceDockerNetworkReadRefreshFunc(ctx context.Context,
	d *schema.ResourceData, meta interface{}, client *client.Client) retry.StateRefreshFunc {
	return func() (interface{}, string, error) {
		networkID := d.Id()

		retNetwork, _, err := client.NetworkInspectWithRaw(ctx, networkID, network.InspectOptions{})
		if err != nil {
			log.Printf("[WARN] Network (%s) not found, removing from state", networkID)
			d.SetId("")
			return networkID, "removed", nil
		}

		jsonObj, _ := json.MarshalIndent(retNetwork, "", "\t")
		log.Printf("[DEBUG] Docker network inspect: %s", jsonObj)

		d.Set("name", retNetwork.Name)
		d.Set("labels", mapToLabelSet(retNetwork.Labels))
		d.Set("driver", retNetwork.Driver)
		d.Set("internal", retNetwork.Internal)
		d.Set("attachable", retNetwork.Attachable)
		d.Set("ingress", retNetwork.Ingress)
		d.Set("ipv6", retNetwork.EnableIPv6)
		d.Set("ipam_driver", retNetwork.IPAM.Driver)
		d.Set("ipam_options", retNetwork.IPAM.Options)
		d.Set("scope", retNetwork.Scope)
		if retNetwork.Scope == "overlay" {
			if len(retNetwork.Options) != 0 {
				d.Set("options", retNetwork.Options)
			} else {
				log.Printf("[DEBUG] options: %v not exposed", retNetwork.Options)
				return networkID, "pending", nil
			}
		} else {
			d.Set("options", retNetwork.Options)
		}

		if err = d.Set("ipam_config", flattenIpamConfigSpec(retNetwork.IPAM.Config)); err != nil {
			log.Printf("[WARN] failed to set ipam config from API: %s", err)
		}

		log.Println("[DEBUG] all network fields exposed")
		return networkID, "all_fields", nil
	}
}

func resourceDockerNetworkRemoveRefreshFunc(ctx context.Context,
	d *schema.ResourceData, meta interface{}, client *client.Client) retry.StateRefreshFunc {
	return func() (interface{}, string, error) {
		networkID := d.Id()

		_, _, err := client.NetworkInspectWithRaw(ctx, networkID, network.InspectOptions{})
		if err != nil {
			log.Printf("[INFO] Network (%s) not found. Already removed", networkID)
			return networkID, "removed", nil
		}

		if err := client.NetworkRemove(ctx, networkID); err != nil {
			if containsIgnorableErrorMessage(err.Error(), "has active endpoints") {
				return networkID, "pending", nil
			}
			return networkID, "other", err
		}

		return networkID, "removed", nil
	}
}

// findIdenticalNetwork finds the network named name when it is exactly what createOpts asks
// for (driver, options, IPAM, flags, labels). A network of that name that differs is not
// adopted: the create then goes on and the engine says why it cannot.
func findIdenticalNetwork(ctx context.Context, cli *client.Client, name string, createOpts network.CreateOptions) (string, bool, error) {
	existing, err := cli.NetworkInspect(ctx, name, network.InspectOptions{})
	if err != nil {
		if client.IsErrNotFound(err) {
			return "", false, nil
		}
		return "", false, err
	}
	if existing.Name != name || existing.Driver != createOpts.Driver ||
		existing.Internal != createOpts.Internal || existing.Attachable != createOpts.Attachable ||
		existing.Ingress != createOpts.Ingress ||
		!maps.Equal(nonNil(existing.Options), nonNil(createOpts.Options)) ||
		!maps.Equal(nonNil(existing.Labels), nonNil(createOpts.Labels)) {
		return "", false, nil
	}
	if createOpts.EnableIPv6 != nil && *createOpts.EnableIPv6 != existing.EnableIPv6 {
		return "", false, nil
	}
	if createOpts.IPAM != nil && !sameIpamConfigs(existing.IPAM.Config, createOpts.IPAM.Config) {
		return "", false, nil
	}
	return existing.ID, true, nil
}

func sameIpamConfigs(a, b []network.IPAMConfig) bool {
	return slices.EqualFunc(a, b, func(x, y network.IPAMConfig) bool {
		return x.Subnet == y.Subnet && x.Gateway == y.Gateway && x.IPRange == y.IPRange &&
			maps.Equal(nonNil(x.AuxAddress), nonNil(y.AuxAddress))
	})
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
