package provider

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestHelperContainerFailsWhenItGetsMoreThanItNeeds(t *testing.T) {
	cfg, host := helperContainer(helperRun{ContainerID: "c1", Image: "busybox:1.36", Env: []string{"EDGENET_TO=x"}})
	if cfg.Image != "busybox:1.36" || !reflect.DeepEqual(cfg.Env, []string{"EDGENET_TO=x"}) {
		t.Errorf("image %q, env %q", cfg.Image, cfg.Env)
	}
	if len(cfg.Entrypoint) < 3 || cfg.Entrypoint[0] != "sh" || cfg.Entrypoint[2] != helperScript {
		t.Errorf("entrypoint %q: want sh -c with the script", cfg.Entrypoint)
	}
	if cfg.Labels[helperLabel] == "" {
		t.Errorf("labels %v: want %s", cfg.Labels, helperLabel)
	}
	if host.NetworkMode != "container:c1" {
		t.Errorf("network mode %q, want the container's namespace", host.NetworkMode)
	}
	if !reflect.DeepEqual(host.CapAdd, []string{"NET_ADMIN", "NET_RAW"}) {
		t.Errorf("capabilities %q, want NET_ADMIN and NET_RAW only", host.CapAdd)
	}
	if host.Privileged || len(host.Binds) > 0 || len(host.Mounts) > 0 || host.PidMode != "" || host.IpcMode != "" ||
		host.UsernsMode != "" || len(host.Devices) > 0 || len(host.SecurityOpt) > 0 || host.AutoRemove {
		t.Errorf("host config gives more than the two capabilities: %+v", host)
	}
}

