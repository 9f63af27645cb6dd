package contracts_test

import (
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
)

// TestReverts drives every revert path and checks that it surfaces as its Go sentinel.
// Each case gets a fresh chain; setup brings an order to the needed state and returns the
// failing call.
func TestReverts(t *testing.T) {
	type call func(c *chain) error
	wrap := func(_ *types.Receipt, err error) error { return err }
	cases := []struct {
		name string
		want error
		run  call
	}{
		// registry
		{"register twice", contracts.ErrAlreadyRegistered, func(c *chain) error {
			return wrap(c.m.RegisterProvider(c.ctx, c.sp.opts, "f09999", "x:1", [32]byte{}, ""))
		}},
		{"register taken miner id", contracts.ErrMinerIDTaken, func(c *chain) error {
			return wrap(c.m.RegisterProvider(c.ctx, c.client.opts, "f01000", "x:1", [32]byte{}, ""))
		}},
		{"register empty miner id", contracts.ErrInvalidRegistration, func(c *chain) error {
			return wrap(c.m.RegisterProvider(c.ctx, c.client.opts, "", "x:1", [32]byte{}, ""))
		}},
		{"update unregistered", contracts.ErrNotRegistered, func(c *chain) error {
			return wrap(c.m.UpdateProvider(c.ctx, c.client.opts, "x:1", [32]byte{}, ""))
		}},
		{"announce unregistered", contracts.ErrNotRegistered, func(c *chain) error {
			return wrap(c.m.AnnounceDatasets(c.ctx, c.client.opts, "bafy"))
		}},

		// createOrder
		{"zero order id", contracts.ErrZeroOrderID, func(c *chain) error {
			r := request()
			r.ID = [32]byte{}
			return wrap(c.m.CreateOrder(c.ctx, c.client.opts, r))
		}},
		{"duplicate order id", contracts.ErrOrderExists, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			return wrap(c.m.CreateOrder(c.ctx, c.client.opts, r))
		}},
		{"order id squatted by another client", contracts.ErrOrderExists, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			return wrap(c.m.CreateOrder(c.ctx, c.client2.opts, r))
		}},
		{"reuse of a cancelled id", contracts.ErrOrderExists, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			c.must(c.m.CancelOrder(c.ctx, c.client.opts, r.ID))
			return wrap(c.m.CreateOrder(c.ctx, c.client.opts, r))
		}},
		{"unknown provider", contracts.ErrUnknownProvider, func(c *chain) error {
			r := request()
			r.Provider = "f0404"
			return wrap(c.m.CreateOrder(c.ctx, c.client.opts, r))
		}},
		{"zero period", contracts.ErrInvalidTerms, func(c *chain) error {
			r := request()
			r.PricePeriod = 0
			return wrap(c.m.CreateOrder(c.ctx, c.client.opts, r))
		}},
		{"escrow rounds to zero", contracts.ErrInvalidTerms, func(c *chain) error {
			r := request()
			r.PriceAmount, r.PricePeriod, r.Duration = big.NewInt(1), 60, 59
			return wrap(c.m.CreateOrder(c.ctx, c.client.opts, r))
		}},
		{"escrow one attoFIL short", contracts.ErrEscrowMismatch, func(c *chain) error {
			return createWithValue(c, request(), -1)
		}},
		{"escrow one attoFIL over", contracts.ErrEscrowMismatch, func(c *chain) error {
			return createWithValue(c, request(), +1)
		}},

		// cancel, accept, start, terminate
		{"cancel by another client", contracts.ErrNotClient, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			return wrap(c.m.CancelOrder(c.ctx, c.client2.opts, r.ID))
		}},
		{"cancel after accept", contracts.ErrWrongState, func(c *chain) error {
			return wrap(c.m.CancelOrder(c.ctx, c.client.opts, c.accepted(request())))
		}},
		{"cancel unknown order", contracts.ErrUnknownOrder, func(c *chain) error {
			return wrap(c.m.CancelOrder(c.ctx, c.client.opts, [32]byte{0xde, 0xad}))
		}},
		{"reject another SP's order", contracts.ErrNotProvider, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			return wrap(c.m.RejectOrder(c.ctx, c.sp2.opts, r.ID, "no"))
		}},
		{"reject after accept", contracts.ErrWrongState, func(c *chain) error {
			return wrap(c.m.RejectOrder(c.ctx, c.sp.opts, c.accepted(request()), "no"))
		}},
		{"reject with a reason one byte too long", contracts.ErrReasonTooLong, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			return wrap(c.m.RejectOrder(c.ctx, c.sp.opts, r.ID, strings.Repeat("x", contracts.MaxReasonBytes+1)))
		}},
		{"accept another SP's order", contracts.ErrNotProvider, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			return wrap(c.m.AcceptOrder(c.ctx, c.sp2.opts, r.ID, minCollateral))
		}},
		{"accept twice", contracts.ErrWrongState, func(c *chain) error {
			return wrap(c.m.AcceptOrder(c.ctx, c.sp.opts, c.accepted(request()), minCollateral))
		}},
		{"accept cancelled", contracts.ErrWrongState, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			c.must(c.m.CancelOrder(c.ctx, c.client.opts, r.ID))
			return wrap(c.m.AcceptOrder(c.ctx, c.sp.opts, r.ID, minCollateral))
		}},
		{"accept with too little collateral", contracts.ErrInsufficientCollateral, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			return wrap(c.m.AcceptOrder(c.ctx, c.sp.opts, r.ID, new(big.Int).Sub(minCollateral, big.NewInt(1))))
		}},
		{"start by the client", contracts.ErrNotProvider, func(c *chain) error {
			return wrap(c.m.StartLease(c.ctx, c.client.opts, c.accepted(request()), "x:1"))
		}},
		{"start before accept", contracts.ErrWrongState, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			return wrap(c.m.StartLease(c.ctx, c.sp.opts, r.ID, "x:1"))
		}},
		{"start twice", contracts.ErrWrongState, func(c *chain) error {
			return wrap(c.m.StartLease(c.ctx, c.sp.opts, c.running(request()), "x:1"))
		}},
		{"terminate by the SP", contracts.ErrNotClient, func(c *chain) error {
			return wrap(c.m.Terminate(c.ctx, c.sp.opts, c.running(request())))
		}},
		{"terminate before accept", contracts.ErrWrongState, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			return wrap(c.m.Terminate(c.ctx, c.client.opts, r.ID))
		}},
		{"terminate twice", contracts.ErrWrongState, func(c *chain) error {
			id := c.running(request())
			c.must(c.m.Terminate(c.ctx, c.client.opts, id))
			return wrap(c.m.Terminate(c.ctx, c.client.opts, id))
		}},

		// settleBatch
		{"amount exceeds escrow", contracts.ErrEscrowExceeded, func(c *chain) error {
			r := request()
			id := c.running(r)
			return settle(c, c.sp, [][32]byte{id}, new(big.Int).Add(r.Escrow(), big.NewInt(1)))
		}},
		{"bad proof", contracts.ErrInvalidProof, func(c *chain) error {
			id := c.running(request())
			c.mockTx(func(o *bind.TransactOpts) (*types.Transaction, error) { return c.verifier.SetAccept(o, false) })
			return settle(c, c.sp, [][32]byte{id}, big.NewInt(1))
		}},
		{"proof for other amounts", contracts.ErrInvalidProof, func(c *chain) error {
			id := c.running(request())
			commitment, err := contracts.BatchCommitment(testK, [][32]byte{id}, []*big.Int{big.NewInt(1)})
			must(c.t, err)
			c.mockTx(func(o *bind.TransactOpts) (*types.Transaction, error) { return c.verifier.ExpectInput(o, commitment) })
			return settle(c, c.sp, [][32]byte{id}, big.NewInt(2))
		}},
		{"double settle", contracts.ErrAlreadySettled, func(c *chain) error {
			id := c.running(request())
			must(c.t, settle(c, c.sp, [][32]byte{id}, big.NewInt(1)))
			return settle(c, c.sp, [][32]byte{id}, big.NewInt(1))
		}},
		{"same order twice in a batch", contracts.ErrAlreadySettled, func(c *chain) error {
			id := c.running(request())
			return settle(c, c.sp, [][32]byte{id, id}, big.NewInt(1))
		}},
		{"another SP's order", contracts.ErrNotProvider, func(c *chain) error {
			mine, theirs := c.running(request()), request()
			theirs.Provider = "f02000"
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, theirs))
			c.must(c.m.AcceptOrder(c.ctx, c.sp2.opts, theirs.ID, minCollateral))
			return settle(c, c.sp, [][32]byte{mine, theirs.ID}, big.NewInt(1))
		}},
		{"settle a padding slot", contracts.ErrUnknownOrder, func(c *chain) error {
			return settle(c, c.sp, [][32]byte{c.running(request()), {}}, big.NewInt(0))
		}},
		{"settle an order not accepted", contracts.ErrWrongState, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			// The SP is the target, so only the state is wrong.
			return settle(c, c.sp, [][32]byte{r.ID}, big.NewInt(0))
		}},
		{"settle after the deadline", contracts.ErrDeadlinePassed, func(c *chain) error {
			id := c.running(request())
			c.advance(time.Hour + testSettleWindow + time.Minute)
			return settle(c, c.sp, [][32]byte{id}, big.NewInt(1))
		}},
		{"batch larger than K", contracts.ErrBadBatch, func(c *chain) error {
			var ids [][32]byte
			for i := 0; i <= testK; i++ {
				ids = append(ids, c.running(request()))
			}
			return settle(c, c.sp, ids, big.NewInt(1))
		}},
		{"empty batch", contracts.ErrBadBatch, func(c *chain) error {
			return settle(c, c.sp, nil, nil)
		}},
		{"ids and amounts differ in length", contracts.ErrBadBatch, func(c *chain) error {
			id := c.running(request())
			return wrap(c.m.SettleBatch(c.ctx, c.sp.opts, [][32]byte{id}, []*big.Int{big.NewInt(1), big.NewInt(1)}, nil))
		}},

		// release
		{"release by the client", contracts.ErrNotProvider, func(c *chain) error {
			return wrap(c.m.Release(c.ctx, c.client.opts, c.running(request()), ""))
		}},
		{"release before accept", contracts.ErrWrongState, func(c *chain) error {
			r := request()
			c.must(c.m.CreateOrder(c.ctx, c.client.opts, r))
			return wrap(c.m.Release(c.ctx, c.sp.opts, r.ID, ""))
		}},
		{"release after settle", contracts.ErrAlreadySettled, func(c *chain) error {
			id := c.running(request())
			must(c.t, settle(c, c.sp, [][32]byte{id}, big.NewInt(1)))
			return wrap(c.m.Release(c.ctx, c.sp.opts, id, ""))
		}},
		{"release after the deadline", contracts.ErrDeadlinePassed, func(c *chain) error {
			id := c.running(request())
			c.advance(time.Hour + testSettleWindow + time.Minute)
			return wrap(c.m.Release(c.ctx, c.sp.opts, id, ""))
		}},
		{"release with a reason one byte too long", contracts.ErrReasonTooLong, func(c *chain) error {
			return wrap(c.m.Release(c.ctx, c.sp.opts, c.running(request()), strings.Repeat("x", contracts.MaxReasonBytes+1)))
		}},
		{"settle a released order", contracts.ErrAlreadySettled, func(c *chain) error {
			id := c.running(request())
			c.must(c.m.Release(c.ctx, c.sp.opts, id, ""))
			return settle(c, c.sp, [][32]byte{id}, big.NewInt(1))
		}},

		// reclaim, rate, withdraw
		{"reclaim too early", contracts.ErrTooEarly, func(c *chain) error {
			id := c.running(request())
			c.must(c.m.Terminate(c.ctx, c.client.opts, id))
			c.advance(testSettleWindow - time.Minute)
			return wrap(c.m.Reclaim(c.ctx, c.client.opts, id))
		}},
		{"reclaim by another client", contracts.ErrNotClient, func(c *chain) error {
			id := c.running(request())
			c.advance(2*time.Hour + testSettleWindow)
			return wrap(c.m.Reclaim(c.ctx, c.client2.opts, id))
		}},
		{"reclaim a settled order", contracts.ErrWrongState, func(c *chain) error {
			id := c.running(request())
			must(c.t, settle(c, c.sp, [][32]byte{id}, big.NewInt(1)))
			c.advance(2*time.Hour + testSettleWindow)
			return wrap(c.m.Reclaim(c.ctx, c.client.opts, id))
		}},
		{"rate before settlement", contracts.ErrWrongState, func(c *chain) error {
			return wrap(c.m.Rate(c.ctx, c.client.opts, c.running(request()), 5))
		}},
		{"rate twice", contracts.ErrAlreadyRated, func(c *chain) error {
			id := c.running(request())
			c.advance(2 * time.Minute)                                   // settlement pays at most the time run
			must(c.t, settle(c, c.sp, [][32]byte{id}, big.NewInt(1e16))) // a minute at 1e16/60 s: enough to rate
			c.must(c.m.Rate(c.ctx, c.client.opts, id, 5))
			return wrap(c.m.Rate(c.ctx, c.client.opts, id, 1))
		}},
		{"rate by the SP", contracts.ErrNotClient, func(c *chain) error {
			id := c.running(request())
			must(c.t, settle(c, c.sp, [][32]byte{id}, big.NewInt(1)))
			return wrap(c.m.Rate(c.ctx, c.sp.opts, id, 5))
		}},
		{"rate zero", contracts.ErrInvalidScore, func(c *chain) error {
			id := c.running(request())
			must(c.t, settle(c, c.sp, [][32]byte{id}, big.NewInt(1)))
			return wrap(c.m.Rate(c.ctx, c.client.opts, id, 0))
		}},
		{"rate six", contracts.ErrInvalidScore, func(c *chain) error {
			id := c.running(request())
			must(c.t, settle(c, c.sp, [][32]byte{id}, big.NewInt(1)))
			return wrap(c.m.Rate(c.ctx, c.client.opts, id, 6))
		}},
		{"withdraw nothing", contracts.ErrNothingToWithdraw, func(c *chain) error {
			return wrap(c.m.Withdraw(c.ctx, c.client.opts))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			err := tc.run(c)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var re *contracts.RevertError
			if !errors.As(err, &re) || re.Name == "" {
				t.Fatalf("err = %v is not a decoded revert", err)
			}
		})
	}
}

