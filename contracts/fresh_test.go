package contracts_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/shaleprotocol/shale/contracts/internal/bindgen"
)

// TestArtifactsFresh fails when the committed build/ artifacts or Go bindings are stale.
// The bindings are always regenerated from build/ (pure Go); with node and `npm ci` done in
// contracts/, the sources are also recompiled with the pinned solc and compared byte for byte.
// A missing compiler fails the test, so the check cannot silently go away.
// To refresh: `cd contracts && npm ci && go generate .`
func TestArtifactsFresh(t *testing.T) {
	checkBindings(t, "build")

	node, err := exec.LookPath("node")
	_, solcErr := os.Stat(filepath.Join("node_modules", "solc", "package.json"))
	if err != nil || solcErr != nil {
		t.Fatalf("solc cannot run, so build/ cannot be checked against the sources (node: %v, node_modules/solc: %v): run `npm ci` in contracts/ (scripts/setup.sh does)", err, solcErr)
	}
	tmp := t.TempDir()
	out, err := exec.Command(node, "build.js", tmp).CombinedOutput()
	if err != nil {
		t.Fatalf("node build.js: %v\n%s", err, out)
	}
	want, got := dirFiles(t, tmp), dirFiles(t, "build")
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("build/%s missing; run `go generate .` in contracts/", name)
		} else if !bytes.Equal(g, w) {
			t.Errorf("build/%s is stale; run `go generate .` in contracts/", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("build/%s has no source any more; run `go generate .` in contracts/", name)
		}
	}
	checkBindings(t, tmp)
}

// checkBindings compares the committed bindings with those generated from buildDir.
func checkBindings(t *testing.T, buildDir string) {
	t.Helper()
	files, err := bindgen.Generate(buildDir)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(files))
	for rel := range files {
		names = append(names, rel)
	}
	sort.Strings(names)
	for _, rel := range names {
		got, err := os.ReadFile(rel)
		if err != nil {
			t.Errorf("%s: %v; run `go generate .` in contracts/", rel, err)
			continue
		}
		if !bytes.Equal(got, files[rel]) {
			t.Errorf("%s is stale (generated from %s); run `go generate .` in contracts/", rel, buildDir)
		}
	}
	committed, err := filepath.Glob(filepath.Join("bindings", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range committed {
		if _, ok := files[p]; !ok {
			t.Errorf("%s has no contract in %s any more; run `go generate .` in contracts/", p, buildDir)
		}
	}
}

func dirFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = b
	}
	return m
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
