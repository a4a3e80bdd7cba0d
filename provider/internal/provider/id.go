package provider

import (
	"fmt"
	"strings"
)

// attachmentID is the resource ID: the container's and the network's full IDs, which
// together name exactly one endpoint.
func attachmentID(containerID, networkID string) string {
	return containerID + ":" + networkID
}

// parseImportID splits an import ID `<container>:<network>` (names or IDs). Container names
// cannot contain ':', so the first ':' separates the two even if a network name has one.
func parseImportID(id string) (containerRef, networkRef string, err error) {
	containerRef, networkRef, found := strings.Cut(id, ":")
	if !found || containerRef == "" || networkRef == "" {
		return "", "", fmt.Errorf("import ID %q: want <container>:<network> (a name or ID each)", id)
	}
	return containerRef, networkRef, nil
}
