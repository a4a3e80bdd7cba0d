package provider

import (
	"context"
	"sync"

	"github.com/moby/moby/api/types/network"
)

// oneAtATime runs the engine's network connects and disconnects one at a time. Terraform
// applies up to ten resources at once, and Docker Engine 20.10 loses count of a network's
// endpoints when several containers leave it at the same moment: the network then refuses to
// be removed ("has active endpoints", moby/moby#42119) until dockerd restarts, which breaks
// every subnet move. Each call takes milliseconds, so the queue costs little.
type oneAtATime struct {
	engineAPI
	mu sync.Mutex
}

func (o *oneAtATime) NetworkConnect(ctx context.Context, networkID, containerID string, config *network.EndpointSettings) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.engineAPI.NetworkConnect(ctx, networkID, containerID, config)
}

func (o *oneAtATime) NetworkDisconnect(ctx context.Context, networkID, containerID string, force bool) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.engineAPI.NetworkDisconnect(ctx, networkID, containerID, force)
}
