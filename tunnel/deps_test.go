package tunnel_test

import (
	"testing"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

func TestTunnelLinksNoNodeCode(t *testing.T) {
	testsupport.ForbidDeps(t, "github.com/shaleprotocol/shale/tunnel", testsupport.NodeOnlyDeps...)
}
