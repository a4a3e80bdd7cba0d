// Package connection decides how the provider reaches a Docker engine and builds the client.
//
// It follows kreuzwerker/docker on purpose: an edgenet stack configures both providers from
// the same docker_host, so both must read the same attributes and environment variables the
// same way, or one of them would talk to another engine than the other.
package connection

import "strings"

// DefaultHost is the engine address used when neither the provider block nor DOCKER_HOST
// names one (kreuzwerker/docker's default on Linux).
const DefaultHost = "unix:///var/run/docker.sock"

// Environment variables read when the provider block leaves an attribute out; the names are
// the Docker CLI's, as in kreuzwerker/docker.
const (
	EnvHost     = "DOCKER_HOST"
	EnvCertPath = "DOCKER_CERT_PATH"
	EnvSSHOpts  = "DOCKER_SSH_OPTS"
)

// Configured is what the provider block said. A nil field was not set there.
type Configured struct {
	Host     *string
	CertPath *string
	SSHOpts  []string // nil when the block has no ssh_opts
}

// Settings is the resolved connection: every field final, nothing left to look up.
type Settings struct {
	Host     string
	CertPath string   // directory holding ca.pem, cert.pem, key.pem; TLS when not empty
	SSHOpts  []string // extra arguments for ssh on ssh:// hosts
}

// Resolve applies the precedence attribute > environment > default for each setting.
// An attribute set to the empty string counts as not set, as the Docker CLI treats an
// empty DOCKER_HOST. getenv is os.Getenv outside tests.
func Resolve(c Configured, getenv func(string) string) Settings {
	s := Settings{
		Host:     first(c.Host, getenv(EnvHost), DefaultHost),
		CertPath: first(c.CertPath, getenv(EnvCertPath), ""),
		SSHOpts:  c.SSHOpts,
	}
	if s.SSHOpts == nil {
		// kreuzwerker/docker splits DOCKER_SSH_OPTS on white space; so do we.
		s.SSHOpts = strings.Fields(getenv(EnvSSHOpts))
	}
	return s
}

func first(attribute *string, env, fallback string) string {
	if attribute != nil && *attribute != "" {
		return *attribute
	}
	if env != "" {
		return env
	}
	return fallback
}
