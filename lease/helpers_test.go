package lease

import (
	"flag"
	"testing"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// validSpec is a small spec that passes Validate.
func validSpec(t testing.TB) Spec {
	return Spec{
		Provider:  "f01946720",
		Image:     "shale/debian:bookworm",
		Resources: Resources{CPU: 4000, Memory: 12 << 30, GPUs: 1},
		Bandwidth: 1 << 20,
		Mounts:    []Mount{{CID: testsupport.CID(t, "mnist"), Path: "/mnt/mnist"}},
		SSHKeys:   []string{testsupport.SSHKey(t, 1, "me@laptop")},
		Price:     MustParsePrice("0.01fil/min"),
		Duration:  DefaultDuration,
		Prepay:    DefaultPrepay,
		Grace:     DefaultGrace,
	}
}
