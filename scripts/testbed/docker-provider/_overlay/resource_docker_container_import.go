package provider

// edgenet's addition to kreuzwerker/docker 4.6.0 (scripts/testbed/docker-provider.sh puts it
// beside the provider's own files, and container-import.patch points the container's importer
// at it): importing a container that runs also records its environment.
//
// The provider never reads `env` back, so an imported container's state had none; `env` is
// optional, computed and forces a new container, so the first plan after an import replaced
// (restarted) the container even when the configuration declared exactly what runs
// (`edgenet adopt`, docs/design.md). The import now records what a create would have recorded:
// the variables the container sets on top of its image's, in the engine's order.

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
)

func resourceDockerContainerImportState(ctx context.Context, d *schema.ResourceData, meta interface{}) ([]*schema.ResourceData, error) {
	client, err := meta.(*ProviderConfig).MakeClient(ctx, d)
	if err != nil {
		return nil, fmt.Errorf("failed to create Docker client: %w", err)
	}
	container, err := client.ContainerInspect(ctx, d.Id())
	if err != nil {
		return nil, fmt.Errorf("importing container %s: %w", d.Id(), err)
	}
	// By ID from here on, whether it was named by ID or by name.
	d.SetId(container.ID)
	var imageEnv []string
	if image, err := client.ImageInspect(ctx, container.Image); err == nil && image.Config != nil {
		imageEnv = image.Config.Env
	}
	if err := d.Set("env", envOverImage(container.Config.Env, imageEnv)); err != nil {
		return nil, err
	}
	return []*schema.ResourceData{d}, nil
}

// envOverImage is the container's environment less what its image sets, unchanged.
func envOverImage(containerEnv, imageEnv []string) []string {
	own := []string{}
	for _, v := range containerEnv {
		if !slices.Contains(imageEnv, v) {
			own = append(own, v)
		}
	}
	return own
}
