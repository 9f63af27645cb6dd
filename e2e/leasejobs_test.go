package e2e

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/nomad/api"
	"github.com/hashicorp/nomad/helper/pluginutils/hclutils"
	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/driver"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasefile"
	"github.com/shaleprotocol/shale/leasejob"
)

// TestLeaseJobsAcceptedByNomad builds the Nomad job of every example lease and checks that
// a real Nomad v1.6.3 agent with the shale driver loaded validates and plans it, and that
// the task config decodes with the driver's own schema (Nomad's servers do not check
// driver config; the client does, at start, with exactly this decoder).
func TestLeaseJobsAcceptedByNomad(t *testing.T) {
	nomad := testsupport.StartNomad(t)
	root := testsupport.Root(t)
	paths, err := filepath.Glob(filepath.Join(root, "examples", "leases", "*.hcl"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no example leases: %v", err)
	}
	home := fakeHome(t)
	schema, err := driver.New(hclog.NewNullLogger()).TaskConfigSchema()
	if err != nil {
		t.Fatal(err)
	}

	for i, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".hcl")
		t.Run(name, func(t *testing.T) {
			spec, diags := leasefile.ParseFile(path, leasefile.Options{Home: home})
			if diags.HasErrors() {
				t.Fatal(leasefile.FormatDiagnostics(diags, nil))
			}
			var order [32]byte
			order[0], order[31] = 0xe2, byte(i+1)
			id := lease.LeaseID{ChainID: 31337, Order: order}
			var pk [32]byte
			job, err := leasejob.Job(spec, id, leasejob.Options{ExpiresAt: time.Now().Add(spec.Duration), PaymentKey: pk})
			if err != nil {
				t.Fatal(err)
			}

			var tc driver.TaskConfig
			cfg, err := json.Marshal(map[string]interface{}{"Config": job.TaskGroups[0].Tasks[0].Config})
			if err != nil {
				t.Fatal(err)
			}
			hclutils.NewConfigParser(schema).ParseJson(t, string(cfg), &tc)
			if tc.Image != spec.Image || tc.Lease == nil || tc.Lease.ID != id.String() || tc.Lease.Payment == nil ||
				tc.Lease.Payment.Price != spec.Price.String() || len(tc.Mounts) != len(spec.Mounts) {
				t.Fatalf("driver decoded %+v", tc)
			}

			resp, _, err := nomad.API.Jobs().Validate(job, nil)
			if err != nil {
				t.Fatalf("validate: %v", err)
			}
			if resp.Error != "" || len(resp.ValidationErrors) > 0 {
				t.Fatalf("Nomad rejects the job: %s %v", resp.Error, resp.ValidationErrors)
			}

			plan, _, err := nomad.API.Jobs().Plan(job, true, nil)
			if err != nil {
				t.Fatalf("plan: %v", err)
			}
			if plan.Diff == nil || plan.Diff.Type != "Added" {
				t.Fatalf("plan diff: %+v", plan.Diff)
			}
			checkPlacement(t, spec, plan)
		})
	}
}

// checkPlacement reads why the scheduler could or could not place the lease. The dev node
// holds no datasets and no GPUs, so a lease with mounts must be filtered by its dataset
// constraint, a GPU lease by the missing device, and a plain CPU lease must be placed: in
// no case may the shale driver itself be the reason.
func checkPlacement(t *testing.T, spec lease.Spec, plan *api.JobPlanResponse) {
	t.Helper()
	failed := plan.FailedTGAllocs["lease"]
	if len(spec.Mounts) == 0 && spec.Resources.GPUs == 0 {
		if failed != nil {
			t.Fatalf("CPU lease not placed: %+v", failed)
		}
		return
	}
	if failed == nil {
		t.Fatal("lease needing datasets or GPUs was placed on a node without them")
	}
	for reason := range failed.ConstraintFiltered {
		if strings.Contains(reason, "driver") && !strings.Contains(reason, leasejob.DatasetAttrPrefix) && !strings.Contains(reason, leasejob.PieceAttrPrefix) {
			t.Fatalf("node filtered by the driver: %q", reason)
		}
	}
	if len(spec.Mounts) > 0 {
		// A piece decides the node: a v1 PieceCID at its size, a v2 one as a dataset.
		m := spec.Mounts[0]
		want := leasejob.Target(leasejob.DatasetAttr(m.CID))
		switch {
		case m.PieceCID != "" && lease.IsPieceV1(m.PieceCID):
			want = leasejob.Target(leasejob.PieceAttr(m.PieceCID))
		case m.PieceCID != "":
			want = leasejob.Target(leasejob.DatasetAttr(m.PieceCID))
		}
		found := false
		for reason := range failed.ConstraintFiltered {
			found = found || strings.Contains(reason, want)
		}
		if !found {
			t.Fatalf("dataset constraint not applied: %+v", failed)
		}
	}
}

// fakeHome returns a home directory holding ~/.ssh/id_ed25519.pub, so the examples'
// file("~/.ssh/id_ed25519.pub") does not depend on the user running the test.
func fakeHome(t *testing.T) string {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".ssh", "id_ed25519.pub"), ssh.MarshalAuthorizedKey(key), 0o600); err != nil {
		t.Fatal(err)
	}
	return home
}
