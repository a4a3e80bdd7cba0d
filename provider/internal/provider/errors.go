package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// engineFailure is the diagnostic for an engine call that failed: it names the container
// and the network as the user wrote them and quotes what the engine said, so the one line
// an operator reads on a failed apply says which attachment and why.
func engineFailure(action, containerRef, networkRef string, err error) diag.Diagnostic {
	return diag.NewErrorDiagnostic(
		fmt.Sprintf("Cannot %s", action),
		fmt.Sprintf("container %q, network %q: the Docker engine said: %s", containerRef, networkRef, err),
	)
}

// attachmentFailure is the diagnostic for a failure that is not the engine's answer to a
// call, with the same naming of container and network.
func attachmentFailure(action, containerRef, networkRef, problem string) diag.Diagnostic {
	return diag.NewErrorDiagnostic(
		fmt.Sprintf("Cannot %s", action),
		fmt.Sprintf("container %q, network %q: %s", containerRef, networkRef, problem),
	)
}
