package bridge_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// While the prover's keys load, orders are accepted, run and collected; the collected lease
// waits (reported loudly, its deadline being near) and /readyz says why; once the keys
// arrive the waiting batch is proved and settled, exactly once.
func TestSettlementWaitsForProverKeys(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	store, err := bridge.OpenStore(e.state, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	keys := bridge.NewKeyLoader(4)
	opts := e.options()
	opts.SettleMargin = 2 * time.Hour // longer than the one-hour window: every lease is near its deadline
	b, err := bridge.New(opts, store, e.onChain(store, e.chain.Market, e.chain.Backend), e.cluster, keys, e.metrics)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	srv := httptest.NewServer(b.Handler(e.reg))
	t.Cleanup(srv.Close)
	health := func(path string) (int, bridge.HealthReport) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r bridge.HealthReport
		if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, r
	}
	keys.Progress("verifying pk.bin 40%")

	c := e.newClient()
	s := spec(t, "keys-loading")
	o := e.order(c, s)
	e.waitChain(o.ID, contracts.StateRunning, 3*time.Minute)
	rec := waitStore(t, &running{store: store}, o.ID, bridge.Running, time.Minute)
	cc := e.dial(c, s, o, rec.Endpoint)
	cc.paidAtLeast(1)
	cc.terminate()
	waitStore(t, &running{store: store}, o.ID, bridge.Collected, 2*time.Minute)

	// Rounds go on (liveness), the lease stays collected, and the deadline is reported.
	collectedAt := time.Now()
	testsupport.Eventually(t, time.Minute, "rounds after collection report the blocked settlement", func() error {
		code, r := health("/healthz")
		last, _ := time.Parse(time.RFC3339, r.LastRound)
		if code != http.StatusOK || !r.OK || !last.After(collectedAt.Add(time.Second)) {
			return fmt.Errorf("/healthz %d ok=%v last round %s", code, r.OK, r.LastRound)
		}
		if !slices.Contains(r.SettleBlocked, rec.Hex()) {
			return fmt.Errorf("settle_blocked %v", r.SettleBlocked)
		}
		return nil
	})
	if got, _ := store.Get(o.ID); got.State != bridge.Collected {
		t.Fatalf("order %s while the prover is loading, want collected", got.State)
	}
	if co, _ := e.chain.Market.Order(e.ctx, o.ID); co.State == contracts.StateSettled {
		t.Fatal("settled without a prover")
	}
	code, r := health("/readyz")
	if code != http.StatusServiceUnavailable || r.Ready || r.Prover.State != bridge.PartLoading ||
		r.Prover.Progress != "verifying pk.bin 40%" || r.Chain.State != bridge.PartOK || r.Nomad.State != bridge.PartOK {
		t.Fatalf("/readyz while loading: %d %+v", code, r)
	}
	if v := e.metric("shale_bridge_settle_blocked"); v != 1 {
		t.Fatalf("shale_bridge_settle_blocked = %v, want 1", v)
	}
	if _, _, err := keys.Prove(e.ctx, nil); !errors.Is(err, bridge.ErrProverNotReady) {
		t.Fatalf("Prove before the keys: %v", err)
	}

	// The keys arrive: the waiting lease settles, once.
	if err := keys.Ready(sharedProver(t)); err != nil {
		t.Fatal(err)
	}
	e.waitChain(o.ID, contracts.StateSettled, 3*time.Minute)
	waitStore(t, &running{store: store}, o.ID, bridge.Settled, time.Minute)
	testsupport.Eventually(t, time.Minute, "ready", func() error {
		if code, r := health("/readyz"); code != http.StatusOK || !r.Ready || len(r.SettleBlocked) != 0 {
			return fmt.Errorf("/readyz %d %+v", code, r)
		}
		return nil
	})
	countEvents(t, e, o.ID, map[string]int{"OrderSettled": 1})
}

// A loader refuses keys for another batch size and reports the failure; Prove says why.
func TestKeyLoaderWrongK(t *testing.T) {
	keys := bridge.NewKeyLoader(8)
	if err := keys.Ready(sharedProver(t)); err == nil {
		t.Fatal("K=4 prover accepted for batches of 8")
	}
	st := keys.Status()
	if st.State != bridge.PartFailed || st.Error != "prover keys are for batches of 4 but the marketplace settles batches of 8" {
		t.Fatalf("status %+v", st)
	}
	if _, _, err := keys.Prove(context.Background(), nil); !errors.Is(err, bridge.ErrProverNotReady) {
		t.Fatalf("Prove after a failed load: %v", err)
	}
	select {
	case <-keys.Loaded():
		t.Fatal("Loaded closed after a failure")
	default:
	}
}
