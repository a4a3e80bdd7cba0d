package connection

import (
	"reflect"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func ptr(s string) *string { return &s }

func TestResolveHostPrecedence(t *testing.T) {
	cases := []struct {
		name string
		attr *string
		env  map[string]string
		want string
	}{
		{"the attribute wins over DOCKER_HOST", ptr("tcp://10.0.0.1:2376"), map[string]string{EnvHost: "unix:///env.sock"}, "tcp://10.0.0.1:2376"},
		{"DOCKER_HOST when the attribute is absent", nil, map[string]string{EnvHost: "unix:///env.sock"}, "unix:///env.sock"},
		{"DOCKER_HOST when the attribute is empty", ptr(""), map[string]string{EnvHost: "unix:///env.sock"}, "unix:///env.sock"},
		{"the local socket when neither is set", nil, nil, DefaultHost},
		{"the local socket when DOCKER_HOST is empty", nil, map[string]string{EnvHost: ""}, DefaultHost},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Resolve(Configured{Host: c.attr}, env(c.env)).Host
			if got != c.want {
				t.Fatalf("host = %q, want %q", got, c.want)
			}
		})
	}
}

func TestResolveCertPathPrecedence(t *testing.T) {
	e := env(map[string]string{EnvCertPath: "/env/certs"})
	if got := Resolve(Configured{CertPath: ptr("/attr/certs")}, e).CertPath; got != "/attr/certs" {
		t.Fatalf("cert_path = %q, want the attribute", got)
	}
	if got := Resolve(Configured{}, e).CertPath; got != "/env/certs" {
		t.Fatalf("cert_path = %q, want DOCKER_CERT_PATH", got)
	}
	if got := Resolve(Configured{}, env(nil)).CertPath; got != "" {
		t.Fatalf("cert_path = %q, want empty (no TLS)", got)
	}
}

func TestResolveSSHOpts(t *testing.T) {
	e := env(map[string]string{EnvSSHOpts: "-o  StrictHostKeyChecking=no -p 2222"})
	if got := Resolve(Configured{}, e).SSHOpts; !reflect.DeepEqual(got, []string{"-o", "StrictHostKeyChecking=no", "-p", "2222"}) {
		t.Fatalf("ssh_opts from DOCKER_SSH_OPTS = %q", got)
	}
	if got := Resolve(Configured{SSHOpts: []string{"-i", "/k"}}, e).SSHOpts; !reflect.DeepEqual(got, []string{"-i", "/k"}) {
		t.Fatalf("ssh_opts attribute = %q, want it to win", got)
	}
}
