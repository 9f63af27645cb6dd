package testsupport

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
)

// HeaderReader reads block headers: a simulated chain's Backend, or geth's Client.
type HeaderReader interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// FairPay is what settling order id with a voucher for amount must have paid its provider
// under the marketplace's rule: min(amount, the order's price for the time it ran, from its
// start to its on-chain end or, while it ran, the block of its OrderSettled). It also returns
// the time the cap was taken at. t fails when the order has no OrderSettled event.
func FairPay(ctx context.Context, t testing.TB, m *contracts.Marketplace, headers HeaderReader, id [32]byte, amount *big.Int) (*big.Int, time.Time) {
	t.Helper()
	evs, err := m.Events(ctx, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		s, ok := ev.Value.(*bindings.MarketplaceOrderSettled)
		if !ok || s.OrderId != id {
			continue
		}
		h, err := headers.HeaderByNumber(ctx, new(big.Int).SetUint64(ev.Log.BlockNumber))
		if err != nil {
			t.Fatal(err)
		}
		o, err := m.Order(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Unix(int64(h.Time), 0).UTC()
		want := o.Earned(at)
		if amount.Cmp(want) < 0 {
			want = new(big.Int).Set(amount)
		}
		return want, at
	}
	t.Fatalf("order %x has no OrderSettled event", id[:4])
	return nil, time.Time{}
}
