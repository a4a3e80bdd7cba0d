package provider

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
)

// DefaultHelperImage is the provider's helper_image when the provider block leaves it out.
const DefaultHelperImage = "busybox:1.36"

// helperLabel marks the helper containers, which live for a second or two; one that is left
// behind (a provider killed mid-run) can be found by it.
const helperLabel = "io.edgenet.helper"

// helperTimeout bounds one helper run, from creating its container to reading its output.
const helperTimeout = 2 * time.Minute

// helperRun is one run of a short-lived helper container in the network namespace of a
// running container: the only way to see, and change, the MAC on an endpoint's interface,
// which the engine neither reports truthfully nor lets one change (engines before API 1.54
// ignore a MAC given on connect; every engine reports the MAC it set, not the one there now).
type helperRun struct {
	ContainerID string   // the container whose network namespace the helper joins
	Image       string   // an image with busybox's sh, ip and arping
	Env         []string // NAME=value, the script's arguments
}

// helperResult is how the helper's script ended and what it printed (stdout and stderr,
// interleaved as written).
type helperResult struct {
	ExitCode int
	Output   string
}

// helperContainer is the helper's container: the script under sh, in the target's network
// namespace, with NET_ADMIN (ip link set) and NET_RAW (arping) and nothing more.
func helperContainer(run helperRun) (*container.Config, *container.HostConfig) {
	return &container.Config{
			Image:      run.Image,
			Entrypoint: []string{"sh", "-c", helperScript, "edgenet-helper"},
			Env:        run.Env,
			Labels:     map[string]string{helperLabel: "mac"},
		}, &container.HostConfig{
			NetworkMode: container.NetworkMode("container:" + run.ContainerID),
			CapAdd:      []string{"NET_ADMIN", "NET_RAW"},
		}
}

// missingImageError: the helper image is not on the engine. The provider does not pull it:
// the engine may have no registry to pull from, and which image to trust is the operator's call.
type missingImageError struct {
	image string
	err   error
}

func (e *missingImageError) Error() string {
	return fmt.Sprintf("the helper image %q is not on the engine (%v): pull it there (`docker pull %s` on the engine's host), "+
		"or set the provider's helper_image to an image with busybox `ip` and `arping` that the engine has", e.image, e.err, e.image)
}

func (e *missingImageError) Unwrap() error { return e.err }

// RunHelper creates the helper container, starts it, waits for it, reads its output and
// removes it (also when ctx ends first).
func (d dockerEngine) RunHelper(ctx context.Context, run helperRun) (helperResult, error) {
	ctx, cancel := context.WithTimeout(ctx, helperTimeout)
	defer cancel()
	cfg, hostCfg := helperContainer(run)
	created, err := d.cli.ContainerCreate(ctx, client.ContainerCreateOptions{Config: cfg, HostConfig: hostCfg})
	if err != nil {
		if cerrdefs.IsNotFound(err) {
			return helperResult{}, &missingImageError{image: run.Image, err: err}
		}
		return helperResult{}, fmt.Errorf("creating the helper container: %w", err)
	}
	defer func() {
		rmCtx, rmCancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer rmCancel()
		_, _ = d.cli.ContainerRemove(rmCtx, created.ID, client.ContainerRemoveOptions{Force: true})
	}()
	if _, err := d.cli.ContainerStart(ctx, created.ID, client.ContainerStartOptions{}); err != nil {
		return helperResult{}, fmt.Errorf("starting the helper container: %w", err)
	}
	wait := d.cli.ContainerWait(ctx, created.ID, client.ContainerWaitOptions{Condition: container.WaitConditionNotRunning})
	var res helperResult
	select {
	case w := <-wait.Result:
		if w.Error != nil && w.Error.Message != "" {
			return helperResult{}, fmt.Errorf("waiting for the helper container: %s", w.Error.Message)
		}
		res.ExitCode = int(w.StatusCode)
	case err := <-wait.Error:
		return helperResult{}, fmt.Errorf("waiting for the helper container: %w", err)
	}
	logs, err := d.cli.ContainerLogs(ctx, created.ID, client.ContainerLogsOptions{ShowStdout: true, ShowStderr: true})
	if err != nil {
		return res, fmt.Errorf("reading the helper's output: %w", err)
	}
	defer logs.Close()
	var out bytes.Buffer
	if _, err := stdcopy.StdCopy(&out, &out, logs); err != nil {
		return res, fmt.Errorf("reading the helper's output: %w", err)
	}
	res.Output = out.String()
	return res, nil
}

