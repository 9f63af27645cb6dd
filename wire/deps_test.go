package wire_test

import (
	"testing"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

// Both ends import wire, so it must stay a leaf that pulls in neither end's dependencies.
func TestWireIsALeaf(t *testing.T) {
	testsupport.RequireLeaf(t, "github.com/shaleprotocol/shale/wire",
		"golang.org/x/crypto/ssh", "github.com/shaleprotocol/shale/voucher")
}
