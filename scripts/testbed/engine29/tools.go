//go:build tools

// Package tools pins the Engine 29 daemon the test bed builds (scripts/testbed/engine29.sh):
// github.com/moby/moby/v2 v2.0.0-beta.24, whose go.sum here pins every module it builds with.
package tools

import _ "github.com/moby/moby/v2/cmd/dockerd"
