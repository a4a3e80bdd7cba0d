//go:build tools

// Package tools keeps the provider in go.mod; the build names it as the package to build.
package tools

import _ "github.com/terraform-providers/terraform-provider-docker"
