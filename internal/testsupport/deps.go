package testsupport

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// NodeOnlyDeps are packages only a provider's node runs: code that links any of them does not
// belong in the client.
var NodeOnlyDeps = []string{
	"github.com/shaleprotocol/shale/gateway",
	"github.com/docker/docker/...",
	"github.com/prometheus/...",
}

// ListedPackage is what `go list -deps -json` says of one package.
type ListedPackage struct {
	ImportPath string
	Standard   bool
	Imports    []string
}

// GoListDeps lists pkg (an import path) and every package it depends on, dependencies first
// and pkg last, as the go command resolves them in this module.
func GoListDeps(t testing.TB, pkg string) []ListedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Standard,Imports", pkg)
	cmd.Dir = Root(t)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, stderr.String())
	}
	var list []ListedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p ListedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		list = append(list, p)
	}
	if len(list) == 0 || list[len(list)-1].ImportPath != pkg {
		t.Fatalf("go list -deps %s did not list %s last", pkg, pkg)
	}
	return list
}

// ForbidDeps fails t if pkg depends, directly or through other packages, on any of forbidden,
// naming the import chain to each. A forbidden entry ending in "/..." matches every package
// under its prefix, as go list patterns do.
func ForbidDeps(t testing.TB, pkg string, forbidden ...string) {
	t.Helper()
	for _, chain := range ForbiddenChains(GoListDeps(t, pkg), forbidden) {
		t.Errorf("%s must not depend on %s: %s", pkg, chain[len(chain)-1], strings.Join(chain, " → "))
	}
}

// ForbiddenChains returns, for each package of list matching forbidden, a shortest import
// chain to it from the root (list's last package).
func ForbiddenChains(list []ListedPackage, forbidden []string) [][]string {
	if len(list) == 0 {
		return nil
	}
	byPath := make(map[string]ListedPackage, len(list))
	for _, p := range list {
		byPath[p.ImportPath] = p
	}
	root := list[len(list)-1].ImportPath
	// Breadth first from the root, so each recorded parent gives a shortest chain.
	parent := map[string]string{root: ""}
	queue := []string{root}
	var found []string
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p != root && matchesAny(p, forbidden) {
			found = append(found, p)
			continue // the chain to it is what matters, not what it pulls in
		}
		for _, imp := range byPath[p].Imports {
			if _, seen := parent[imp]; !seen {
				parent[imp] = p
				queue = append(queue, imp)
			}
		}
	}
	slices.Sort(found)
	chains := make([][]string, 0, len(found))
	for _, f := range found {
		var chain []string
		for p := f; p != ""; p = parent[p] {
			chain = append(chain, p)
		}
		slices.Reverse(chain)
		chains = append(chains, chain)
	}
	return chains
}

func matchesAny(path string, patterns []string) bool {
	for _, f := range patterns {
		if prefix, ok := strings.CutSuffix(f, "/..."); ok {
			if path == prefix || strings.HasPrefix(path, prefix+"/") {
				return true
			}
		} else if path == f {
			return true
		}
	}
	return false
}

// RequireLeaf fails t if pkg imports anything but the standard library and allowed (import
// paths, or prefixes ending in "/..."): a leaf package others build on without its weight.
func RequireLeaf(t testing.TB, pkg string, allowed ...string) {
	t.Helper()
	for _, imp := range ForeignImports(GoListDeps(t, pkg), allowed) {
		t.Errorf("%s must import only the standard library and %s, but imports %s", pkg, strings.Join(allowed, ", "), imp)
	}
}

// ForeignImports returns the direct imports of the root (list's last package) that are
// neither in the standard library nor allowed.
func ForeignImports(list []ListedPackage, allowed []string) []string {
	if len(list) == 0 {
		return nil
	}
	std := map[string]bool{}
	for _, p := range list {
		std[p.ImportPath] = p.Standard
	}
	var out []string
	for _, imp := range list[len(list)-1].Imports {
		if !std[imp] && !matchesAny(imp, allowed) {
			out = append(out, imp)
		}
	}
	return out
}
