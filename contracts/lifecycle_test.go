package contracts_test

import (
	"bytes"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
)

// ledger checks native balances to the attoFIL after every step: each tracked account must
// move by exactly the expected delta, minus gas for the step's sender.
type ledger struct {
	c    *chain
	name map[common.Address]string
	last map[common.Address]*big.Int
}

func newLedger(c *chain, names map[common.Address]string) *ledger {
	l := &ledger{c: c, name: names, last: map[common.Address]*big.Int{}}
	for a := range names {
		l.last[a] = c.balance(a)
	}
	return l
}

func (l *ledger) step(step string, sender common.Address, rcpt *types.Receipt, delta map[common.Address]*big.Int) {
	l.c.t.Helper()
	for a, before := range l.last {
		want := new(big.Int).Set(before)
		if d, ok := delta[a]; ok {
			want.Add(want, d)
		}
		if a == sender {
			want.Sub(want, gasCost(rcpt))
		}
		got := l.c.balance(a)
		if got.Cmp(want) != 0 {
			l.c.t.Errorf("%s: %s balance %s, want %s (off by %s)", step, l.name[a], got, want, new(big.Int).Sub(got, want))
		}
		l.last[a] = got
	}
}

// credits checks the marketplace's withdrawable balances.
func (c *chain) credits(step string, want map[common.Address]*big.Int) {
	c.t.Helper()
	for a, w := range want {
		got, err := c.m.Balance(c.ctx, a)
		if err != nil {
			c.t.Fatal(err)
		}
		if got.Cmp(w) != 0 {
			c.t.Errorf("%s: credit of %s is %s, want %s", step, a, got, w)
		}
	}
}

func neg(x *big.Int) *big.Int { return new(big.Int).Neg(x) }

// eventNames decodes a receipt's marketplace events.
func (c *chain) eventNames(rcpt *types.Receipt) []string {
	c.t.Helper()
	evs, err := c.m.ReceiptEvents(rcpt)
	if err != nil {
		c.t.Fatal(err)
	}
	var names []string
	for _, e := range evs {
		names = append(names, e.Name)
	}
	return names
}

func (c *chain) wantEvents(step string, rcpt *types.Receipt, want ...string) {
	c.t.Helper()
	got := c.eventNames(rcpt)
	if len(got) != len(want) {
		c.t.Fatalf("%s: events %v, want %v", step, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			c.t.Fatalf("%s: events %v, want %v", step, got, want)
		}
	}
}

func (c *chain) state(id [32]byte, want contracts.OrderState) contracts.Order {
	c.t.Helper()
	o, err := c.m.Order(c.ctx, id)
	if err != nil {
		c.t.Fatal(err)
	}
	if o.State != want {
		c.t.Fatalf("order %x is %v, want %v", id[:2], o.State, want)
	}
	return o
}

