package bridge_test

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// Orders the provider will not run are rejected on chain with the reason (the client's
// escrow comes back at once), counted by reason, and never become jobs.
func TestRejectedOrders(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	floor := lease.MustParsePrice("500attofil/1s")
	r := e.start(nil, nil, func(o *bridge.Options) {
		o.Policy.MinPrice = &floor
		o.Policy.MaxDuration = 2 * time.Hour
		o.Policy.MaxGrace = 5 * time.Minute
		o.Policy.MaxPrepay = 10 * time.Minute
		o.Policy.Images = []string{"shale/*"}
		o.Policy.MaxLeases = 1
		o.Policy.MaxExposes = 1
	})

	// One lease fills the provider's capacity.
	c := e.newClient()
	first := e.order(c, spec(t, "first"))
	e.waitChain(first.ID, contracts.StateRunning, 3*time.Minute)

	unknownCID := testsupport.CID(t, "not held by anyone")
	cases := []struct {
		name, category, reason string
		mut                    func(*lease.Spec)
		badID                  bool
	}{
		{"price too low", "price_too_low", "price 100attofil/1s is below this provider's minimum 500attofil/1s",
			func(s *lease.Spec) { s.Price = lease.MustParsePrice("100attofil/1s") }, false},
		{"too long", "duration_too_long", "duration 3h0m0s exceeds this provider's maximum 2h0m0s",
			func(s *lease.Spec) { s.Duration = 3 * time.Hour }, false},
		// A grace as long as the lease would let the client use it without paying.
		{"grace too long", "payment_terms", "grace 1h0m0s exceeds this provider's maximum 5m0s",
			func(s *lease.Spec) { s.Grace = time.Hour }, false},
		{"prepay too long", "payment_terms", "prepay 30m0s exceeds this provider's maximum 10m0s",
			func(s *lease.Spec) { s.Prepay = 30 * time.Minute }, false},
		{"image not offered", "image_not_allowed", `image "debian:bookworm" is not offered by this provider`,
			func(s *lease.Spec) { s.Image = "debian:bookworm" }, false},
		{"unknown dataset", "unknown_dataset", "dataset " + unknownCID + " is not held by this provider",
			func(s *lease.Spec) { s.Mounts = []lease.Mount{{CID: unknownCID, Path: "/data"}} }, false},
		{"too many exposed ports", "expose_not_allowed", "2 exposed ports, this provider allows at most 1",
			func(s *lease.Spec) {
				s.Exposes = []lease.Expose{{Port: 8888, Protocol: "http"}, {Port: 22, Protocol: "tcp"}}
			}, false},
		{"bad order id", "bad_order_id", "does not derive from the order's client, payment key and nonce", nil, true},
		{"over capacity", "over_capacity", "over capacity: 1 leases running (limit 1)", nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e.t = t
			before := e.labelled("shale_bridge_orders_rejected_total", "reason", tc.category)
			cl := e.newClient()
			s := spec(t, "rejected")
			if tc.mut != nil {
				tc.mut(&s)
			}
			nonce, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
			o, err := s.Order(e.chain.ChainID, e.chain.Market.Address, cl.acct.Addr, cl.key.Public(), nonce)
			if err != nil {
				t.Fatal(err)
			}
			if tc.badID {
				// Squatting: an id the client did not derive (another client's, say).
				_, _ = rand.Read(o.ID[:])
			}
			credit0, _ := e.chain.Market.Balance(e.ctx, cl.acct.Addr)
			e.create(cl, o)
			e.waitChain(o.ID, contracts.StateCancelled, 2*time.Minute)
			rec := waitStore(t, r, o.ID, bridge.Rejected, time.Minute)
			if !strings.Contains(rec.Reason, tc.reason) {
				t.Fatalf("reason %q, want it to contain %q", rec.Reason, tc.reason)
			}
			if got := rejectionReason(t, e, o.ID); got != rec.Reason {
				t.Fatalf("on-chain reason %q, bridge's %q", got, rec.Reason)
			}
			credit, _ := e.chain.Market.Balance(e.ctx, cl.acct.Addr)
			if want := new(big.Int).Add(credit0, o.Escrow); credit.Cmp(want) != 0 {
				t.Fatalf("client credit %s after rejection, want %s (the whole escrow back)", credit, want)
			}
			if got := e.labelled("shale_bridge_orders_rejected_total", "reason", tc.category) - before; got != 1 {
				t.Fatalf("rejections counted under %s: %v, want 1", tc.category, got)
			}
			jobID := lease.LeaseID{ChainID: e.chain.ChainID.Uint64(), Order: o.ID}.JobID()
			if _, _, err := n.API.Jobs().Info(jobID, nil); err == nil {
				t.Fatalf("a job %s was registered for a rejected order", jobID)
			}
		})
	}
}

