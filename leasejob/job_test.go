package leasejob

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"math/big"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"
	"github.com/google/go-cmp/cmp"

	"github.com/shaleprotocol/shale/deals/piececid"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/leasetest"
	"github.com/shaleprotocol/shale/lease"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// testPaymentKey returns a deterministic compressed payment public key.
func testPaymentKey(t testing.TB, seed byte) [32]byte {
	t.Helper()
	priv, err := eddsa.GenerateKey(bytes.NewReader(bytes.Repeat([]byte{seed}, 64)))
	if err != nil {
		t.Fatal(err)
	}
	var pk [32]byte
	copy(pk[:], priv.PublicKey.Bytes())
	return pk
}

func testPiece(seed string, padded, payload uint64) piececid.Piece {
	p := piececid.Piece{Root: sha256.Sum256([]byte(seed)), PaddedSize: padded, Payload: payload}
	p.Root[31] &= 0x3f
	return p
}

func testOptions(t testing.TB) Options {
	return Options{
		Datacenters: []string{"dc1"},
		ExpiresAt:   time.Date(2026, 11, 24, 10, 0, 0, 0, time.FixedZone("CET", 3600)),
		PaymentKey:  testPaymentKey(t, 1),
	}
}

func testLeaseID() lease.LeaseID {
	var o [32]byte
	for i := range o {
		o[i] = byte(i)
	}
	return lease.LeaseID{ChainID: 31337, Order: o}
}

func TestJob(t *testing.T) {
	s := leasetest.SeedSpec(t)
	s.Resources.GPUModel = "Tesla T4"
	s.Resources.Disk = 20 << 30
	s.Command, s.Args = "python3", []string{"train.py"}
	job, err := Job(s, testLeaseID(), testOptions(t))
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
	lc := task.Config["lease"].([]map[string]interface{})[0]
	pay := lc["payment"].([]map[string]interface{})[0]
	if lc["expires_at"] != "2026-11-24T09:00:00Z" || lc["bandwidth"] != "1Mi" || pay["price"] != "10000000000000000attofil/60s" ||
		pay["escrow"] != "600000000000000000" || pay["prepay"] != "5m0s" || pay["grace"] != "1m0s" || !strings.HasPrefix(pay["public_key"].(string), "0x") || len(pay["public_key"].(string)) != 66 {
		t.Fatalf("lease config %+v payment %+v", lc, pay)
	}

	// Re-building gives the same job: submission is idempotent.
	again, _ := Job(s, testLeaseID(), testOptions(t))
	a, _ := json.Marshal(job)
	b, _ := json.Marshal(again)
	if !bytes.Equal(a, b) {
		t.Fatal("Job is not deterministic")
	}
	checkGolden(t, filepath.Join("testdata", "job.json"), job)
}

func TestJobErrors(t *testing.T) {
	tests := []struct {
		name string
		spec func(*lease.Spec)
		opts func(*Options)
		want error
	}{
		{"missing expiry", nil, func(o *Options) { o.ExpiresAt = time.Time{} }, ErrInvalidJob},
		{"invalid spec", func(s *lease.Spec) { s.Image = "" }, nil, lease.ErrInvalidSpec},
		{"negative escrow", nil, func(o *Options) { o.Escrow = big.NewInt(-1) }, ErrInvalidJob},
		{"MHz too large", nil, func(o *Options) { o.MHzPerCore = 1 << 40 }, ErrInvalidJob},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, opts := leasetest.SeedSpec(t), testOptions(t)
			if tt.spec != nil {
				tt.spec(&s)
			}
			if tt.opts != nil {
				tt.opts(&opts)
			}
			if _, err := Job(s, testLeaseID(), opts); !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestJobPieceConstraints(t *testing.T) {
	payload := testsupport.CID(t, "mnist")
	p := testPiece("mnist", 2<<20, 2<<20*127/128-1000)
	v1, v2 := p.V1().String(), p.V2().String()
	tests := []struct {
		mount          lease.Mount
		ltarget, value string
		config         map[string]interface{}
	}{
		{lease.Mount{CID: payload, Path: "/d"}, "${attr.driver.shale.dataset." + payload + "}", "true",
			map[string]interface{}{"cid": payload, "path": "/d"}},
		{lease.Mount{PieceCID: v1, PieceSize: 2 << 20, Path: "/d"}, "${attr.driver.shale.piece." + v1 + "}", "2097152",
			map[string]interface{}{"piece_cid": v1, "piece_size": "2Mi", "path": "/d"}},
		{lease.Mount{CID: payload, PieceCID: v2, Path: "/d"}, "${attr.driver.shale.dataset." + v2 + "}", "true",
			map[string]interface{}{"cid": payload, "piece_cid": v2, "path": "/d"}},
	}
	for _, tt := range tests {
		s := leasetest.SeedSpec(t)
		s.Mounts = []lease.Mount{tt.mount}
		job, err := Job(s, testLeaseID(), testOptions(t))
		if err != nil {
			t.Fatal(err)
		}
		task := job.TaskGroups[0].Tasks[0]
		if c := task.Constraints[0]; len(task.Constraints) != 1 || c.LTarget != tt.ltarget || c.Operand != "=" || c.RTarget != tt.value {
			t.Errorf("%+v: constraints %+v, want %s = %s", tt.mount, task.Constraints, tt.ltarget, tt.value)
		}
		if d := cmp.Diff([]map[string]interface{}{tt.config}, task.Config["mount"]); d != "" {
			t.Errorf("%+v: mount config (-want +got):\n%s", tt.mount, d)
		}
	}
}

func TestAttrs(t *testing.T) {
	tests := []struct{ got, want string }{
		{DatasetAttr("bafy"), "driver.shale.dataset.bafy"},
		{PieceAttr("baga"), "driver.shale.piece.baga"},
		{Target(AttrGatewayHostKey), "${attr.driver.shale.gateway.host_key}"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
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