// TestLifecycle walks one lease through register → create → accept → start → terminate →
// settle → withdraw → rate, checking every balance to the attoFIL, every state and event.
func TestLifecycle(t *testing.T) {
	c := newChain(t)
	sp, client := newAccount(t), c.client
	// A fresh SP so registration is part of the walk; fund it from the deployer.
	c.fund(sp.addr, new(big.Int).Mul(fil, big.NewInt(10)))
	mp := c.m.Address
	l := newLedger(c, map[common.Address]string{sp.addr: "sp", client.addr: "client", mp: "contract"})

	rcpt := c.must(c.m.RegisterProvider(c.ctx, sp.opts, "f01946720", "sp.example:2222", [32]byte{9}, `{"gpus":1}`))
	l.step("register", sp.addr, rcpt, nil)
	c.wantEvents("register", rcpt, "ProviderRegistered")
	rcpt = c.must(c.m.AnnounceDatasets(c.ctx, sp.opts, "bafy-mnist", "bafy-fashion"))
	l.step("announce", sp.addr, rcpt, nil)
	c.wantEvents("announce", rcpt, "DatasetAnnounced", "DatasetAnnounced")
	rcpt = c.must(c.m.UpdateProvider(c.ctx, sp.opts, "sp.example:2223", [32]byte{10}, `{"gpus":2}`))
	l.step("update", sp.addr, rcpt, nil)
	c.wantEvents("update", rcpt, "ProviderUpdated")
	rcpt = c.must(c.m.RetractDatasets(c.ctx, sp.opts, "bafy-fashion"))
	l.step("retract", sp.addr, rcpt, nil)
	c.wantEvents("retract", rcpt, "DatasetRetracted")

	// 0.01 FIL/min for 90 minutes and 7 seconds: escrow is floor(1e16 × 5407 / 60).
	req := request()
	req.Provider, req.Duration = "f01946720", 5407
	escrow := new(big.Int).Div(new(big.Int).Mul(big.NewInt(1e16), big.NewInt(5407)), big.NewInt(60))
	if req.Escrow().Cmp(escrow) != 0 {
		t.Fatalf("Escrow() = %s, want %s", req.Escrow(), escrow)
	}
	rcpt = c.must(c.m.CreateOrder(c.ctx, client.opts, req))
	l.step("createOrder", client.addr, rcpt, map[common.Address]*big.Int{client.addr: neg(escrow), mp: escrow})
	c.wantEvents("createOrder", rcpt, "OrderCreated")
	o := c.state(req.ID, contracts.StateCreated)
	if o.Client != client.addr || o.Provider != sp.addr || o.Escrow.Cmp(escrow) != 0 || o.SpecHash != crypto.Keccak256Hash(req.Spec) ||
		o.PaymentKey != req.PaymentKey || o.Nonce.Cmp(req.Nonce) != 0 || o.PricePeriod != 60 || o.Duration != 5407 {
		t.Fatalf("stored order %+v does not match request %+v", o, req)
	}

	collateral := new(big.Int).Add(minCollateral, big.NewInt(12345))
	rcpt = c.must(c.m.AcceptOrder(c.ctx, sp.opts, req.ID, collateral))
	l.step("acceptOrder", sp.addr, rcpt, map[common.Address]*big.Int{sp.addr: neg(collateral), mp: collateral})
	c.wantEvents("acceptOrder", rcpt, "OrderAccepted")
	c.state(req.ID, contracts.StateAccepted)

	rcpt = c.must(c.m.StartLease(c.ctx, sp.opts, req.ID, "sp.example:2223"))
	l.step("startLease", sp.addr, rcpt, nil)
	c.wantEvents("startLease", rcpt, "LeaseStarted")
	o = c.state(req.ID, contracts.StateRunning)
	if !o.EndTime.Equal(o.StartedAt.Add(5407 * time.Second)) {
		t.Fatalf("end %v, want start %v + duration", o.EndTime, o.StartedAt)
	}

	c.advance(20 * time.Minute)
	rcpt = c.must(c.m.Terminate(c.ctx, client.opts, req.ID))
	l.step("terminate", client.addr, rcpt, nil)
	c.wantEvents("terminate", rcpt, "LeaseTerminated")
	o = c.state(req.ID, contracts.StateTerminated)
	if !o.EndTime.Before(o.StartedAt.Add(5407 * time.Second)) {
		t.Fatalf("terminate did not shorten the lease: end %v", o.EndTime)
	}

	// The last voucher proved 20 minutes and change: 0.2 FIL + 1 attoFIL.
	paid := new(big.Int).Add(new(big.Int).Div(fil, big.NewInt(5)), big.NewInt(1))
	refund := new(big.Int).Sub(escrow, paid)
	commitment, err := contracts.BatchCommitment(testK, [][32]byte{req.ID}, []*big.Int{paid})
	if err != nil {
		t.Fatal(err)
	}
	c.mockTx(func(o *bind.TransactOpts) (*types.Transaction, error) { return c.verifier.ExpectInput(o, commitment) })
	rcpt = c.must(c.m.SettleBatch(c.ctx, sp.opts, [][32]byte{req.ID}, []*big.Int{paid}, []byte("proof")))
	l.step("settleBatch", sp.addr, rcpt, nil)
	c.wantEvents("settleBatch", rcpt, "OrderSettled", "BatchSettled")
	o = c.state(req.ID, contracts.StateSettled)
	if o.Paid.Cmp(paid) != 0 {
		t.Fatalf("paid %s, want %s", o.Paid, paid)
	}
	spCredit := new(big.Int).Add(paid, collateral)
	c.credits("settleBatch", map[common.Address]*big.Int{sp.addr: spCredit, client.addr: refund})

	rcpt = c.must(c.m.Withdraw(c.ctx, sp.opts))
	l.step("withdraw sp", sp.addr, rcpt, map[common.Address]*big.Int{sp.addr: spCredit, mp: neg(spCredit)})
	c.wantEvents("withdraw sp", rcpt, "Withdrawn")
	rcpt = c.must(c.m.Withdraw(c.ctx, client.opts))
	l.step("withdraw client", client.addr, rcpt, map[common.Address]*big.Int{client.addr: refund, mp: neg(refund)})
	c.credits("withdrawn", map[common.Address]*big.Int{sp.addr: new(big.Int), client.addr: new(big.Int)})
	if b := c.balance(mp); b.Sign() != 0 {
		t.Fatalf("contract keeps %s attoFIL after everything was withdrawn", b)
	}

	rcpt = c.must(c.m.Rate(c.ctx, client.opts, req.ID, 4))
	l.step("rate", client.addr, rcpt, nil)
	c.wantEvents("rate", rcpt, "ProviderRated")
	p, err := c.m.ProviderByMiner(c.ctx, "f01946720")
	if err != nil {
		t.Fatal(err)
	}
	if p.Address != sp.addr || p.RatingSum != 4 || p.RatingCount != 1 || p.Endpoint != "sp.example:2223" ||
		p.HostKeyFingerprint != [32]byte{10} || p.Metadata != `{"gpus":2}` || !p.Registered() {
		t.Fatalf("provider record %+v", p)
	}
	if !c.state(req.ID, contracts.StateSettled).Rated {
		t.Fatal("order not marked rated")
	}

	checkFilterers(t, c, sp.addr, client.addr, req, escrow, collateral, paid, refund, commitment)
}