func rejectionReason(t *testing.T, e *env, id [32]byte) string {
	t.Helper()
	evs, err := e.chain.Market.Events(e.ctx, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if v, ok := ev.Value.(*bindings.MarketplaceOrderRejected); ok && v.OrderId == id {
			return v.Reason
		}
	}
	t.Fatalf("no OrderRejected event for %x", id[:4])
	return ""
}

// A reorg shallower than the confirmation depth is invisible to the bridge: an order whose
// block is replaced by one without it is never acted on, and an order that moves to another
// block is accepted once.
func TestReorgBelowConfirmationDepth(t *testing.T) {
	n := testsupport.StartNomad(t)
	// Blocks only when the test mines them, so the reorgs are exactly as deep as intended.
	e := newEnv(t, n, n, testsupport.ChainOptions{BlockInterval: time.Hour})
	const depth = 3
	r := e.start(nil, nil, func(o *bridge.Options) { o.Confirmations = depth })
	accepted0 := e.metric("shale_bridge_orders_accepted_total")

	// 1. The order vanishes: its creation is replaced, on the new branch, by a transfer with
	// the same nonce.
	c := e.newClient()
	s := spec(t, "vanishing")
	nonce, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	gone, err := s.Order(e.chain.ChainID, e.chain.Market.Address, c.acct.Addr, c.key.Public(), nonce)
	if err != nil {
		t.Fatal(err)
	}
	parent := e.chain.Head()
	txNonce, err := e.chain.Backend.PendingNonceAt(e.ctx, c.acct.Addr)
	if err != nil {
		t.Fatal(err)
	}
	e.create(c, gone) // mined at parent+1: buried under 0 blocks, the bridge must not see it
	if o, _ := e.chain.Market.Order(e.ctx, gone.ID); o.State != contracts.StateCreated {
		t.Fatalf("order not created: %s", o.State)
	}
	e.chain.Fork(parent.Hash())
	replace(t, e, c, txNonce)
	e.chain.Mine(depth + 2)
	switch o, err := e.chain.Market.Order(e.ctx, gone.ID); {
	case err != nil && !errors.Is(err, contracts.ErrUnknownOrder):
		t.Fatalf("reading the order after the reorg: %v", err)
	case err == nil && o.State != contracts.StateNone:
		t.Fatalf("the reorg did not remove the order: %s", o.State)
	}

	// 2. The order moves: dropped with its block, mined again in the new branch.
	c2 := e.newClient()
	moved := e.order(c2, spec(t, "moving"))
	head := e.chain.Head()
	e.chain.Fork(head.ParentHash)
	e.chain.Mine(1)
	if o, err := e.chain.Market.Order(e.ctx, moved.ID); err != nil || o.State != contracts.StateCreated {
		t.Fatalf("order not re-mined after the reorg: %v %v", o.State, err)
	}
	if e.chain.Head().Hash() == head.Hash() {
		t.Fatal("no reorg happened")
	}
	testsupport.Eventually(t, 2*time.Minute, "moved order accepted after confirmations", func() error {
		e.chain.Mine(1)
		o, err := e.chain.Market.Order(e.ctx, moved.ID)
		if err != nil {
			return err
		}
		if o.State != contracts.StateRunning {
			return fmt.Errorf("state %s", o.State)
		}
		return nil
	})

	if _, err := r.store.Get(gone.ID); !errors.Is(err, bridge.ErrNotFound) {
		t.Fatalf("the bridge recorded the vanished order: %v", err)
	}
	if got := e.metric("shale_bridge_orders_accepted_total") - accepted0; got != 1 {
		t.Fatalf("%v acceptances, want exactly 1 (the moved order)", got)
	}
	countEvents(t, e, moved.ID, map[string]int{"OrderAccepted": 1, "LeaseStarted": 1})
}

