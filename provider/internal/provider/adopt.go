package provider

// endpointAction is what Create does about the container's endpoint on the network.
type endpointAction int

const (
	// connectEndpoint: the container is not on the network yet; connect it.
	connectEndpoint endpointAction = iota
	// adoptEndpoint: the container is already there as wanted (for example it was created
	// with the network in kreuzwerker/docker's networks_advanced before edgenet managed the
	// attachment); take it over without touching it, so the upgrade interrupts nothing.
	adoptEndpoint
	// reconnectEndpoint: the container is there with another address; disconnect it and
	// connect it again with the wanted one.
	reconnectEndpoint
)

func (a endpointAction) String() string {
	switch a {
	case adoptEndpoint:
		return "adopt"
	case reconnectEndpoint:
		return "reconnect"
	default:
		return "connect"
	}
}

// decideEndpoint picks the action for an endpoint that exists (connected) with address
// current, when wanted is the address asked for ("" = any address). The MAC address does
// not take part: an adopted endpoint gets the declared MAC on its interface in place
// (wireMACs.pinMAC), which does not interrupt the container as a reconnect would.
func decideEndpoint(connected bool, current, wanted string) endpointAction {
	switch {
	case !connected:
		return connectEndpoint
	case wanted == "" || current == wanted:
		return adoptEndpoint
	default:
		return reconnectEndpoint
	}
}
