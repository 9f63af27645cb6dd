package driver

import (
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/filters"
)

func containerListByAlloc(allocID string) types.ContainerListOptions {
	return types.ContainerListOptions{All: true, Filters: filters.NewArgs(filters.Arg("label", labelAllocID+"="+allocID))}
}

func grepLine(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// grepField returns the first line containing sub.
func grepField(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// unmountUnder lazily unmounts what the driver mounted below dir (the deal cache's
// nosuid,nodev bind mount), so the test's temp dir can be removed.
func unmountUnder(t *testing.T, dir string) {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) > 4 && strings.HasPrefix(f[4], dir) {
			_ = syscall.Unmount(f[4], syscall.MNT_DETACH)
		}
	}
}
