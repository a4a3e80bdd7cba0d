package provider

import "testing"

func TestDecideEndpoint(t *testing.T) {
	cases := []struct {
		name            string
		connected       bool
		current, wanted string
		want            endpointAction
	}{
		{"connects a container that is not on the network", false, "", "10.0.0.5", connectEndpoint},
		{"connects without an address wanted", false, "", "", connectEndpoint},
		{"adopts an endpoint with the wanted address", true, "10.0.0.5", "10.0.0.5", adoptEndpoint},
		{"adopts any endpoint when no address is wanted", true, "10.0.0.9", "", adoptEndpoint},
		{"reconnects an endpoint with another address", true, "10.0.0.9", "10.0.0.5", reconnectEndpoint},
		{"reconnects an endpoint that has no address yet", true, "", "10.0.0.5", reconnectEndpoint},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := decideEndpoint(c.connected, c.current, c.wanted); got != c.want {
				t.Fatalf("decideEndpoint(%v, %q, %q) = %s, want %s", c.connected, c.current, c.wanted, got, c.want)
			}
		})
	}
}