// replace mines, from c's account, a self-transfer with the given nonce at a fee high enough
// to displace any pending transaction with that nonce.
func replace(t *testing.T, e *env, c client, nonce uint64) {
	t.Helper()
	head := e.chain.Head()
	tip := big.NewInt(100e9)
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(4)))
	tx, err := types.SignTx(types.NewTx(&types.DynamicFeeTx{
		ChainID: e.chain.ChainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: 21000, To: &c.acct.Addr, Value: big.NewInt(0),
	}), types.LatestSignerForChainID(e.chain.ChainID), c.acct.Key)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.chain.Backend.SendTransaction(e.ctx, tx); err != nil {
		t.Fatal(err)
	}
}

// A reorg deeper than the confirmation depth removes the provider's acceptance after the
// bridge registered the lease's job: the bridge finds the order back in Created when it comes
// to start the lease, stops the job instead of running a lease nobody pays for, and ends the
// order failed with the reason; nothing lands on chain for it, and the client's escrow comes
// back when it cancels.
func TestReorgRemovesAcceptance(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n, testsupport.ChainOptions{BlockInterval: time.Hour})
	const depth = 2
	p := pauseAt("effect:register")
	r := e.start(nil, nil, func(o *bridge.Options) { o.Confirmations, o.KillPoint = depth, p.killPoint })
	c := e.newClient()
	o := e.order(c, spec(t, "deep-reorg"))
	e.mineUntil(p.reached, "bridge accepts and registers the job")

	// Fork just below the acceptance's block, confirmed by depth+1 blocks on top, and replace
	// the acceptance (put back in the pool by the reorg) with a transfer at its nonce.
	e.chain.Mine(depth + 1)
	var accept *types.Log
	evs, err := e.chain.Market.Events(e.ctx, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if ev.Name == "OrderAccepted" && ev.Log.Topics[1] == o.ID {
			accept = &ev.Log
		}
	}
	if accept == nil {
		t.Fatal("no OrderAccepted event")
	}
	tx, _, err := e.chain.Backend.TransactionByHash(e.ctx, accept.TxHash)
	if err != nil {
		t.Fatal(err)
	}
	below, err := e.chain.Backend.HeaderByNumber(e.ctx, new(big.Int).SetUint64(accept.BlockNumber-1))
	if err != nil {
		t.Fatal(err)
	}
	reorged := e.chain.Head().Number.Uint64() - below.Number.Uint64()
	e.chain.Fork(below.Hash())
	replace(t, e, client{acct: e.sp}, tx.Nonce())
	e.chain.Mine(int(reorged) + 1)
	if co, err := e.chain.Market.Order(e.ctx, o.ID); err != nil || co.State != contracts.StateCreated {
		t.Fatalf("after a %d-block reorg the order is %v (%v), want Created", reorged, co.State, err)
	}
	if reorged <= depth {
		t.Fatalf("the reorg is %d blocks deep, not deeper than the confirmation depth %d", reorged, depth)
	}
	close(p.resume)

	var rec *bridge.Order
	testsupport.Eventually(t, 3*time.Minute, "bridge fails the order", func() error {
		if rec, err = r.store.Get(o.ID); err != nil {
			return err
		}
		if rec.State != bridge.Failed {
			return fmt.Errorf("state %s (%s)", rec.State, rec.Reason)
		}
		return nil
	})
	if !strings.Contains(rec.Reason, "reorg deeper than the confirmation depth") {
		t.Fatalf("reason %q does not say what happened", rec.Reason)
	}
	job, _, err := n.API.Jobs().Info(rec.JobID, nil)
	if err != nil || job.Stop == nil || !*job.Stop {
		t.Fatalf("job %s of the failed order not stopped: %+v %v", rec.JobID, job, err)
	}
	countEvents(t, e, o.ID, map[string]int{"OrderAccepted": 0, "LeaseStarted": 0, "OrderReleased": 0})

	co, err := e.chain.Market.Order(e.ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	before, err := e.chain.Market.Balance(e.ctx, c.acct.Addr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.chain.Market.CancelOrder(e.ctx, c.acct.Opts, o.ID); err != nil {
		t.Fatalf("the client cannot cancel its order after the reorg: %v", err)
	}
	after, err := e.chain.Market.Balance(e.ctx, c.acct.Addr)
	if err != nil {
		t.Fatal(err)
	}
	if got := new(big.Int).Sub(after, before); got.Cmp(co.Escrow) != 0 {
		t.Fatalf("cancel credited %s attoFIL, want the whole escrow %s", got, co.Escrow)
	}
}

// A reorg deeper than the confirmation depth removes an order the bridge already recorded,
// before it accepted: the bridge reads the chain before acting, finds no order and ends it
// vanished, with no acceptance sent and no job registered.
func TestReorgRemovesSeenOrder(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n, testsupport.ChainOptions{BlockInterval: time.Hour})
	const depth = 2
	p := pauseAt("persisted:accepting")
	r := e.start(nil, nil, func(o *bridge.Options) { o.Confirmations, o.KillPoint = depth, p.killPoint })
	c := e.newClient()
	below := e.chain.Head()
	nonce, err := e.chain.Backend.PendingNonceAt(e.ctx, c.acct.Addr)
	if err != nil {
		t.Fatal(err)
	}
	o := e.order(c, spec(t, "seen-then-gone"))
	e.mineUntil(p.reached, "bridge records the order")
	reorged := e.chain.Head().Number.Uint64() - below.Number.Uint64()
	if reorged <= depth {
		t.Fatalf("the reorg would be %d blocks deep, not deeper than the confirmation depth %d", reorged, depth)
	}
	e.chain.Fork(below.Hash())
	replace(t, e, c, nonce)
	e.chain.Mine(int(reorged) + 1)
	if co, err := e.chain.Market.Order(e.ctx, o.ID); err == nil && co.State != contracts.StateNone {
		t.Fatalf("after a %d-block reorg the order is %s", reorged, co.State)
	}
	close(p.resume)

	testsupport.Eventually(t, time.Minute, "bridge ends the order vanished", func() error {
		rec, err := r.store.Get(o.ID)
		if err != nil {
			return err
		}
		if rec.State != bridge.Vanished || rec.JobID != "" {
			return fmt.Errorf("state %s, job %q (%s)", rec.State, rec.JobID, rec.Reason)
		}
		return nil
	})
	countEvents(t, e, o.ID, map[string]int{"OrderCreated": 0, "OrderAccepted": 0})
}

// pause holds the bridge the first time it reaches one kill point, so a test can change the
// chain under it at exactly that step: reached is closed when it gets there, and the bridge
// goes on once the test closes resume.
type pause struct {
	point           string
	reached, resume chan struct{}
	once            sync.Once
}

func pauseAt(point string) *pause {
	return &pause{point: point, reached: make(chan struct{}), resume: make(chan struct{})}
}

func (p *pause) killPoint(point string) error {
	if point == p.point {
		p.once.Do(func() { close(p.reached); <-p.resume })
	}
	return nil
}

// mineUntil mines a block at a time (the chain mines none by itself in these tests) until
// reached is closed.
func (e *env) mineUntil(reached <-chan struct{}, what string) {
	e.t.Helper()
	testsupport.Eventually(e.t, 2*time.Minute, what, func() error {
		select {
		case <-reached:
			return nil
		default:
			e.chain.Mine(1)
			return errors.New("not yet")
		}
	})
}
