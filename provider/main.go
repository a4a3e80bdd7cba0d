// Command terraform-provider-edgenet serves the edgenet Terraform provider: it connects
// running containers to Docker networks in place, so a network that has to be replaced no
// longer takes the containers on it down with it.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"edgenet.dev/terraform-provider-edgenet/internal/provider"
)

// version is the provider version this binary reports; the test bed installs the binary
// under the same version in its mirror.
const version = "0.1.0"

func main() {
	debug := flag.Bool("debug", false, "run with support for debuggers (prints TF_REATTACH_PROVIDERS)")
	flag.Parse()
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: provider.Address,
		Debug:   *debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}
