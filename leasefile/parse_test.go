package leasefile

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

const examplesDir = "../examples/leases"

// TestExamplesGolden parses every example lease and compares the Nomad job built from it
// with testdata/golden/<name>.json.
func TestExamplesGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(examplesDir, "*.hcl"))
	if err != nil || len(paths) < 3 {
		t.Fatalf("examples: %v %v", paths, err)
	}
	var order [32]byte
	for i := range order {
		order[i] = byte(0xf0 + i%16)
	}
	id := lease.LeaseID{ChainID: 31337, Order: order}
	var pk [32]byte
	pk[0] = 0x42
	opts := leasejob.Options{
		Datacenters: []string{"dc1"},
		ExpiresAt:   time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC),
		PaymentKey:  pk,
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".hcl")
		t.Run(name, func(t *testing.T) {
			spec, diags := ParseFile(path, testOptions(t))
			if diags.HasErrors() {
				t.Fatal(FormatDiagnostics(diags, nil))
			}
			job, err := leasejob.Job(spec, id, opts)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "golden", name+".json"), job)
		})
	}
}

func TestFunctionsAndLocals(t *testing.T) {
	dir := t.TempDir()
	key := testsupport.SSHKey(t, 10, "from-file")
	if err := os.WriteFile(filepath.Join(dir, "keys.pub"), []byte("# team keys\n"+key+"\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	src := `
locals {
  img = "shale/debian:${env("TAG")}"
  mem = "${2 * 4}Gi"
}
lease "x" {
  provider = "t01000"
  image    = local.img
  ssh_keys = [file("keys.pub")]
  resources {
    cpus   = 0.5
    memory = local.mem
  }
  payment { price = "1 FIL/h" }
}
`
	path := filepath.Join(dir, "x.hcl")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	spec, diags := ParseFile(path, Options{LookupEnv: func(n string) (string, bool) { return "bookworm", n == "TAG" }})
	if diags.HasErrors() {
		t.Fatal(FormatDiagnostics(diags, nil))
	}
	if spec.Image != "shale/debian:bookworm" || spec.Resources.Memory != 8<<30 || spec.Resources.CPU != 500 ||
		len(spec.SSHKeys) != 1 || spec.SSHKeys[0] != key || spec.Duration != time.Hour || spec.Prepay != 5*time.Minute {
		t.Fatalf("spec %+v", spec)
	}
}

// checkGolden compares v's indented JSON with a file, rewriting it under -update.
func checkGolden(t *testing.T, path string, v interface{}) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	testsupport.Golden(t, path, got, *update)
}