// checkFilterers reads back every event of the lifecycle through the generated filterers,
// as the bridge would, and checks their fields.
func checkFilterers(t *testing.T, c *chain, sp, client common.Address, req contracts.OrderRequest, escrow, collateral, paid, refund, commitment *big.Int) {
	t.Helper()
	f := c.m.Filterer()
	opts := &bind.FilterOpts{Context: c.ctx}
	ids := [][32]byte{req.ID}

	reg, err := f.FilterProviderRegistered(opts, []common.Address{sp})
	must(t, err)
	if !reg.Next() || reg.Event.MinerId != "f01946720" || reg.Event.Endpoint != "sp.example:2222" || reg.Event.HostKeyFingerprint != [32]byte{9} || reg.Next() {
		t.Fatalf("ProviderRegistered: %+v", reg.Event)
	}
	upd, err := f.FilterProviderUpdated(opts, []common.Address{sp})
	must(t, err)
	if !upd.Next() || upd.Event.Endpoint != "sp.example:2223" || upd.Event.Metadata != `{"gpus":2}` {
		t.Fatalf("ProviderUpdated: %+v", upd.Event)
	}
	ds, err := f.FilterDatasetAnnounced(opts, []common.Address{sp})
	must(t, err)
	var cids []string
	for ds.Next() {
		cids = append(cids, ds.Event.Cid)
	}
	if len(cids) != 2 || cids[0] != "bafy-mnist" || cids[1] != "bafy-fashion" {
		t.Fatalf("DatasetAnnounced: %v", cids)
	}
	dr, err := f.FilterDatasetRetracted(opts, []common.Address{sp})
	must(t, err)
	if !dr.Next() || dr.Event.Cid != "bafy-fashion" {
		t.Fatalf("DatasetRetracted: %+v", dr.Event)
	}
	cr, err := f.FilterOrderCreated(opts, ids, []common.Address{client}, []common.Address{sp})
	must(t, err)
	if !cr.Next() {
		t.Fatal("OrderCreated missing")
	}
	e := cr.Event
	if e.Nonce.Cmp(req.Nonce) != 0 || e.PaymentKey != req.PaymentKey || e.PriceAmount.Cmp(req.PriceAmount) != 0 ||
		e.PricePeriod != req.PricePeriod || e.Duration != req.Duration || e.Escrow.Cmp(escrow) != 0 ||
		!bytes.Equal(e.Spec, req.Spec) || e.SpecHash != crypto.Keccak256Hash(req.Spec) || e.MinerId != req.Provider {
		t.Fatalf("OrderCreated: %+v", e)
	}
	acc, err := f.FilterOrderAccepted(opts, ids, []common.Address{sp})
	must(t, err)
	if !acc.Next() || acc.Event.Collateral.Cmp(collateral) != 0 {
		t.Fatalf("OrderAccepted: %+v", acc.Event)
	}
	st, err := f.FilterLeaseStarted(opts, ids, []common.Address{sp})
	must(t, err)
	if !st.Next() || st.Event.Endpoint != "sp.example:2223" || st.Event.EndTime != st.Event.StartedAt+req.Duration {
		t.Fatalf("LeaseStarted: %+v", st.Event)
	}
	term, err := f.FilterLeaseTerminated(opts, ids, []common.Address{client})
	must(t, err)
	if !term.Next() || term.Event.EndTime == 0 {
		t.Fatalf("LeaseTerminated: %+v", term.Event)
	}
	set, err := f.FilterOrderSettled(opts, ids, []common.Address{sp}, []common.Address{client})
	must(t, err)
	if !set.Next() || set.Event.Paid.Cmp(paid) != 0 || set.Event.Refund.Cmp(refund) != 0 {
		t.Fatalf("OrderSettled: %+v", set.Event)
	}
	bs, err := f.FilterBatchSettled(opts, []common.Address{sp})
	must(t, err)
	if !bs.Next() || bs.Event.Count.Int64() != 1 || bs.Event.Commitment.Cmp(commitment) != 0 {
		t.Fatalf("BatchSettled: %+v", bs.Event)
	}
	wd, err := f.FilterWithdrawn(opts, []common.Address{sp, client})
	must(t, err)
	n := 0
	for wd.Next() {
		n++
	}
	if n != 2 {
		t.Fatalf("Withdrawn: %d events, want 2", n)
	}
	rt, err := f.FilterProviderRated(opts, ids, []common.Address{sp}, []common.Address{client})
	must(t, err)
	if !rt.Next() || rt.Event.Score != 4 {
		t.Fatalf("ProviderRated: %+v", rt.Event)
	}

	// The bridge's cursor-based reader sees the same history in chain order (this chain
	// holds only this order).
	evs, err := c.m.Events(c.ctx, 0, nil)
	must(t, err)
	var order []string
	for _, ev := range evs {
		if ev.Name == "OrderCreated" || ev.Name == "OrderAccepted" || ev.Name == "LeaseStarted" || ev.Name == "LeaseTerminated" || ev.Name == "OrderSettled" {
			order = append(order, ev.Name)
		}
	}
	want := []string{"OrderCreated", "OrderAccepted", "LeaseStarted", "LeaseTerminated", "OrderSettled"}
	if len(order) != len(want) {
		t.Fatalf("Events: %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("Events: %v, want %v", order, want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestCancelReleaseReclaim checks the other ways money leaves: cancel before acceptance
// (full refund), release by the SP when nothing is owed (escrow back, collateral back) and
// reclaim after the settle deadline (escrow plus the SP's collateral to the client).
func TestCancelReleaseReclaim(t *testing.T) {
	c := newChain(t)
	mp := c.m.Address
	l := newLedger(c, map[common.Address]string{c.sp.addr: "sp", c.client.addr: "client", mp: "contract"})

	req := request()
	escrow := req.Escrow()
	rcpt := c.must(c.m.CreateOrder(c.ctx, c.client.opts, req))
	l.step("create", c.client.addr, rcpt, map[common.Address]*big.Int{c.client.addr: neg(escrow), mp: escrow})
	rcpt = c.must(c.m.CancelOrder(c.ctx, c.client.opts, req.ID))
	l.step("cancel", c.client.addr, rcpt, nil)
	c.wantEvents("cancel", rcpt, "OrderCancelled")
	c.state(req.ID, contracts.StateCancelled)
	c.credits("cancel", map[common.Address]*big.Int{c.client.addr: escrow})
	rcpt = c.must(c.m.Withdraw(c.ctx, c.client.opts))
	l.step("withdraw refund", c.client.addr, rcpt, map[common.Address]*big.Int{c.client.addr: escrow, mp: neg(escrow)})

	// The SP declines an order: the client's escrow comes back at once, with the reason.
	req = request()
	escrow = req.Escrow()
	rcpt = c.must(c.m.CreateOrder(c.ctx, c.client.opts, req))
	l.step("create rejected", c.client.addr, rcpt, map[common.Address]*big.Int{c.client.addr: neg(escrow), mp: escrow})
	rcpt = c.must(c.m.RejectOrder(c.ctx, c.sp.opts, req.ID, "price below 1 FIL/h"))
	l.step("reject", c.sp.addr, rcpt, nil)
	c.wantEvents("reject", rcpt, "OrderRejected")
	evs, err := c.m.ReceiptEvents(rcpt)
	if err != nil {
		t.Fatal(err)
	}
	if got := evs[0].Value.(*bindings.MarketplaceOrderRejected); got.Reason != "price below 1 FIL/h" || got.Refund.Cmp(escrow) != 0 || got.Client != c.client.addr {
		t.Fatalf("OrderRejected = %+v", got)
	}
	c.state(req.ID, contracts.StateCancelled)
	c.credits("reject", map[common.Address]*big.Int{c.client.addr: escrow})
	rcpt = c.must(c.m.Withdraw(c.ctx, c.client.opts))
	l.step("withdraw rejected", c.client.addr, rcpt, map[common.Address]*big.Int{c.client.addr: escrow, mp: neg(escrow)})

	// The client terminates before signing any voucher: the SP cannot prove anything, so it
	// releases the order to get its collateral back and the client gets the whole escrow.
	req = request()
	escrow = req.Escrow()
	rcpt = c.must(c.m.CreateOrder(c.ctx, c.client.opts, req))
	l.step("create r", c.client.addr, rcpt, map[common.Address]*big.Int{c.client.addr: neg(escrow), mp: escrow})
	rcpt = c.must(c.m.AcceptOrder(c.ctx, c.sp.opts, req.ID, minCollateral))
	l.step("accept r", c.sp.addr, rcpt, map[common.Address]*big.Int{c.sp.addr: neg(minCollateral), mp: minCollateral})
	rcpt = c.must(c.m.Terminate(c.ctx, c.client.opts, req.ID))
	l.step("terminate r", c.client.addr, rcpt, nil)
	rcpt = c.must(c.m.Release(c.ctx, c.sp.opts, req.ID, "terminated by the client on chain"))
	l.step("release", c.sp.addr, rcpt, nil)
	c.wantEvents("release", rcpt, "OrderReleased")
	evs, err = c.m.ReceiptEvents(rcpt)
	if err != nil {
		t.Fatal(err)
	}
	if got := evs[0].Value.(*bindings.MarketplaceOrderReleased); got.Reason != "terminated by the client on chain" || got.Refund.Cmp(escrow) != 0 || got.Client != c.client.addr {
		t.Fatalf("OrderReleased = %+v", got)
	}
	if o := c.state(req.ID, contracts.StateSettled); o.Paid.Sign() != 0 {
		t.Fatalf("released order paid %s", o.Paid)
	}
	c.credits("release", map[common.Address]*big.Int{c.client.addr: escrow, c.sp.addr: minCollateral})
	rcpt = c.must(c.m.Withdraw(c.ctx, c.sp.opts))
	l.step("withdraw collateral", c.sp.addr, rcpt, map[common.Address]*big.Int{c.sp.addr: minCollateral, mp: neg(minCollateral)})
	rcpt = c.must(c.m.Withdraw(c.ctx, c.client.opts))
	l.step("withdraw release", c.client.addr, rcpt, map[common.Address]*big.Int{c.client.addr: escrow, mp: neg(escrow)})
	// A released lease paid nothing: there is nothing to rate.
	if _, err := c.m.Rate(c.ctx, c.client.opts, req.ID, 3); !errors.Is(err, contracts.ErrRatingUnpaid) {
		t.Fatalf("rating a released order: %v, want ErrRatingUnpaid", err)
	}

	// The SP accepts and starts, then never settles: after end + window the client takes all.
	req = request()
	escrow = req.Escrow()
	rcpt = c.must(c.m.CreateOrder(c.ctx, c.client.opts, req))
	l.step("create 2", c.client.addr, rcpt, map[common.Address]*big.Int{c.client.addr: neg(escrow), mp: escrow})
	rcpt = c.must(c.m.AcceptOrder(c.ctx, c.sp.opts, req.ID, minCollateral))
	l.step("accept 2", c.sp.addr, rcpt, map[common.Address]*big.Int{c.sp.addr: neg(minCollateral), mp: minCollateral})
	rcpt = c.must(c.m.StartLease(c.ctx, c.sp.opts, req.ID, "sp1.example:2222"))
	l.step("start 2", c.sp.addr, rcpt, nil)
	c.advance(time.Duration(req.Duration)*time.Second + testSettleWindow + time.Second)
	rcpt = c.must(c.m.Reclaim(c.ctx, c.client.opts, req.ID))
	l.step("reclaim", c.client.addr, rcpt, nil)
	c.wantEvents("reclaim", rcpt, "OrderReclaimed")
	c.state(req.ID, contracts.StateReclaimed)
	all := new(big.Int).Add(escrow, minCollateral)
	c.credits("reclaim", map[common.Address]*big.Int{c.client.addr: all, c.sp.addr: new(big.Int)})
	rcpt = c.must(c.m.Withdraw(c.ctx, c.client.opts))
	l.step("withdraw reclaim", c.client.addr, rcpt, map[common.Address]*big.Int{c.client.addr: all, mp: neg(all)})
	// A client whose SP vanished can still say so.
	c.must(c.m.Rate(c.ctx, c.client.opts, req.ID, 1))
	if b := c.balance(mp); b.Sign() != 0 {
		t.Fatalf("contract keeps %s attoFIL", b)
	}
}

// TestSettleBatchSizes settles a full batch of K leases and padded batches of fewer, checking
// the commitment the contract hands the verifier, the state and the credits of every lease.
func TestSettleBatchSizes(t *testing.T) {
	for _, n := range []int{testK, 3, 1} {
		t.Run(big.NewInt(int64(n)).String(), func(t *testing.T) {
			c := newChain(t)
			var ids [][32]byte
			var amounts, escrows, wantPaid []*big.Int
			paid, refunds := new(big.Int), new(big.Int)
			for i := 0; i < n; i++ {
				req := request()
				// Mix the states a settled lease can come from.
				if i%3 == 2 {
					c.accepted(req)
				} else {
					c.running(req)
				}
				amount := new(big.Int).Div(req.Escrow(), big.NewInt(int64(i+2)))
				if i == 0 {
					amount = req.Escrow() // the whole escrow is a valid payment
				}
				ids, amounts, escrows = append(ids, req.ID), append(amounts, amount), append(escrows, req.Escrow())
			}
			// Past every lease's hour, within the settle window: a lease that ran is owed its
			// whole voucher, one that never started nothing.
			c.advance(time.Hour + time.Minute)
			for i, id := range ids {
				want := amounts[i]
				switch i % 3 {
				case 0:
					c.must(c.m.Terminate(c.ctx, c.client.opts, id))
				case 2:
					want = new(big.Int)
				}
				wantPaid = append(wantPaid, want)
				paid.Add(paid, want)
				refunds.Add(refunds, new(big.Int).Sub(escrows[i], want))
			}
			commitment, err := contracts.BatchCommitment(testK, ids, amounts)
			must(t, err)
			c.mockTx(func(o *bind.TransactOpts) (*types.Transaction, error) { return c.verifier.ExpectInput(o, commitment) })
			rcpt := c.must(c.m.SettleBatch(c.ctx, c.sp.opts, ids, amounts, []byte("proof")))
			names := c.eventNames(rcpt)
			if len(names) != n+1 || names[n] != "BatchSettled" {
				t.Fatalf("events %v", names)
			}
			for i, id := range ids {
				if o := c.state(id, contracts.StateSettled); o.Paid.Cmp(wantPaid[i]) != 0 {
					t.Fatalf("lease %d paid %s, want %s", i, o.Paid, wantPaid[i])
				}
			}
			collateral := new(big.Int).Mul(minCollateral, big.NewInt(int64(n)))
			c.credits("settled", map[common.Address]*big.Int{
				c.sp.addr:     new(big.Int).Add(paid, collateral),
				c.client.addr: refunds,
			})
			t.Logf("settleBatch of %d/%d leases: %d gas", n, testK, rcpt.GasUsed)
		})
	}
}

// TestMinedRevertReplayed sends a doomed transaction with a fixed gas limit, so it skips gas
// estimation and is mined as a revert; the typed error must still come back.
func TestMinedRevertReplayed(t *testing.T) {
	c := newChain(t)
	id := c.accepted(request())
	opts := *c.client.opts
	opts.GasLimit = 200_000
	rcpt, err := c.m.CancelOrder(c.ctx, &opts, id)
	if !errors.Is(err, contracts.ErrWrongState) {
		t.Fatalf("err = %v, want ErrWrongState", err)
	}
	if rcpt == nil || rcpt.Status != types.ReceiptStatusFailed {
		t.Fatalf("want the failed receipt back, got %+v", rcpt)
	}
}
