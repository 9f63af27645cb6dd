package contracts_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
)

// costOf is the order's price for secs seconds, rounded up: ceil(priceAmount × secs / pricePeriod),
// computed here by hand so the tests do not trust the code they test.
func costOf(o contracts.Order, secs int64) *big.Int {
	num := new(big.Int).Mul(o.PriceAmount, big.NewInt(secs))
	q, r := new(big.Int).QuoRem(num, new(big.Int).SetUint64(o.PricePeriod), new(big.Int))
	if r.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

// voucherFor is the amount a client's payer signs after secs seconds with prepay ahead: the
// price of secs + prepay, never more than the escrow.
func voucherFor(o contracts.Order, secs int64, prepay time.Duration) *big.Int {
	v := costOf(o, secs+int64(prepay/time.Second))
	if v.Cmp(o.Escrow) > 0 {
		v.Set(o.Escrow)
	}
	return v
}

// TestAttackChargeUnusedPrepay: a provider settles the last voucher of a lease its client
// terminated early; that voucher prepaid `prepay` beyond the time used. The contract pays the
// provider exactly the time the lease ran on chain (startedAt to the terminate's endTime) at
// the order's price, rounded up, and credits the client with the rest of its escrow. A lease
// terminated before it started pays nothing; one that ran to its end pays its whole voucher;
// a voucher below the time run is paid as it is.
func TestAttackChargeUnusedPrepay(t *testing.T) {
	const prepay = 10 * time.Minute
	cases := []struct {
		name string
		// run sets the lease up on c and returns the amount its final voucher proves.
		run func(c *chain, id [32]byte) *big.Int
		// want is the payout, from the on-chain order just before settlement.
		want func(o contracts.Order, voucher *big.Int) *big.Int
	}{
		{"terminated after 20m7s, voucher 10 minutes ahead", func(c *chain, id [32]byte) *big.Int {
			c.must(c.m.StartLease(c.ctx, c.sp.opts, id, "sp1.example:2222"))
			c.advance(20*time.Minute + 7*time.Second)
			c.must(c.m.Terminate(c.ctx, c.client.opts, id))
			o := c.state(id, contracts.StateTerminated)
			return voucherFor(o, o.EndTime.Unix()-o.StartedAt.Unix(), prepay)
		}, func(o contracts.Order, _ *big.Int) *big.Int {
			return costOf(o, o.EndTime.Unix()-o.StartedAt.Unix())
		}},
		{"terminated after 2 minutes, voucher for the whole escrow", func(c *chain, id [32]byte) *big.Int {
			c.must(c.m.StartLease(c.ctx, c.sp.opts, id, "sp1.example:2222"))
			c.advance(2 * time.Minute)
			c.must(c.m.Terminate(c.ctx, c.client.opts, id))
			return c.state(id, contracts.StateTerminated).Escrow
		}, func(o contracts.Order, _ *big.Int) *big.Int {
			return costOf(o, o.EndTime.Unix()-o.StartedAt.Unix())
		}},
		{"terminated before it started", func(c *chain, id [32]byte) *big.Int {
			c.advance(5 * time.Minute)
			c.must(c.m.Terminate(c.ctx, c.client.opts, id))
			return new(big.Int).Div(c.state(id, contracts.StateTerminated).Escrow, big.NewInt(2))
		}, func(contracts.Order, *big.Int) *big.Int { return new(big.Int) }},
		{"ran to its end", func(c *chain, id [32]byte) *big.Int {
			c.must(c.m.StartLease(c.ctx, c.sp.opts, id, "sp1.example:2222"))
			c.advance(time.Hour + time.Minute)
			return c.state(id, contracts.StateRunning).Escrow
		}, func(_ contracts.Order, voucher *big.Int) *big.Int { return voucher }},
		{"terminated with a voucher below the time run", func(c *chain, id [32]byte) *big.Int {
			c.must(c.m.StartLease(c.ctx, c.sp.opts, id, "sp1.example:2222"))
			c.advance(30 * time.Minute)
			c.must(c.m.Terminate(c.ctx, c.client.opts, id))
			return costOf(c.state(id, contracts.StateTerminated), 20*60)
		}, func(_ contracts.Order, voucher *big.Int) *big.Int { return voucher }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			id := c.accepted(request())
			amount := tc.run(c, id)
			before, err := c.m.Order(c.ctx, id)
			must(t, err)
			want := tc.want(before, amount)
			if want.Cmp(amount) > 0 {
				t.Fatalf("test bug: payout %s above the voucher %s", want, amount)
			}

			rcpt := c.must(c.m.SettleBatch(c.ctx, c.sp.opts, [][32]byte{id}, []*big.Int{amount}, []byte("proof")))
			o := c.state(id, contracts.StateSettled)
			if o.Paid.Cmp(want) != 0 {
				t.Errorf("paid %s for a voucher of %s, want %s (started %v, ended %v)", o.Paid, amount, want, before.StartedAt, before.EndTime)
			}
			refund := new(big.Int).Sub(o.Escrow, want)
			c.credits("settled", map[common.Address]*big.Int{
				c.sp.addr:     new(big.Int).Add(want, o.Collateral),
				c.client.addr: refund,
			})
			evs, err := c.m.ReceiptEvents(rcpt)
			must(t, err)
			s, ok := evs[0].Value.(*bindings.MarketplaceOrderSettled)
			if !ok || s.Paid.Cmp(want) != 0 || s.Refund.Cmp(refund) != 0 {
				t.Errorf("OrderSettled %+v, want paid %s refund %s", evs[0].Value, want, refund)
			}
		})
	}
}

// TestEarnedMirrorsTheContract: the Go mirror of the cap (Order.Earned) agrees with the
// contract's earned() for accepted, running, terminated and expired leases.
func TestEarnedMirrorsTheContract(t *testing.T) {
	c := newChain(t)
	accepted := c.accepted(request())
	running := c.running(request())
	terminated := c.running(request())
	expired := c.running(request())
	odd := request() // a price that does not divide: rounding shows
	odd.PriceAmount, odd.PricePeriod = big.NewInt(1e16+7), 7
	oddID := c.running(odd)
	c.advance(13*time.Minute + 3*time.Second)
	c.must(c.m.Terminate(c.ctx, c.client.opts, terminated))
	c.advance(50 * time.Minute)
	head, err := c.backend.HeaderByNumber(c.ctx, nil)
	must(t, err)
	now := time.Unix(int64(head.Time), 0)
	for name, id := range map[string][32]byte{"accepted": accepted, "running": running, "terminated": terminated, "expired": expired, "odd price": oddID} {
		o, err := c.m.Order(c.ctx, id)
		must(t, err)
		got, err := c.m.Earned(c.ctx, id)
		must(t, err)
		if want := o.Earned(now); got.Cmp(want) != 0 {
			t.Errorf("%s: earned() = %s, Order.Earned = %s", name, got, want)
		}
	}
	if e, _ := c.m.Earned(c.ctx, accepted); e.Sign() != 0 {
		t.Errorf("a lease that never started earned %s", e)
	}
	if e, _ := c.m.Earned(c.ctx, expired); e.Cmp(request().Escrow()) != 0 {
		t.Errorf("a lease past its end earned %s, want its escrow", e)
	}
}