// helperScript runs in the helper container (busybox sh). Without EDGENET_TO it lists the
// namespace's interfaces. With it, it finds the interface whose MAC is EDGENET_FROM (of
// several such, the one with IPv4 address EDGENET_ADDR), gives it the MAC EDGENET_TO (a live
// change, which an up macvlan or veth link takes), announces EDGENET_ADDR from it with a
// gratuitous ARP when EDGENET_ANNOUNCE=1 (neighbours that learned the old MAC update), and
// says which interface it changed and the MAC it has after. No such interface is a failure,
// or success when EDGENET_ABSENT_OK=1. Every run ends with the listing.
//
// Lines the provider reads (wire_mac.go parses them):
//
//	link <interface> <mac>      every interface and its MAC
//	addr <interface> <ipv4>     every IPv4 address and its interface
//	set <interface> <mac>       the interface changed and the MAC it has now
//	absent <mac>                no interface had the MAC (EDGENET_ABSENT_OK=1)
//	announce-failed <interface> <exit code of arping>
//
// EDGENET_SYS_NET (default /sys/class/net) is for the script's own tests.
const helperScript = `set -u
NET=${EDGENET_SYS_NET:-/sys/class/net}
listing() {
  for d in "$NET"/*; do echo "link ${d##*/} $(cat "$d/address")"; done
  ip -o -4 addr show | while read -r _ name _ cidr _; do echo "addr ${name%%@*} ${cidr%%/*}"; done
}
if [ -z "${EDGENET_TO:-}" ]; then listing; exit 0; fi
matches=
for d in "$NET"/*; do
  [ "$(cat "$d/address")" = "$EDGENET_FROM" ] && matches="$matches ${d##*/}"
done
count() { set -- $1; echo $#; }
if [ "$(count "$matches")" -gt 1 ] && [ -n "${EDGENET_ADDR:-}" ]; then
  narrowed=
  for i in $matches; do
    ip -o -4 addr show dev "$i" | grep -qF " inet $EDGENET_ADDR/" && narrowed="$narrowed $i"
  done
  matches=$narrowed
fi
case $(count "$matches") in
  0)
    if [ "${EDGENET_ABSENT_OK:-}" = 1 ]; then echo "absent $EDGENET_FROM"; listing; exit 0; fi
    echo "edgenet helper: no interface has MAC $EDGENET_FROM${EDGENET_ADDR:+ (and address $EDGENET_ADDR)}" >&2
    listing; exit 3 ;;
  1) IF=${matches# } ;;
  *)
    echo "edgenet helper: several interfaces have MAC $EDGENET_FROM:$matches" >&2
    listing; exit 4 ;;
esac
if ! ip link set dev "$IF" address "$EDGENET_TO"; then
  echo "edgenet helper: ip link set dev $IF address $EDGENET_TO failed" >&2
  listing; exit 5
fi
if [ "${EDGENET_ANNOUNCE:-}" = 1 ] && [ -n "${EDGENET_ADDR:-}" ]; then
  said=$(arping -U -c 1 -I "$IF" "$EDGENET_ADDR" 2>&1) || { rc=$?; echo "$said" >&2; echo "announce-failed $IF $rc"; }
fi
echo "set $IF $(cat "$NET/$IF/address")"
listing
`

// helperError is a helper run that did not do what it was for: the engine failed to run
// it, or its script failed. It names the image and quotes the helper's output.
type helperError struct {
	image   string
	problem string
	output  string
	err     error
}

func (e *helperError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "helper image %q: %s", e.image, e.problem)
	if e.err != nil {
		fmt.Fprintf(&b, ": %v", e.err)
	}
	if out := strings.TrimSpace(e.output); out != "" {
		fmt.Fprintf(&b, "; the helper's output:\n%s", out)
	}
	return b.String()
}

func (e *helperError) Unwrap() error { return e.err }

// runHelper runs the helper and turns an engine failure or a failed script into a
// helperError.
func runHelper(ctx context.Context, engine engineAPI, run helperRun, purpose string) (helperResult, error) {
	res, err := engine.RunHelper(ctx, run)
	if err != nil {
		var missing *missingImageError
		if errors.As(err, &missing) {
			return res, err
		}
		return res, &helperError{image: run.Image, problem: "cannot run the helper to " + purpose, output: res.Output, err: err}
	}
	if res.ExitCode != 0 {
		return res, &helperError{image: run.Image, problem: fmt.Sprintf("the helper failed to %s (exit code %d)", purpose, res.ExitCode), output: res.Output}
	}
	return res, nil
}
