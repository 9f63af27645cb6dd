package bridge_test

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/outbox"
)

// A base fee above the operator's maximum fee holds the bridge's transactions back: nothing
// is accepted, /healthz says what to do and /readyz fails, and the order waits, not lost.
func TestFeeAboveMaximumIsReported(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	head, err := e.chain.Backend.HeaderByNumber(e.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A hundredth of the base fee: empty blocks lower it 12.5% each, so it stays above for ~35 s.
	low := new(big.Int).Div(head.BaseFee, big.NewInt(100))
	r := e.start(func(s *bridge.Store) bridge.Chain {
		c, err := bridge.NewOnChain(e.ctx, e.chain.Market, e.chain.Sim.Client(), e.sp.Opts, s, outbox.Options{Confirmations: 1, MaxFeeCap: low})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}, nil, nil)
	o := e.order(e.newClient(), spec(t, "fee-cap"))
	testsupport.Eventually(t, time.Minute, "/healthz reports the fee cap", func() error {
		rep := r.b.Report()
		if !rep.Transactions.Blocked || !strings.Contains(strings.Join(rep.Transactions.Problems, "\n"), "raise the maximum fee") {
			return fmt.Errorf("transactions %+v", rep.Transactions)
		}
		if rep.Ready {
			return errors.New("ready while transactions are held back")
		}
		return nil
	})
	rec, err := r.store.Get(o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.State != bridge.Accepting {
		t.Fatalf("order in %s, want still accepting", rec.State)
	}
	countEvents(t, e, o.ID, map[string]int{"OrderAccepted": 0})
}
