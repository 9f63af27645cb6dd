package contracts_test

import (
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/contracts"
)

// TestAttackRatingWithoutPaying: an order for a trifle (or one that paid nothing) buys no
// rating; a lease that paid for a minute (MIN_RATED_SECONDS) at its own price does. The provider's rating
// changes only for the latter.
func TestAttackRatingWithoutPaying(t *testing.T) {
	c := newChain(t)
	oneMinute := big.NewInt(1e16) // request(): 1e16 attoFIL per 60 s
	cases := []struct {
		name string
		paid *big.Int // settled amount; nil: released
		want error
	}{
		{"one attoFIL", big.NewInt(1), contracts.ErrRatingUnpaid},
		{"one attoFIL short of a minute", new(big.Int).Sub(oneMinute, big.NewInt(1)), contracts.ErrRatingUnpaid},
		{"released, paid nothing", nil, contracts.ErrRatingUnpaid},
		{"a minute", oneMinute, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c.t = t
			id := c.running(request())
			c.advance(2 * time.Minute) // settlement pays at most the time run: let a minute's pay through
			if tc.paid == nil {
				c.must(c.m.Release(c.ctx, c.sp.opts, id, "could not start"))
			} else {
				must(t, settle(c, c.sp, [][32]byte{id}, tc.paid))
			}
			before, err := c.m.ProviderByMiner(c.ctx, "f01000")
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.m.Rate(c.ctx, c.client.opts, id, 5)
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("rate: %v, want %v", err, tc.want)
			}
			after, err := c.m.ProviderByMiner(c.ctx, "f01000")
			if err != nil {
				t.Fatal(err)
			}
			counted := uint64(0)
			if tc.want == nil {
				counted = 1
			}
			if after.RatingCount != before.RatingCount+counted || after.RatingSum != before.RatingSum+5*counted {
				t.Fatalf("rating %d/%d after, %d/%d before", after.RatingSum, after.RatingCount, before.RatingSum, before.RatingCount)
			}
			if o, _ := c.m.Order(c.ctx, id); o.Rated != (tc.want == nil) {
				t.Fatalf("order rated = %v", o.Rated)
			}
		})
	}
}
