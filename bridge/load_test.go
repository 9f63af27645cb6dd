//go:build bench

package bridge_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/docker/docker/api/types"

	"github.com/shaleprotocol/shale/bench"
	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
	"github.com/shaleprotocol/shale/voucher"
)

const loadOrders = 100

// TestBenchLoad creates 100 orders in one burst and measures how the bridge turns them into
// running leases, against the baseline of registering the same 100 lease jobs straight on
// Nomad (the `lease-container` path: no chain, no checks) on the same agent in the same run.
func TestBenchLoad(t *testing.T) {
	mach := bench.StartMachine()
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	// Tiny and unpaid: nobody pays here, so the grace outlasts the run.
	tiny := func(s *lease.Spec) {
		s.Resources, s.Grace = lease.Resources{CPU: 10, Memory: 16 << 20}, bridge.DefaultMaxGrace
	}

	// Baseline: the same jobs registered directly, until all run.
	var direct []string
	startDirect := time.Now()
	for i := 0; i < loadOrders; i++ {
		s := spec(t, fmt.Sprintf("direct-%d", i))
		tiny(&s)
		pk, err := voucher.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		key := pk.Public()
		nonce, err := rand.Int(rand.Reader, big.NewInt(1<<62))
		if err != nil {
			t.Fatal(err)
		}
		// A real order id (a field element), as lease-container derives one without a chain.
		id, err := lease.OrderID(big.NewInt(0), [20]byte{}, [20]byte{}, key, nonce)
		if err != nil {
			t.Fatal(err)
		}
		lid := lease.LeaseID{ChainID: 0, Order: id}
		job, err := leasejob.Job(s, lid, leasejob.Options{ExpiresAt: time.Now().Add(time.Hour), PaymentKey: key})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := n.API.Jobs().Register(job, nil); err != nil {
			t.Fatal(err)
		}
		direct = append(direct, *job.ID)
	}
	waitAllRunning(t, e, direct)
	directTotal := time.Since(startDirect)
	for _, id := range direct {
		if _, _, err := n.API.Jobs().Deregister(id, true, nil); err != nil {
			t.Fatal(err)
		}
	}
	waitNoLeaseContainers(t, direct)

	// Through the bridge: 100 orders on chain first, then the bridge starts.
	c := e.newClient()
	var ids [][32]byte
	for i := 0; i < loadOrders; i++ {
		s := spec(t, fmt.Sprintf("load-%d", i))
		tiny(&s)
		ids = append(ids, e.order(c, s).ID)
	}
	start := time.Now()
	r := e.start(nil, nil, nil)
	var jobs []string
	for _, id := range ids {
		jobs = append(jobs, lease.LeaseID{ChainID: e.chain.ChainID.Uint64(), Order: id}.JobID())
	}
	testsupport.Eventually(t, 15*time.Minute, "all orders running on chain", func() error {
		for _, id := range ids {
			o, err := e.chain.Market.Order(context.Background(), id)
			if err != nil {
				return err
			}
			if o.State != contracts.StateRunning {
				return fmt.Errorf("order %x %s", id[:4], o.State)
			}
		}
		return nil
	})
	total := time.Since(start)
	waitAllRunning(t, e, jobs)

	var lat []time.Duration
	for _, id := range ids {
		rec, err := r.store.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if rec.State != bridge.Running {
			t.Fatalf("order %x in state %s", id[:4], rec.State)
		}
		lat = append(lat, rec.RegisteredAt.Sub(rec.SeenAt))
		countEvents(t, e, id, map[string]int{"OrderAccepted": 1, "LeaseStarted": 1})
		allocs, _, err := n.API.Jobs().Allocations(rec.JobID, true, nil)
		if err != nil || len(allocs) != 1 {
			t.Fatalf("job %s: %d allocations (%v)", rec.JobID, len(allocs), err)
		}
	}
	if got := e.metric("shale_bridge_orders_accepted_total"); got != loadOrders {
		t.Fatalf("%v acceptances for %d orders", got, loadOrders)
	}
	slices.Sort(lat)
	p50, p99 := lat[len(lat)/2], lat[(len(lat)*99+99)/100-1]
	ratio := total.Seconds() / directTotal.Seconds()
	t.Logf("bridge %s, direct %s, ratio %.2f, order→job p50 %s p99 %s", total, directTotal, ratio, p50, p99)

	body := fmt.Sprintf("Command: `make bench` (`go test -tags bench -run TestBenchLoad ./bridge`)\n\n"+
		"%s  \nNomad v1.6.3 `-dev` with the shale driver; chain: go-ethereum simulated backend "+
		"(each transaction mined at once); bridge poll interval 200 ms, 1 confirmation.\n\n"+
		"%d orders created in one burst, then the bridge started. Baseline: the same %d lease jobs registered "+
		"straight on Nomad (no chain, no checks) on the same agent, in the same run.\n\n"+
		"| | time until all %d leases run |\n|---|---|\n| through the bridge (check, accept, job, startLease) | %s |\n"+
		"| direct Nomad registration (baseline) | %s |\n\n**Ratio bridge/direct: %.2f**\n\n"+
		"Order seen → Nomad job registered: p50 %s, p99 %s. Every order accepted once, one job and one allocation each.\n",
		mach, loadOrders, loadOrders, loadOrders,
		total.Round(time.Millisecond), directTotal.Round(time.Millisecond), ratio, p50.Round(time.Millisecond), p99.Round(time.Millisecond))
	if err := bench.WriteSection(filepath.Join(testsupport.Root(t), "bench", "RESULTS.md"), "Bridge: 100 orders in one burst", body); err != nil {
		t.Fatal(err)
	}
}

// waitNoLeaseContainers waits until no container of jobs is left on the Docker engine.
func waitNoLeaseContainers(t *testing.T, jobs []string) {
	t.Helper()
	dc := testsupport.Docker(t)
	testsupport.Eventually(t, 5*time.Minute, "lease containers gone", func() error {
		cs, err := dc.ContainerList(context.Background(), types.ContainerListOptions{All: true})
		if err != nil {
			return err
		}
		left := 0
		for _, c := range cs {
			if slices.Contains(jobs, c.Labels["com.hashicorp.nomad.job_id"]) {
				left++
			}
		}
		if left != 0 {
			return fmt.Errorf("%d containers left", left)
		}
		return nil
	})
}

// waitAllRunning waits until every job's lease task runs.
func waitAllRunning(t *testing.T, e *env, jobs []string) {
	t.Helper()
	testsupport.Eventually(t, 15*time.Minute, fmt.Sprintf("%d jobs running", len(jobs)), func() error {
		for _, id := range jobs {
			a, err := e.cluster.Allocation(context.Background(), id)
			if err != nil {
				return err
			}
			if a == nil || a.TaskState != "running" {
				return fmt.Errorf("job %s not running", id)
			}
		}
		return nil
	})
}
