package leasefile

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

// FuzzParseHCL feeds arbitrary sources to Parse: it must never panic, every error must
// carry a source range, and whatever parses cleanly must be a valid Spec that builds a job.
func FuzzParseHCL(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(examplesDir, "*.hcl"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("variable \"key\" { default = \"" + testsupport.SSHKey(f, 10, "var") + "\" }\n" + baseLease)
	f.Add(`lease "x" { resources { cpus = -1 } mount {} mount {} payment { price = 5 } }`)
	f.Add(`locals { a = local.b
 b = 1 }
variable "v" { default = env("X") }
lease "y" {}`)
	f.Add(`lease "z" { ssh_keys = [file("~/.ssh/id_ed25519.pub")] duration = "1e3d" }`)
	opts := Options{
		Home:        "/home/test",
		ReadFile:    fakeFiles(map[string]string{"/home/test/.ssh/id_ed25519.pub": testsupport.SSHKey(f, 10, "fuzz")}),
		LookupEnv:   func(n string) (string, bool) { return "v-" + n, len(n)%2 == 0 },
		MaxDuration: 30 * 24 * time.Hour,
	}
	f.Fuzz(func(t *testing.T, src string) {
		var spec lease.Spec
		var diags hcl.Diagnostics
		done := make(chan struct{})
		go func() { spec, diags = Parse("fuzz.hcl", []byte(src), opts); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Fatalf("Parse hangs on %q", src)
		}
		for _, d := range diags {
			if d.Subject == nil {
				t.Fatalf("diagnostic without range: %s", DiagnosticLine(d))
			}
		}
		_ = FormatDiagnostics(diags, map[string][]byte{"fuzz.hcl": []byte(src)})
		if diags.HasErrors() {
			return
		}
		if err := spec.Validate(); err != nil {
			t.Fatalf("Parse accepted an invalid spec: %v\n%s", err, src)
		}
		if _, err := leasejob.Job(spec, lease.LeaseID{ChainID: 1}, leasejob.Options{ExpiresAt: time.Unix(0, 0)}); err != nil {
			t.Fatalf("valid spec does not build a job: %v", err)
		}
	})
}
