// Package leasetest holds lease fixtures shared by the tests of packages above lease. (It is
// apart from testsupport because lease's own tests use testsupport.)
package leasetest

import (
	"testing"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// SeedSpec is the spec of the seed CLI's example command: a GPU lease on f01946720 mounting
// the mnist dataset, at the default terms. It passes Validate.
func SeedSpec(t testing.TB) lease.Spec {
	return lease.Spec{
		Provider:  "f01946720",
		Image:     "shale/debian:bookworm",
		Resources: lease.Resources{CPU: 4000, Memory: 12 << 30, GPUs: 1},
		Bandwidth: 1 << 20,
		Mounts:    []lease.Mount{{CID: testsupport.CID(t, "mnist"), Path: "/mnt/mnist"}},
		SSHKeys:   []string{testsupport.SSHKey(t, 1, "me@laptop")},
		Price:     lease.MustParsePrice("0.01fil/min"),
		Duration:  lease.DefaultDuration,
		Prepay:    lease.DefaultPrepay,
		Grace:     lease.DefaultGrace,
	}
}
