package bridge_test

import (
	"errors"
	"math/big"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// The bridge ends leases the chain says are over: a client's on-chain terminate (no voucher
// was ever signed, so the order is released: the whole escrow back to the client, the
// collateral to the provider) and expiry (the lease paid over SSH until its end is settled
// with a proof for the last voucher).
func TestOnChainTerminateAndExpiry(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	r := e.start(nil, nil, nil)

	// Terminated on chain before anything was paid.
	c1 := e.newClient()
	o1 := e.order(c1, spec(t, "terminated"))
	e.waitChain(o1.ID, contracts.StateRunning, 3*time.Minute)
	credit0, err := e.chain.Market.Balance(e.ctx, c1.acct.Addr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.chain.Market.Terminate(e.ctx, c1.acct.Opts, o1.ID); err != nil {
		t.Fatal(err)
	}
	settled := e.waitChain(o1.ID, contracts.StateSettled, 3*time.Minute)
	if settled.Paid.Sign() != 0 {
		t.Fatalf("paid %s without a voucher", settled.Paid)
	}
	rec := waitStore(t, r, o1.ID, bridge.Settled, time.Minute)
	if rec.Reason != "terminated by the client on chain" {
		t.Fatalf("end reason %q", rec.Reason)
	}
	if credit, _ := e.chain.Market.Balance(e.ctx, c1.acct.Addr); new(big.Int).Sub(credit, credit0).Cmp(o1.Escrow) != 0 {
		t.Fatalf("client credited %s, want the whole escrow %s", new(big.Int).Sub(credit, credit0), o1.Escrow)
	}
	if job, _, err := n.API.Jobs().Info(rec.JobID, nil); err != nil || job.Stop == nil || !*job.Stop {
		t.Fatalf("job %s not stopped after the on-chain terminate: %v", rec.JobID, err)
	}
	countEvents(t, e, o1.ID, map[string]int{"OrderReleased": 1})

	// Paid over SSH, then the chain's clock passes the lease's end.
	c2 := e.newClient()
	s2 := spec(t, "expiring")
	o2 := e.order(c2, s2)
	e.waitChain(o2.ID, contracts.StateRunning, 3*time.Minute)
	rec2 := waitStore(t, r, o2.ID, bridge.Running, time.Minute)
	cc := e.dial(c2, s2, o2, rec2.Endpoint)
	cc.paidAtLeast(2)
	cc.cancel() // the client stops paying; its last voucher is what the provider can claim
	<-cc.payErr
	last := cc.c.Paid()
	e.chain.Advance(s2.Duration)
	settled2 := e.waitChain(o2.ID, contracts.StateSettled, 3*time.Minute)
	// It ran to its end: the whole last voucher is owed.
	if settled2.Paid.Cmp(last.Amount) != 0 {
		t.Fatalf("settled for %s, the last voucher says %s", settled2.Paid, last.Amount)
	}
	if rec2 = waitStore(t, r, o2.ID, bridge.Settled, time.Minute); rec2.Reason != "lease expired" {
		t.Fatalf("end reason %q", rec2.Reason)
	}
}

// A provider that was down past a lease's settle deadline does not send a settlement the
// contract would refuse (it would sink the whole batch): the lease is marked failed with the
// reason, and the client reclaims escrow and collateral.
func TestSettleDeadlineMissed(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	var killed atomic.Bool
	r := e.start(nil, nil, func(o *bridge.Options) {
		o.KillPoint = func(p string) error {
			if p == "persisted:collected" && killed.CompareAndSwap(false, true) {
				return errors.New("provider goes down")
			}
			return nil
		}
	})
	c := e.newClient()
	s := spec(t, "late")
	o := e.order(c, s)
	e.waitChain(o.ID, contracts.StateRunning, 3*time.Minute)
	rec := waitStore(t, r, o.ID, bridge.Running, time.Minute)
	cc := e.dial(c, s, o, rec.Endpoint)
	cc.paidAtLeast(1)
	cc.terminate()
	if err := <-r.done; !errors.Is(err, bridge.ErrKilled) {
		t.Fatalf("bridge stopped with %v, want the kill point", err)
	}
	r.done <- nil // for stop
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	e.chain.Advance(s.Duration + 2*time.Hour) // past the end and the one-hour settle window

	r2 := e.start(nil, nil, nil)
	rec = waitStore(t, r2, o.ID, bridge.Failed, time.Minute)
	if !strings.Contains(rec.Reason, "settle deadline") || !strings.Contains(rec.Reason, "passed before settlement") {
		t.Fatalf("reason %q", rec.Reason)
	}
	if _, err := e.chain.Market.Reclaim(e.ctx, c.acct.Opts, o.ID); err != nil {
		t.Fatalf("client reclaim: %v", err)
	}
	countEvents(t, e, o.ID, map[string]int{"OrderSettled": 0, "OrderReclaimed": 1})
}
