package contracts_test

import (
	"errors"
	"math/big"
	"math/rand"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/shaleprotocol/shale/contracts"
)

// TestSolvencyUnderRandomActions applies a seeded random sequence of every operation, by
// the right or the wrong party, and after each step checks the accounting invariant:
//
//	contract balance = Σ withdrawable credits + Σ escrow and collateral of open orders
//
// that no settled lease paid more than its escrow, and that none paid more than its cap: the
// order's price for the time it ran on chain (start to the terminate's end, or to the
// settlement while it ran), 0 if it never started. A settlement pays exactly
// min(amount, cap). Failed calls must be typed reverts.
func TestSolvencyUnderRandomActions(t *testing.T) {
	c := newChain(t)
	rng := rand.New(rand.NewSource(6))
	clients := []account{c.client, c.client2}
	sps := map[string]account{"f01000": c.sp, "f02000": c.sp2}
	everyone := []common.Address{c.client.addr, c.client2.addr, c.sp.addr, c.sp2.addr}
	type lease struct {
		req    contracts.OrderRequest
		client account
		sp     account
	}
	var leases []lease
	// caps holds, per settled order, the cap computed by hand at its settlement.
	caps := map[[32]byte]*big.Int{}
	clamped := 0 // settlements whose amount exceeded the cap
	// settle settles one lease and, when it succeeds, checks the payout against the cap.
	settle := func(step int, l lease, amount *big.Int) error {
		pre, err := c.m.Order(c.ctx, l.req.ID)
		must(t, err)
		rcpt, err := c.m.SettleBatch(c.ctx, l.sp.opts, [][32]byte{l.req.ID}, []*big.Int{amount}, []byte("p"))
		if err != nil {
			return err
		}
		head, err := c.backend.HeaderByNumber(c.ctx, rcpt.BlockNumber)
		must(t, err)
		limit := new(big.Int)
		if !pre.StartedAt.IsZero() {
			end := min(pre.EndTime.Unix(), int64(head.Time))
			limit = costOf(pre, end-pre.StartedAt.Unix())
		}
		caps[l.req.ID] = limit
		want := amount
		if want.Cmp(limit) > 0 {
			want, clamped = limit, clamped+1
		}
		if o, err := c.m.Order(c.ctx, l.req.ID); err != nil || o.Paid.Cmp(want) != 0 {
			t.Fatalf("step %d: order %x settled for %s with cap %s paid %v (%v), want %s", step, l.req.ID[:2], amount, limit, o.Paid, err, want)
		}
		return nil
	}

	// pick mostly returns a lease in one of the given states, sometimes any lease, so both
	// the happy paths and the wrong-state reverts get exercised.
	pick := func(states ...contracts.OrderState) (lease, bool) {
		var fit []lease
		for _, l := range leases {
			o, err := c.m.Order(c.ctx, l.req.ID)
			must(t, err)
			for _, s := range states {
				if o.State == s {
					fit = append(fit, l)
				}
			}
		}
		if len(fit) == 0 || rng.Intn(5) == 0 {
			fit = leases
		}
		if len(fit) == 0 {
			return lease{}, false
		}
		return fit[rng.Intn(len(fit))], true
	}
	open := []contracts.OrderState{contracts.StateAccepted, contracts.StateRunning, contracts.StateTerminated}
	for step := 0; step < 250; step++ {
		var err error
		switch op := rng.Intn(10); op {
		case 1:
			if l, ok := pick(open...); ok { // settle within the escrow (case 5 may exceed it)
				err = settle(step, l, new(big.Int).Rand(rng, l.req.Escrow()))
			}
		case 0:
			r := request()
			if rng.Intn(2) == 0 {
				r.Provider = "f02000"
			}
			r.PriceAmount = big.NewInt(rng.Int63n(1e16) + 1)
			r.PricePeriod, r.Duration = uint64(rng.Intn(120)+1), uint64(rng.Intn(7200)+60)
			cl := clients[rng.Intn(2)]
			if _, err = c.m.CreateOrder(c.ctx, cl.opts, r); err == nil {
				leases = append(leases, lease{r, cl, sps[r.Provider]})
			}
		case 2:
			if l, ok := pick(contracts.StateCreated); ok {
				_, err = c.m.AcceptOrder(c.ctx, l.sp.opts, l.req.ID, new(big.Int).Add(minCollateral, big.NewInt(rng.Int63n(1e9))))
			}
		case 3:
			if l, ok := pick(contracts.StateAccepted); ok {
				_, err = c.m.StartLease(c.ctx, l.sp.opts, l.req.ID, "x:1")
			}
		case 4:
			if l, ok := pick(contracts.StateAccepted, contracts.StateRunning); ok {
				_, err = c.m.Terminate(c.ctx, l.client.opts, l.req.ID)
			}
		case 5:
			if l, ok := pick(open...); ok {
				amount := new(big.Int).Rand(rng, new(big.Int).Add(l.req.Escrow(), big.NewInt(2))) // sometimes escrow+1
				err = settle(step, l, amount)
			}
		case 6:
			if l, ok := pick(append(open, contracts.StateCreated)...); ok {
				if rng.Intn(2) == 0 {
					_, err = c.m.CancelOrder(c.ctx, l.client.opts, l.req.ID)
				} else {
					_, err = c.m.Release(c.ctx, l.sp.opts, l.req.ID, "")
				}
			}
		case 7:
			if l, ok := pick(open...); ok {
				_, err = c.m.Reclaim(c.ctx, l.client.opts, l.req.ID)
			}
		case 8:
			who := []account{c.client, c.client2, c.sp, c.sp2}[rng.Intn(4)]
			_, err = c.m.Withdraw(c.ctx, who.opts)
		case 9:
			c.advance(time.Duration(rng.Intn(2*3600)) * time.Second)
		}
		var re *contracts.RevertError
		if err != nil && !errors.As(err, &re) {
			t.Fatalf("step %d: untyped failure: %v", step, err)
		}

		held := new(big.Int)
		for _, a := range everyone {
			b, err := c.m.Balance(c.ctx, a)
			must(t, err)
			held.Add(held, b)
		}
		for _, l := range leases {
			o, err := c.m.Order(c.ctx, l.req.ID)
			must(t, err)
			switch o.State {
			case contracts.StateCreated:
				held.Add(held, o.Escrow)
			case contracts.StateAccepted, contracts.StateRunning, contracts.StateTerminated:
				held.Add(held, o.Escrow).Add(held, o.Collateral)
			case contracts.StateSettled:
				if o.Paid.Cmp(o.Escrow) > 0 {
					t.Fatalf("step %d: order %x paid %s > escrow %s", step, l.req.ID[:2], o.Paid, o.Escrow)
				}
				if limit, ok := caps[l.req.ID]; ok && o.Paid.Cmp(limit) > 0 {
					t.Fatalf("step %d: order %x paid %s > cap %s for the time it ran", step, l.req.ID[:2], o.Paid, limit)
				}
			}
		}
		if got := c.balance(c.m.Address); got.Cmp(held) != 0 {
			t.Fatalf("step %d: contract holds %s, owes %s", step, got, held)
		}
	}
	counts := map[contracts.OrderState]int{}
	for _, l := range leases {
		o, _ := c.m.Order(c.ctx, l.req.ID)
		counts[o.State]++
	}
	t.Logf("%d orders, final states %v, %d settlements clamped to the time run", len(leases), counts, clamped)
	if clamped == 0 {
		t.Error("no settlement asked for more than the time run: the sequence does not exercise the cap")
	}
}