func TestRunHelperFailsWhenAMissingImageIsNotSaidSo(t *testing.T) {
	err := error(&missingImageError{image: "busybox:1.36", err: errors.New("No such image: busybox:1.36")})
	for _, want := range []string{`"busybox:1.36" is not on the engine`, "No such image", "docker pull busybox:1.36", "helper_image", "`ip` and `arping`"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
}

// The script, run under the machine's sh (and busybox sh where there is one) on a fake
// /sys/class/net, with stand-ins for ip and arping that record their calls.

type scriptBed struct {
	dir, net, calls string
	env             []string
}

func newScriptBed(t *testing.T, ifaces map[string]string, addrs string) *scriptBed {
	t.Helper()
	b := &scriptBed{dir: t.TempDir()}
	b.net = filepath.Join(b.dir, "net")
	b.calls = filepath.Join(b.dir, "calls")
	for name, mac := range ifaces {
		if err := os.MkdirAll(filepath.Join(b.net, name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(b.net, name, "address"), []byte(mac+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(b.dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b.dir, "addrs"), []byte(addrs), 0o644); err != nil {
		t.Fatal(err)
	}
	ip := `#!/bin/sh
echo "ip $*" >> "$FAKE/calls"
case "$*" in
  "-o -4 addr show")
    while read -r i a; do printf '9: %s    inet %s/24 brd 10.0.0.255 scope global %s\\       valid_lft forever preferred_lft forever\n' "$i" "$a" "$i"; done < "$FAKE/addrs" ;;
  "-o -4 addr show dev "*)
    while read -r i a; do [ "$i" = "$6" ] && printf '9: %s    inet %s/24 brd 10.0.0.255 scope global %s\n' "$i" "$a" "$i"; done < "$FAKE/addrs"; true ;;
  "link set dev "*)
    if [ -n "${FAKE_IP_FAILS:-}" ]; then echo "ip: SIOCSIFHWADDR: Address already in use" >&2; exit 2; fi
    echo "$6" > "$EDGENET_SYS_NET/$4/address" ;;
  *) echo "fake ip: unexpected $*" >&2; exit 9 ;;
esac
`
	arping := `#!/bin/sh
echo "arping $*" >> "$FAKE/calls"
[ -z "${FAKE_ARPING_FAILS:-}" ] || { echo "arping: bad interface" >&2; exit 1; }
`
	for name, text := range map[string]string{"ip": ip, "arping": arping} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	b.env = []string{"PATH=" + os.Getenv("PATH"), "FAKE=" + b.dir, "EDGENET_SYS_NET=" + b.net}
	return b
}

// run runs the script under each shell there is, on a fresh copy of the bed each time.
func runScript(t *testing.T, ifaces map[string]string, addrs string, env []string, check func(t *testing.T, b *scriptBed, code int, out string)) {
	t.Helper()
	shells := [][]string{{"sh"}}
	if _, err := exec.LookPath("busybox"); err == nil {
		shells = append(shells, []string{"busybox", "sh"})
	}
	for _, sh := range shells {
		t.Run(strings.Join(sh, "-"), func(t *testing.T) {
			if _, err := exec.LookPath(sh[0]); err != nil {
				t.Skipf("no %s here", sh[0])
			}
			b := newScriptBed(t, ifaces, addrs)
			// Functions, not PATH: busybox sh runs its own applets before anything on PATH,
			// and the real ip must not run here.
			prelude := `ip() { "$FAKE/bin/ip" "$@"; }; arping() { "$FAKE/bin/arping" "$@"; }` + "\n"
			cmd := exec.Command(sh[0], append(sh[1:], "-c", prelude+helperScript, "edgenet-helper")...)
			cmd.Env = append(b.env, env...)
			out, err := cmd.CombinedOutput()
			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			check(t, b, code, string(out))
		})
	}
}

func (b *scriptBed) read(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(data)
}

var benchIfaces = map[string]string{
	"lo": "00:00:00:00:00:00", "eth0": "02:42:ac:1e:ff:02", "eth1": "02:42:0a:00:00:32",
	"eth2": "02:00:0a:00:00:99", "eth3": "02:00:0a:00:00:99",
}

const benchAddrs = "lo 127.0.0.1\neth0 172.30.255.2\neth1 10.0.0.50\neth2 10.0.1.50\neth3 10.0.2.50\n"

func TestHelperScriptFailsWhenTheListingIsWrong(t *testing.T) {
	runScript(t, benchIfaces, benchAddrs, nil, func(t *testing.T, b *scriptBed, code int, out string) {
		rep := parseHelperOutput(out)
		want := wireSnapshot{
			{Name: "eth0", MAC: "02:42:ac:1e:ff:02", IPv4: []string{"172.30.255.2"}},
			{Name: "eth1", MAC: "02:42:0a:00:00:32", IPv4: []string{"10.0.0.50"}},
			{Name: "eth2", MAC: "02:00:0a:00:00:99", IPv4: []string{"10.0.1.50"}},
			{Name: "eth3", MAC: "02:00:0a:00:00:99", IPv4: []string{"10.0.2.50"}},
		}
		if code != 0 || !reflect.DeepEqual(rep.ifaces, want) {
			t.Fatalf("exit %d, interfaces %+v; output:\n%s", code, rep.ifaces, out)
		}
		if strings.Contains(b.read(t, b.calls), "link set") {
			t.Fatalf("a listing changed something: %s", b.read(t, b.calls))
		}
	})
}

func TestHelperScriptFailsWhenTheMACIsNotSetAndAnnounced(t *testing.T) {
	env := []string{"EDGENET_FROM=02:42:0a:00:00:32", "EDGENET_TO=" + declaredMAC, "EDGENET_ADDR=10.0.0.50", "EDGENET_ANNOUNCE=1"}
	runScript(t, benchIfaces, benchAddrs, env, func(t *testing.T, b *scriptBed, code int, out string) {
		calls := b.read(t, b.calls)
		if code != 0 || !strings.Contains(calls, "ip link set dev eth1 address "+declaredMAC+"\n") ||
			!strings.Contains(calls, "arping -U -c 1 -I eth1 10.0.0.50\n") {
			t.Fatalf("exit %d; calls:\n%s\noutput:\n%s", code, calls, out)
		}
		rep := parseHelperOutput(out)
		if rep.set == nil || !reflect.DeepEqual(*rep.set, wireIface{Name: "eth1", MAC: declaredMAC}) || rep.announceFailed != "" {
			t.Fatalf("set %+v, announce failed %q; output:\n%s", rep.set, rep.announceFailed, out)
		}
		if strings.Index(calls, "ip link set") > strings.Index(calls, "arping") {
			t.Fatalf("announced before the MAC was set:\n%s", calls)
		}
	})
}

func TestHelperScriptFailsWhenItAnnouncesWithoutBeingAsked(t *testing.T) {
	env := []string{"EDGENET_FROM=02:42:0a:00:00:32", "EDGENET_TO=" + declaredMAC, "EDGENET_ADDR=10.0.0.50"}
	runScript(t, benchIfaces, benchAddrs, env, func(t *testing.T, b *scriptBed, code int, out string) {
		if calls := b.read(t, b.calls); code != 0 || strings.Contains(calls, "arping") {
			t.Fatalf("exit %d; calls:\n%s", code, calls)
		}
	})
}

func TestHelperScriptFailsWhenSeveralInterfacesWithTheMACAreNotToldApart(t *testing.T) {
	env := []string{"EDGENET_FROM=02:00:0a:00:00:99", "EDGENET_TO=02:00:00:00:00:01", "EDGENET_ADDR=10.0.2.50"}
	runScript(t, benchIfaces, benchAddrs, env, func(t *testing.T, b *scriptBed, code int, out string) {
		if calls := b.read(t, b.calls); code != 0 || !strings.Contains(calls, "ip link set dev eth3 address 02:00:00:00:00:01") {
			t.Fatalf("exit %d; calls:\n%s\noutput:\n%s", code, calls, out)
		}
	})
	env = []string{"EDGENET_FROM=02:00:0a:00:00:99", "EDGENET_TO=02:00:00:00:00:01"}
	runScript(t, benchIfaces, benchAddrs, env, func(t *testing.T, b *scriptBed, code int, out string) {
		if calls := b.read(t, b.calls); code != 4 || strings.Contains(calls, "link set") || !strings.Contains(out, "several interfaces") {
			t.Fatalf("exit %d; calls:\n%s\noutput:\n%s", code, calls, out)
		}
	})
}

func TestHelperScriptFailsWhenAMissingInterfaceIsNotReported(t *testing.T) {
	env := []string{"EDGENET_FROM=02:00:00:00:00:77", "EDGENET_TO=" + declaredMAC, "EDGENET_ADDR=10.0.0.50"}
	runScript(t, benchIfaces, benchAddrs, env, func(t *testing.T, b *scriptBed, code int, out string) {
		if code != 3 || !strings.Contains(out, "no interface has MAC 02:00:00:00:00:77") || len(parseHelperOutput(out).ifaces) != 4 {
			t.Fatalf("exit %d, output:\n%s", code, out)
		}
	})
	runScript(t, benchIfaces, benchAddrs, append(env, "EDGENET_ABSENT_OK=1"), func(t *testing.T, b *scriptBed, code int, out string) {
		if code != 0 || !parseHelperOutput(out).absent || strings.Contains(b.read(t, b.calls), "link set") {
			t.Fatalf("stepping aside when nothing has the MAC: exit %d, output:\n%s", code, out)
		}
	})
}

func TestHelperScriptFailsWhenFailuresOfIpAndArpingAreHidden(t *testing.T) {
	env := []string{"EDGENET_FROM=02:42:0a:00:00:32", "EDGENET_TO=" + declaredMAC, "EDGENET_ADDR=10.0.0.50", "EDGENET_ANNOUNCE=1"}
	runScript(t, benchIfaces, benchAddrs, append(env, "FAKE_IP_FAILS=1"), func(t *testing.T, b *scriptBed, code int, out string) {
		if code != 5 || !strings.Contains(out, "Address already in use") || strings.Contains(b.read(t, b.calls), "arping") {
			t.Fatalf("exit %d, output:\n%s", code, out)
		}
	})
	runScript(t, benchIfaces, benchAddrs, append(env, "FAKE_ARPING_FAILS=1"), func(t *testing.T, b *scriptBed, code int, out string) {
		rep := parseHelperOutput(out)
		if code != 0 || rep.announceFailed != "eth1 exit code 1" || rep.set == nil || !strings.Contains(out, "bad interface") {
			t.Fatalf("exit %d, announce failed %q, output:\n%s", code, rep.announceFailed, out)
		}
	})
}
