package bridge_test

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/voucher"
)

// clientConn is a client's SSH connection to its lease, paying in the background.
type clientConn struct {
	t      *testing.T
	c      *tunnel.Client
	cancel context.CancelFunc
	payErr chan error
}

func dialLease(t *testing.T, endpoint, hostKey string, c client, s lease.Spec, o lease.Order, chainID uint64) *clientConn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sc, err := tunnel.Dial(ctx, tunnel.Config{
		Addr: endpoint, Lease: lease.LeaseID{ChainID: chainID, Order: o.ID}, Signer: testsupport.SSHSigner(t, 1),
		HostKeyFingerprint: hostKey, PaymentKey: c.key, Price: s.Price, Escrow: o.Escrow, Prepay: s.Prepay,
	})
	if err != nil {
		t.Fatal(err)
	}
	pctx, pcancel := context.WithCancel(context.Background())
	cc := &clientConn{t: t, c: sc, cancel: pcancel, payErr: make(chan error, 1)}
	go func() { cc.payErr <- sc.Pay(pctx) }()
	t.Cleanup(func() { pcancel(); _ = sc.Close() })
	return cc
}

// paidAtLeast waits until the gateway acknowledged a voucher for at least seq.
func (cc *clientConn) paidAtLeast(seq uint64) *voucher.Voucher {
	cc.t.Helper()
	var v *voucher.Voucher
	testsupport.Eventually(cc.t, time.Minute, fmt.Sprintf("voucher %d acknowledged", seq), func() error {
		if v = cc.c.Paid(); v == nil || v.Seq < seq {
			return fmt.Errorf("last acknowledged %+v", v)
		}
		return nil
	})
	return v
}

// terminate stops paying and ends the lease with a signed terminate; it returns the last
// voucher, which is what the provider may claim.
func (cc *clientConn) terminate() *voucher.Voucher {
	cc.t.Helper()
	cc.cancel()
	<-cc.payErr
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := cc.c.Terminate(ctx); err != nil {
		cc.t.Fatalf("terminate: %v", err)
	}
	return cc.c.Paid()
}

// The whole provider journey: order → accepted → job running → client pays over SSH → client
// terminates (on chain, then through the gateway, as `shale terminate` does) → voucher
// collected → batch settled for the time the lease ran, with every balance exact.
func TestOrderToSettlement(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	r := e.start(nil, nil, nil)
	c := e.newClient()
	s := spec(t, "journey")

	mp := e.chain.Market
	spBefore := e.chain.Balance(e.sp.Addr)
	clientBefore, err := mp.Balance(e.ctx, c.acct.Addr)
	if err != nil {
		t.Fatal(err)
	}
	o := e.order(c, s)
	co := e.waitChain(o.ID, contracts.StateRunning, 3*time.Minute)
	if co.Collateral.Cmp(new(big.Int).Div(testsupport.FIL, big.NewInt(2))) != 0 {
		t.Fatalf("collateral %s", co.Collateral)
	}
	rec := waitStore(t, r, o.ID, bridge.Running, time.Minute)
	if rec.Endpoint != n.GatewayAddr {
		t.Fatalf("lease started at %q, the node's gateway is %s", rec.Endpoint, n.GatewayAddr)
	}

	cc := e.dial(c, s, o, rec.Endpoint)
	var out strings.Builder
	ctx, cancel := context.WithTimeout(e.ctx, time.Minute)
	defer cancel()
	if code, err := cc.c.Exec(ctx, "echo hello from $(hostname)", nil, &out, &out); err != nil || code != 0 {
		t.Fatalf("exec: %d %v %q", code, err, out.String())
	}
	cc.paidAtLeast(2)
	cc.cancel()
	<-cc.payErr
	if _, err := mp.Terminate(e.ctx, c.acct.Opts, o.ID); err != nil {
		t.Fatal(err)
	}
	tctx, tcancel := context.WithTimeout(e.ctx, time.Minute)
	defer tcancel()
	if err := cc.c.Terminate(tctx); err != nil {
		t.Logf("gateway terminate after the on-chain one: %v (the provider may have stopped the lease first)", err)
	}
	final := cc.c.Paid()
	if final == nil || final.Amount.Sign() <= 0 {
		t.Fatalf("final voucher %+v", final)
	}

	// Paid the smaller of the voucher and the price of the time from start to terminate.
	settled := e.waitChain(o.ID, contracts.StateSettled, 3*time.Minute)
	paid := settled.Earned(settled.EndTime)
	if final.Amount.Cmp(paid) < 0 {
		paid = final.Amount
	}
	t.Logf("ran %s on chain; voucher %s, paid %s", settled.EndTime.Sub(settled.StartedAt), final.Amount, paid)
	if settled.Paid.Cmp(paid) != 0 {
		t.Fatalf("settled for %s, want %s (voucher %s)", settled.Paid, paid, final.Amount)
	}
	rec = waitStore(t, r, o.ID, bridge.Settled, time.Minute)
	if rec.Amount.Cmp(final.Amount) != 0 || rec.Paid == nil || rec.Paid.Cmp(paid) != 0 || rec.SettleTx == "" {
		t.Fatalf("bridge record: amount %s paid %s tx %q, want amount %s paid %s", rec.Amount, rec.Paid, rec.SettleTx, final.Amount, paid)
	}
	if v := rec.View(); v.Paid != lease.FormatFIL(paid) {
		t.Fatalf("view paid %q, want %s", v.Paid, lease.FormatFIL(paid))
	}

	// Credits: the provider gets what it earned plus its collateral back; the client the rest
	// of its escrow. The provider's wallet paid only gas (and the collateral, returned).
	spCredit, err := mp.Balance(e.ctx, e.sp.Addr)
	if err != nil {
		t.Fatal(err)
	}
	if want := new(big.Int).Add(paid, co.Collateral); spCredit.Cmp(want) != 0 {
		t.Fatalf("provider credit %s, want %s", spCredit, want)
	}
	clientCredit, err := mp.Balance(e.ctx, c.acct.Addr)
	if err != nil {
		t.Fatal(err)
	}
	if want := new(big.Int).Add(clientBefore, new(big.Int).Sub(o.Escrow, paid)); clientCredit.Cmp(want) != 0 {
		t.Fatalf("client credit %s, want %s", clientCredit, want)
	}
	if spent := new(big.Int).Sub(spBefore, e.chain.Balance(e.sp.Addr)); spent.Cmp(co.Collateral) < 0 {
		t.Fatalf("provider wallet spent %s, less than the collateral it posted", spent)
	}
	// The job ran once and was stopped.
	job, _, err := n.API.Jobs().Info(rec.JobID, nil)
	if err != nil || job.Stop == nil || !*job.Stop {
		t.Fatalf("job %s not stopped: %v", rec.JobID, err)
	}
	if allocs, _, err := n.API.Jobs().Allocations(rec.JobID, true, nil); err != nil || len(allocs) != 1 {
		t.Fatalf("job %s has %d allocations (%v), want exactly one", rec.JobID, len(allocs), err)
	}
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
}
