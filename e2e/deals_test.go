package e2e

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/testsupport/sptest"
	"github.com/shaleprotocol/shale/leasejob"

	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/voucher"
)

// fashionMNIST is Debian's dataset-fashion-mnist (scripts/datasets.sh installs it).
const fashionMNIST = "/usr/share/datasets/fashion-mnist"

// leaseJob builds the Nomad job of an idle lease that mounts cid at /data, with terms that
// keep the gateway from ending it during the test (no client pays here); SSHKey(1) logs in.
func leaseJob(t *testing.T, name, cid string) (*api.Job, lease.LeaseID) {
	return buildLeaseJob(t, name, []lease.Mount{{CID: cid, Path: "/data"}}, time.Now().Add(time.Hour))
}

// leaseJobNoData is an idle lease without deal data, for nodes without a deals {} block.
func leaseJobNoData(t *testing.T, name string) (*api.Job, lease.LeaseID) {
	return buildLeaseJob(t, name, nil, time.Now().Add(time.Hour))
}

func buildLeaseJob(t *testing.T, name string, mounts []lease.Mount, expires time.Time) (*api.Job, lease.LeaseID) {
	l := buildLeaseJobWith(t, name, mounts, expires, nil)
	return l.job, l.id
}

// testLease is a lease job with what its client holds.
type testLease struct {
	job  *api.Job
	id   lease.LeaseID
	spec lease.Spec
	key  *voucher.PrivateKey
}

// buildLeaseJobWith lets a test change the lease terms (mut) before the job is built.
func buildLeaseJobWith(t *testing.T, name string, mounts []lease.Mount, expires time.Time, mut func(*lease.Spec)) testLease {
	t.Helper()
	key, err := voucher.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	spec := lease.Spec{
		Provider:  "f01946720",
		Image:     testsupport.DebianImage,
		Resources: lease.Resources{CPU: 500, Memory: 256 << 20},
		Mounts:    mounts,
		SSHKeys:   []string{testsupport.SSHKey(t, 1, name)},
		Price:     lease.MustParsePrice("1attofil/1s"),
		Duration:  time.Hour,
		Prepay:    time.Minute,
		Grace:     10 * time.Minute, // the gateway's longest; nobody pays here
	}
	if mut != nil {
		mut(&spec)
	}
	// A real order id: MiMC over the chain, contract, client, payment key and a fresh nonce.
	var contract, client [20]byte
	copy(client[:], name)
	nonce, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		t.Fatal(err)
	}
	order, err := lease.OrderID(big.NewInt(31337), contract, client, key.Public(), nonce.Add(nonce, big.NewInt(1)))
	if err != nil {
		t.Fatal(err)
	}
	id := lease.LeaseID{ChainID: 31337, Order: order}
	job, err := leasejob.Job(spec, id, leasejob.Options{ExpiresAt: expires, PaymentKey: key.Public()})
	if err != nil {
		t.Fatal(err)
	}
	return testLease{job: job, id: id, spec: spec, key: key}
}

func registerJob(t *testing.T, n *testsupport.Nomad, job *api.Job) {
	t.Helper()
	if _, _, err := n.API.Jobs().Register(job, nil); err != nil {
		t.Fatalf("register %s: %v", *job.ID, err)
	}
}

func TestFashionMNISTLeaseMountsVerifiedData(t *testing.T) {
	carDir, cid := sptest.ImportDataset(t, fashionMNIST)
	n := testsupport.StartNomad(t, testsupport.NomadOptions{ExtraPluginConfig: sptest.DealsConfig(carDir)})
	if got := nodeAttr(t, n, leasejob.DatasetAttr(cid)); got != "true" {
		t.Fatalf("node attribute %s = %q, want true", leasejob.DatasetAttr(cid), got)
	}
	job, _ := leaseJob(t, "mnist", cid)
	registerJob(t, n, job)
	alloc := waitAlloc(t, n, *job.ID, "running")

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	files, err := filepath.Glob(filepath.Join(fashionMNIST, "*.gz"))
	if err != nil || len(files) != 4 {
		t.Fatalf("dataset files %v %v", files, err)
	}
	out, err := n.CLI(ctx, "alloc", "exec", "-task", "lease", alloc.ID, "sh", "-c", "cd /data && sha256sum *.gz")
	if err != nil {
		t.Fatalf("sha256sum in the lease: %v\n%s", err, out)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		want := hex.EncodeToString(sum[:]) + "  " + filepath.Base(f)
		if !strings.Contains(out, want) {
			t.Errorf("container's sha256sum lacks %q:\n%s", want, out)
		}
	}
	out, err = n.CLI(ctx, "alloc", "exec", "-task", "lease", alloc.ID, "sh", "-c", "echo x > /data/new")
	if err == nil || !strings.Contains(out, "Read-only file system") {
		t.Fatalf("write into the deal mount: err %v, output %q; want a read-only failure", err, out)
	}
}

func TestLeasesLandNextToTheirData(t *testing.T) {
	small := t.TempDir()
	if err := os.WriteFile(filepath.Join(small, "readme.txt"), []byte("a second dataset\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	carA, cidA := sptest.ImportDataset(t, fashionMNIST)
	carB, cidB := sptest.ImportDataset(t, small)
	c := testsupport.StartCluster(t,
		testsupport.NomadOptions{ExtraPluginConfig: sptest.DealsConfig(carA)},
		testsupport.NomadOptions{ExtraPluginConfig: sptest.DealsConfig(carB)},
	)
	want := map[string]string{} // job id → node id
	for i, d := range []struct{ cid, node string }{{cidA, c.Clients[0].NodeID}, {cidB, c.Clients[1].NodeID}} {
		job, _ := leaseJob(t, fmt.Sprintf("lease-%d", i), d.cid)
		registerJob(t, c.Server, job)
		want[*job.ID] = d.node
	}
	for jobID, node := range want {
		alloc := waitAlloc(t, c.Server, jobID, "running")
		if alloc.NodeID != node {
			t.Errorf("job %s placed on node %s, want %s (the node holding its data)", jobID, alloc.NodeID, node)
		}
	}
}