// settle settles ids, each for amount, as sp.
func settle(c *chain, sp account, ids [][32]byte, amount *big.Int) error {
	amounts := make([]*big.Int, len(ids))
	for i := range amounts {
		amounts[i] = amount
	}
	_, err := c.m.SettleBatch(c.ctx, sp.opts, ids, amounts, []byte("proof"))
	return err
}

// createWithValue sends createOrder with the escrow off by delta attoFIL, through the raw
// binding because the typed API always sends the exact escrow.
func createWithValue(c *chain, r contracts.OrderRequest, delta int64) error {
	b, err := bindingsFor(c)
	if err != nil {
		return err
	}
	o := *c.client.opts
	o.Value = new(big.Int).Add(r.Escrow(), big.NewInt(delta))
	_, err = b.CreateOrder(&o, r.ID, r.Provider, r.Nonce, r.PaymentKey, r.PriceAmount, r.PricePeriod, r.Duration, r.Spec)
	return contracts.DecodeError(err)
}

// The Go bound is the contract's, and a reason cut by TruncateReason always fits on chain: the
// longest accepted reason goes through and reaches the event intact, still valid UTF-8.
func TestReasonBound(t *testing.T) {
	c := newChain(t)
	b, err := bindingsFor(c)
	if err != nil {
		t.Fatal(err)
	}
	onChain, err := b.MAXREASONBYTES(&bind.CallOpts{Context: c.ctx})
	if err != nil {
		t.Fatal(err)
	}
	if onChain.Cmp(big.NewInt(contracts.MaxReasonBytes)) != 0 {
		t.Fatalf("MAX_REASON_BYTES = %s on chain, contracts.MaxReasonBytes = %d", onChain, contracts.MaxReasonBytes)
	}
	// Three-byte runes, so the cut falls inside one unless TruncateReason backs off.
	long := "deal data failed verification: " + strings.Repeat("€", contracts.MaxReasonBytes)
	reason := contracts.TruncateReason(long)
	rcpt := c.must(c.m.Release(c.ctx, c.sp.opts, c.running(request()), reason))
	evs, err := c.m.ReceiptEvents(rcpt)
	if err != nil {
		t.Fatal(err)
	}
	got := evs[0].Value.(*bindings.MarketplaceOrderReleased).Reason
	if got != reason || len(got) > contracts.MaxReasonBytes || !utf8.ValidString(got) || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Fatalf("released with reason of %d bytes (valid UTF-8: %v), want the %d-byte truncation", len(got), utf8.ValidString(got), len(reason))
	}
}
