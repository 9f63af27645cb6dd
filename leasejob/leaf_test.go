package leasejob

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLeaf keeps the contract importable by both of its sides and the domain package free of
// Nomad and command-line parsing: leasejob depends on neither side nor Docker, and lease
// imports neither Nomad nor flag.
func TestLeaf(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go tool in PATH")
	}
	tests := []struct {
		pkg, format string
		forbidden   []string
	}{
		{".", "{{join .Deps \"\\n\"}}", []string{
			"github.com/shaleprotocol/shale/driver", "github.com/shaleprotocol/shale/bridge",
			"github.com/shaleprotocol/shale/client", "github.com/docker/", "github.com/moby/",
		}},
		{"../lease", "{{join .Imports \"\\n\"}}", []string{"github.com/hashicorp/nomad", "flag"}},
	}
	for _, tt := range tests {
		out, err := exec.Command("go", "list", "-f", tt.format, tt.pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", tt.pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, bad := range tt.forbidden {
				if dep == bad || strings.HasPrefix(dep, strings.TrimSuffix(bad, "/")+"/") {
					t.Errorf("%s imports %s", tt.pkg, dep)
				}
			}
		}
	}
}
