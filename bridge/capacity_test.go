package bridge_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// A burst of orders that together do not fit is checked while the first acceptances are
// still in flight: capacity promised to accepted orders counts, so the one that does not fit
// is rejected up front instead of being accepted and then failing to place.
func TestBurstReservesCapacity(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	nodes, _, err := n.API.Nodes().List(nil)
	if err != nil || len(nodes) != 1 {
		t.Fatalf("nodes: %v (%d)", err, len(nodes))
	}
	node, _, err := n.API.Nodes().Info(nodes[0].ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	total := node.NodeResources.Memory.MemoryMB
	if node.ReservedResources != nil {
		total -= int64(node.ReservedResources.Memory.MemoryMB)
	}
	// Each takes 40% of the node's memory: two fit, three do not.
	per := total * 40 / 100
	var ids [][32]byte
	for i := range 3 {
		s := spec(t, fmt.Sprintf("big-%d", i))
		s.Resources.Memory = uint64(per) << 20
		ids = append(ids, e.order(e.newClient(), s).ID)
	}
	// All three confirmed before the bridge starts, so its first round sees them together;
	// through the plain client each acceptance waits for the next block, so all three are
	// checked while earlier acceptances are pending.
	e.waitConfirmed()
	sup := e.superviseOn(e.chain.Sim.Client(), func(string) error { return nil })
	e.waitChain(ids[0], contracts.StateRunning, 3*time.Minute)
	e.waitChain(ids[1], contracts.StateRunning, 3*time.Minute)
	sup.waitState(t, ids[2], bridge.Rejected)
	rec, err := sup.get(ids[2])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rec.Reason, "over capacity") || !strings.Contains(rec.Reason, "accepted but not yet placed") {
		t.Fatalf("reason %q: want over capacity, counting the accepted orders", rec.Reason)
	}
	// The bridge records a rejection only once the chain shows it.
	if got := rejectionReason(t, e, ids[2]); got != rec.Reason {
		t.Fatalf("on-chain reason %q, bridge's %q", got, rec.Reason)
	}
	for _, id := range ids {
		countEvents(t, e, id, map[string]int{"OrderReleased": 0})
	}
}

// countingPlans counts the dry-run plans a bridge asks of the real cluster.
type countingPlans struct {
	bridge.Cluster
	plans atomic.Int32
}

func (c *countingPlans) Plan(ctx context.Context, job *api.Job) (string, error) {
	c.plans.Add(1)
	return c.Cluster.Plan(ctx, job)
}

// A burst that fits is planned once, as one job, not once per order: every order is still
// accepted and runs.
func TestBurstPlannedTogether(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	const orders = 5
	var ids [][32]byte
	for i := range orders {
		ids = append(ids, e.order(e.newClient(), spec(t, fmt.Sprintf("small-%d", i))).ID)
	}
	e.waitConfirmed()
	cluster := &countingPlans{Cluster: e.cluster}
	e.start(nil, cluster, nil)
	for _, id := range ids {
		e.waitChain(id, contracts.StateRunning, 3*time.Minute)
	}
	if got := cluster.plans.Load(); got != 1 {
		t.Fatalf("%d plans for a burst of %d orders that fit, want 1", got, orders)
	}
}

// waitConfirmed waits until every order created so far is deep enough for the bridge to see,
// so a bridge started now sees them all in its first round.
func (e *env) waitConfirmed() {
	e.t.Helper()
	head, err := e.chain.Backend.BlockNumber(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	testsupport.Eventually(e.t, time.Minute, "the orders confirmed", func() error {
		now, err := e.chain.Backend.BlockNumber(e.ctx)
		if err != nil {
			return err
		}
		if want := head + e.options().Confirmations + 1; now < want {
			return fmt.Errorf("head %d, want %d", now, want)
		}
		return nil
	})
}
