package provider

import (
	"context"
	"fmt"
	"sort"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
)

// Stepping aside for create-before-destroy. Docker Engine >= 27 allows several macvlan
// networks on one parent, so a subnet move can create the new network and attachment before
// it destroys the old ones: the container is on both for a moment, with the same declared MAC.
// The kernel refuses to bring up a second macvlan link with a MAC another link on the same
// parent has (EADDRINUSE; the engine's connect fails with "address already in use"). The old
// endpoint is on its way out, so its interface gives the MAC up first: it gets a random one.

// stepAside is an endpoint whose interface has to give up its MAC before another can have it.
type stepAside struct {
	NetworkID   string
	NetworkName string
	Address     string // its IPv4 address: picks its interface should another have the MAC too
}

// endpointsToStepAside is the rule: before the running container ctr is connected to target
// with MAC mac, every other endpoint of it on a network with target's driver and target's
// (non-empty) parent option whose interface has mac on the wire has to step aside. networks
// holds the container's other networks by ID (one missing there is not considered);
// wireMAC says what MAC an endpoint's interface has.
func endpointsToStepAside(ctr container.InspectResponse, target network.Inspect, networks map[string]network.Inspect,
	wireMAC func(*network.EndpointSettings) (string, error), mac string,
) ([]stepAside, error) {
	parent := target.Options["parent"]
	if mac == "" || parent == "" || !running(ctr) || ctr.NetworkSettings == nil {
		return nil, nil
	}
	var out []stepAside
	for name, ep := range ctr.NetworkSettings.Networks {
		if ep == nil || ep.NetworkID == "" || ep.NetworkID == target.ID {
			continue
		}
		n, ok := networks[ep.NetworkID]
		if !ok || n.Driver != target.Driver || n.Options["parent"] != parent {
			continue
		}
		wire, err := wireMAC(ep)
		if err != nil {
			return nil, fmt.Errorf("reading the MAC of the container's interface on network %q: %w", name, err)
		}
		if wire == mac {
			out = append(out, stepAside{NetworkID: ep.NetworkID, NetworkName: name, Address: liveAddress(ep)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].NetworkName < out[j].NetworkName })
	return out, nil
}

// stepAsideFor applies the rule before ctr is connected to target with MAC mac: it inspects
// the container's other networks when target has a parent, and gives every interface the rule
// names a random locally administered MAC. It returns what it moved, for the log.
func (r *networkAttachmentResource) stepAsideFor(ctx context.Context, ctr container.InspectResponse, target network.Inspect, mac string) ([]string, error) {
	if mac == "" || target.Options["parent"] == "" || !running(ctr) || ctr.NetworkSettings == nil {
		return nil, nil
	}
	networks := map[string]network.Inspect{}
	for _, ep := range ctr.NetworkSettings.Networks {
		if ep == nil || ep.NetworkID == "" || ep.NetworkID == target.ID {
			continue
		}
		n, err := r.engine.NetworkInspect(ctx, ep.NetworkID)
		if cerrdefs.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("inspecting the container's network %s: %w", ep.NetworkID, err)
		}
		networks[ep.NetworkID] = n
	}
	r.wire.forget(ctr.ID)
	wireMAC := func(ep *network.EndpointSettings) (string, error) {
		// The engine reports the MAC about to be given: it applied it (API >= 1.54), so the
		// interface has it unless it already stepped aside, which the helper then finds.
		if engineMAC(ep) == mac {
			return mac, nil
		}
		return r.wire.macOn(ctx, ctr, ep, "")
	}
	holders, err := endpointsToStepAside(ctr, target, networks, wireMAC, mac)
	if err != nil {
		return nil, err
	}
	var moved []string
	for _, h := range holders {
		to := randomLocalMAC(mac)
		if _, err := r.wire.setMAC(ctx, ctr.ID, macChange{from: mac, to: to, address: h.Address, absentOK: true},
			fmt.Sprintf("move the interface on network %q (on its way out) from MAC %s to %s", h.NetworkName, mac, to)); err != nil {
			return moved, err
		}
		moved = append(moved, fmt.Sprintf("%s: %s -> %s", h.NetworkName, mac, to))
	}
	return moved, nil
}
