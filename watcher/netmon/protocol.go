package main

import (
	"time"
)

// The netmon socket protocol v1, as netmon writes it: field names are the reference sidecar's;
// edgenet adds `seq` (per connection, from 1) and `type` on interfaces, and never renames.
// watcher/common/protocol.ts is the reading side.

// Ipv4Report is one IPv4 address of an interface.
type Ipv4Report struct {
	Address        string `json:"address"`
	Prefixlen      int    `json:"prefixlen"`
	Subnet         string `json:"subnet"`
	NetworkAddress string `json:"network_address"`
}

// InterfaceState is an interface as the kernel has it: the protocol's report minus timestamp and status.
type InterfaceState struct {
	Interface     string       `json:"interface"`
	Index         int          `json:"index"`
	Operstate     string       `json:"operstate"`
	Type          string       `json:"type,omitempty"`
	Ipv4Addresses []Ipv4Report `json:"ipv4_addresses"`
	Gateway       *string      `json:"gateway"`
}

// ChangeState is a change as it goes on the wire, minus the timestamp; Status is `down` or
// `removed` only on a change that takes the interface away.
type ChangeState struct {
	InterfaceState
	Status string `json:"status,omitempty"`
}

type interfaceReport struct {
	ChangeState
	Timestamp string `json:"timestamp"`
}

type discoveryData struct {
	Interfaces []interfaceReport `json:"interfaces"`
	Timestamp  string            `json:"timestamp"`
}

// event is a line netmon sends unasked: its type, and the data the client's seq goes beside.
type event struct {
	Type string
	Data any
}

// protocolTimestamp is the protocol's timestamp shape (`2025-11-20T20:30:45.123456`), in UTC.
func protocolTimestamp(at time.Time) string {
	return at.UTC().Format("2006-01-02T15:04:05.000") + "000"
}

// sameState says whether two states are equal for the protocol's purposes (lifetimes and the
// timestamp aside); nil equals only nil.
func sameState(a, b *InterfaceState) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Index != b.Index || a.Operstate != b.Operstate || a.Type != b.Type || !sameGateway(a.Gateway, b.Gateway) ||
		len(a.Ipv4Addresses) != len(b.Ipv4Addresses) {
		return false
	}
	for i, x := range a.Ipv4Addresses {
		if x.Address != b.Ipv4Addresses[i].Address || x.Prefixlen != b.Ipv4Addresses[i].Prefixlen {
			return false
		}
	}
	return true
}

func sameGateway(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
