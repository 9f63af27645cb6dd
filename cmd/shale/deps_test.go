package main

import (
	"testing"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

// The client runs on users' machines: it must not link the node's gateway, the Docker client
// or Prometheus.
func TestClientLinksNoNodeCode(t *testing.T) {
	testsupport.ForbidDeps(t, "github.com/shaleprotocol/shale/cmd/shale", testsupport.NodeOnlyDeps...)
}
