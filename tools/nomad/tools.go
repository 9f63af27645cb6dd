//go:build tools

// Package tools pins the Nomad agent build.
package tools

import _ "github.com/hashicorp/nomad"
