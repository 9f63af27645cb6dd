package lease

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/big"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func testJobOptions(t testing.TB) JobOptions {
	return JobOptions{
		Datacenters: []string{"dc1"},
		ExpiresAt:   time.Date(2026, 11, 24, 10, 0, 0, 0, time.FixedZone("CET", 3600)),
		PaymentKey:  testPaymentKey(t, 1),
	}
}

func testLeaseID() LeaseID {
	var o [32]byte
	for i := range o {
		o[i] = byte(i)
	}
	return LeaseID{ChainID: 31337, Order: o}
}

func TestJob(t *testing.T) {
	s := validSpec(t)
	s.Resources.GPUModel = "Tesla T4"
	s.Resources.Disk = 20 << 30
	s.Command, s.Args = "python3", []string{"train.py"}
	job, err := s.Job(testLeaseID(), testJobOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	if *job.ID != "lease-31337-000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" || *job.Type != "batch" {
		t.Fatalf("id %s type %s", *job.ID, *job.Type)
	}
	g := job.TaskGroups[0]
	if *g.RestartPolicy.Attempts != 0 || *g.RestartPolicy.Mode != "fail" || *g.ReschedulePolicy.Attempts != 0 || *g.ReschedulePolicy.Unlimited || g.Migrate != nil {
		t.Fatal("lease job may restart, reschedule or migrate")
	}
	task := g.Tasks[0]
	if task.Name != "lease" || task.Driver != "shale" || *task.Resources.CPU != 4000 || *task.Resources.MemoryMB != 12288 || *g.EphemeralDisk.SizeMB != 20480 {
		t.Fatalf("task %+v resources %+v", task, task.Resources)
	}
	dev := task.Resources.Devices[0]
	if dev.Name != "nvidia/gpu" || *dev.Count != 1 || dev.Constraints[0].LTarget != "${device.model}" || dev.Constraints[0].RTarget != "Tesla T4" {
		t.Fatalf("device %+v", dev)
	}
	if c := task.Constraints[0]; c.LTarget != "${attr.driver.shale.dataset."+s.Mounts[0].CID+"}" || c.Operand != "=" || c.RTarget != "true" {
		t.Fatalf("constraint %+v", c)
	}
	lease := task.Config["lease"].([]map[string]interface{})[0]
	pay := lease["payment"].([]map[string]interface{})[0]
	if lease["expires_at"] != "2026-11-24T09:00:00Z" || lease["bandwidth"] != "1Mi" || pay["price"] != "10000000000000000attofil/60s" ||
		pay["escrow"] != "600000000000000000" || pay["prepay"] != "5m0s" || pay["grace"] != "1m0s" || !strings.HasPrefix(pay["public_key"].(string), "0x") || len(pay["public_key"].(string)) != 66 {
		t.Fatalf("lease config %+v payment %+v", lease, pay)
	}

	// Re-building gives the same job: submission is idempotent.
	again, _ := s.Job(testLeaseID(), testJobOptions(t))
	a, _ := json.Marshal(job)
	b, _ := json.Marshal(again)
	if !bytes.Equal(a, b) {
		t.Fatal("Job is not deterministic")
	}
	checkGolden(t, filepath.Join("testdata", "job.json"), job)
}

func TestJobErrors(t *testing.T) {
	s := validSpec(t)
	if _, err := s.Job(testLeaseID(), JobOptions{}); err == nil || err.Error() != "lease job: JobOptions.ExpiresAt is required" {
		t.Fatalf("missing expiry: %v", err)
	}
	s.Image = ""
	if _, err := s.Job(testLeaseID(), testJobOptions(t)); err == nil {
		t.Fatal("invalid spec accepted")
	}
	s = validSpec(t)
	opts := testJobOptions(t)
	opts.Escrow = big.NewInt(-1)
	if _, err := s.Job(testLeaseID(), opts); err == nil {
		t.Fatal("negative escrow accepted")
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
