package connection

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/docker/cli/cli/connhelper"
	"github.com/moby/moby/client"
)

// NewClient builds a Docker API client for s the way kreuzwerker/docker's MakeClient does:
// a cert path means TLS with ca.pem/cert.pem/key.pem from that directory (the server
// certificate is verified against ca.pem); otherwise an ssh:// host is reached through
// `ssh [opts] host docker system dial-stdio` (the Docker CLI's connection helper); anything
// else (unix://, tcp://, npipe://) is dialled directly.
//
// The API version is negotiated with the engine on first use (the client's default; nothing
// here or in the environment pins one): down to Debian bookworm's Engine 20.10 (API 1.41),
// and up to Engine 29 (API 1.56), which applies a MAC given on connect only to requests of
// API version 1.54 and later.
//
// Building the client does not contact the engine: a plan that creates nothing still works
// when the engine is unreachable until a resource actually needs it.
func NewClient(s Settings) (*client.Client, error) {
	var opts []client.Opt
	switch {
	case s.CertPath != "":
		opts = append(opts,
			client.WithHost(s.Host),
			client.WithTLSClientConfig(
				filepath.Join(s.CertPath, "ca.pem"),
				filepath.Join(s.CertPath, "cert.pem"),
				filepath.Join(s.CertPath, "key.pem"),
			))
	case strings.HasPrefix(s.Host, "ssh://"):
		helper, err := connhelper.GetConnectionHelperWithSSHOpts(s.Host, s.SSHOpts)
		if err != nil {
			return nil, fmt.Errorf("docker host %q: %w", s.Host, err)
		}
		opts = append(opts, client.WithHost(helper.Host), client.WithDialContext(helper.Dialer))
	default:
		opts = append(opts, client.WithHost(s.Host))
	}
	c, err := client.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("docker host %q: %w", s.Host, err)
	}
	return c, nil
}
