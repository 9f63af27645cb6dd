package bridge_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// supervisor runs the bridge the way systemd would: when it dies at a kill point it is
// started again on the same state file (the kill fires once).
type supervisor struct {
	crashes atomic.Int32
	// pendingAtCrash is how many of the provider's transactions were unmined at the crash.
	pendingAtCrash atomic.Uint64
	cancel         context.CancelFunc
	done           chan error
	mu             sync.Mutex
	store          *bridge.Store
}

func (e *env) supervise(point string) *supervisor {
	e.t.Helper()
	var fired atomic.Bool
	return e.superviseOn(e.chain.Backend, func(p string) error {
		if (p == point || (strings.HasSuffix(point, ":") && strings.HasPrefix(p, point))) && fired.CompareAndSwap(false, true) {
			return errors.New("simulated crash")
		}
		return nil
	})
}

// superviseInFlight crashes the bridge at the n-th time it reaches point, a point right after
// a transaction is sent, with that transaction still pending: block production is held from
// the first time the bridge reaches hold (a point before the send) until the crash, and the
// supervisor records whether the provider's account had transactions pending at the crash.
// The bridge sends through the chain's plain client, which does not mine each transaction.
func (e *env) superviseInFlight(hold, point string, n int) *supervisor {
	e.t.Helper()
	var (
		mu      sync.Mutex
		release func()
		reached int
		fired   bool
		s       *supervisor
	)
	e.t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if release != nil {
			release()
		}
	})
	s = e.superviseOn(e.chain.Sim.Client(), func(p string) error {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case fired:
		case p == hold && release == nil:
			release = e.chain.Hold()
		case p == point:
			if reached++; reached < n {
				return nil
			}
			fired = true
			// The pool takes a sent transaction in asynchronously; no block is mined meanwhile.
			deadline := time.Now().Add(10 * time.Second)
			for {
				mined, err1 := e.chain.Backend.NonceAt(e.ctx, e.sp.Addr, nil)
				pending, err2 := e.chain.Backend.PendingNonceAt(e.ctx, e.sp.Addr)
				if err := errors.Join(err1, err2); err != nil {
					return err
				}
				s.pendingAtCrash.Store(pending - mined)
				if pending > mined || time.Now().After(deadline) {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			if release != nil {
				release()
			}
			return errors.New("simulated crash with transactions in flight")
		}
		return nil
	})
	return s
}

// superviseAt crashes the bridge once at point, with its transaction pending when hold (a
// point before the send) is set.
func (e *env) superviseAt(point, hold string) *supervisor {
	e.t.Helper()
	if hold == "" {
		return e.supervise(point)
	}
	return e.superviseInFlight(hold, point, 1)
}

// killName names a kill point's subtest.
func killName(point, hold string) string {
	name := strings.TrimSuffix(point, ":")
	if hold != "" {
		name += "/in-flight"
	}
	return name
}

// superviseOn runs the bridge over backend, crashing it wherever kill says.
func (e *env) superviseOn(backend bridge.ChainBackend, kill func(string) error) *supervisor {
	e.t.Helper()
	ctx, cancel := context.WithCancel(e.ctx)
	s := &supervisor{cancel: cancel, done: make(chan error, 1)}
	go func() {
		s.done <- func() error {
			for {
				store, err := bridge.OpenStore(e.state, 10*time.Second)
				if err != nil {
					return err
				}
				s.mu.Lock()
				s.store = store
				s.mu.Unlock()
				opts := e.options()
				opts.KillPoint = kill
				b, err := bridge.New(opts, store, e.onChain(store, e.chain.Market, backend), e.cluster, sharedProver(e.t), e.metrics)
				if err != nil {
					_ = store.Close()
					return err
				}
				err = b.Run(ctx)
				s.mu.Lock()
				cerr := store.Close()
				s.store = nil
				s.mu.Unlock()
				if !errors.Is(err, bridge.ErrKilled) {
					if errors.Is(err, context.Canceled) {
						err = nil
					}
					return errors.Join(err, cerr)
				}
				s.crashes.Add(1)
			}
		}()
	}()
	e.t.Cleanup(func() { _ = s.stop() })
	return s
}

func (s *supervisor) stop() error {
	s.cancel()
	err, ok := <-s.done
	if ok {
		close(s.done)
	}
	return err
}

// get reads the order from whichever bridge instance is running.
func (s *supervisor) get(id [32]byte) (*bridge.Order, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.store == nil {
		return nil, errors.New("bridge restarting")
	}
	return s.store.Get(id)
}

// waitState waits until whichever bridge instance runs has recorded the order in state.
func (s *supervisor) waitState(t *testing.T, id [32]byte, state bridge.State) {
	t.Helper()
	testsupport.Eventually(t, time.Minute, "bridge records the order "+string(state), func() error {
		r, err := s.get(id)
		if err != nil {
			return err
		}
		if r.State != state {
			return fmt.Errorf("state %s", r.State)
		}
		return nil
	})
}

// The bridge is killed once at every point between transitions — after each is persisted
// and after each side effect before its result is — and restarted: every order still ends
// settled with exactly one acceptance, one job, one start and one settlement.
func TestCrashAtEveryKillPoint(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	type killPoint struct{ point, hold string }
	var points []killPoint
	for _, p := range []string{
		"scanned:",
		"persisted:accepting", "effect:accept", "persisted:accepted",
		"effect:register", "persisted:registered", "persisted:starting",
		"effect:start", "persisted:running", "persisted:ending", "effect:stop",
		"persisted:ended", "persisted:collected", "persisted:settling", "effect:settle",
		"persisted:settled",
	} {
		points = append(points, killPoint{point: p})
	}
	// The same sends again, killed while their transaction is still pending: blocks are held
	// from the state before the send until the crash.
	points = append(points,
		killPoint{"effect:accept", "persisted:accepting"},
		killPoint{"effect:start", "persisted:starting"},
		killPoint{"effect:settle", "persisted:settling"})
	for _, kp := range points {
		point := kp.point
		t.Run(killName(point, kp.hold), func(t *testing.T) {
			e.t = t
			series := map[string]string{"accepted": "shale_bridge_orders_accepted_total",
				"started": "shale_bridge_leases_started_total", "settled": "shale_bridge_orders_settled_total"}
			before := map[string]float64{}
			for k, name := range series {
				before[k] = e.metric(name)
			}
			c := e.newClient()
			s := spec(t, "crash")
			o := e.order(c, s)
			sup := e.superviseAt(point, kp.hold)

			e.waitChain(o.ID, contracts.StateRunning, 3*time.Minute)
			var rec *bridge.Order
			testsupport.Eventually(t, time.Minute, "bridge records the lease running", func() error {
				var err error
				if rec, err = sup.get(o.ID); err != nil {
					return err
				}
				if rec.State != bridge.Running {
					return fmt.Errorf("state %s", rec.State)
				}
				return nil
			})
			cc := e.dial(c, s, o, rec.Endpoint)
			cc.paidAtLeast(1)
			final := cc.terminate()
			settled := e.waitChain(o.ID, contracts.StateSettled, 3*time.Minute)
			sup.waitState(t, o.ID, bridge.Settled)
			if err := sup.stop(); err != nil {
				t.Fatal(err)
			}
			if got := sup.crashes.Load(); got != 1 {
				t.Fatalf("kill point %s fired %d times, want 1", point, got)
			}
			if got := sup.pendingAtCrash.Load(); kp.hold != "" && got == 0 {
				t.Fatalf("no transaction was pending when the bridge was killed at %s", point)
			}
			if want, _ := testsupport.FairPay(e.ctx, t, e.chain.Market, e.chain.Backend, o.ID, final.Amount); settled.Paid.Cmp(want) != 0 {
				t.Fatalf("settled for %s, want %s (final voucher %s)", settled.Paid, want, final.Amount)
			}
			for name, want := range map[string]float64{"accepted": 1, "started": 1, "settled": 1} {
				if got := e.metric(series[name]) - before[name]; got != want {
					t.Errorf("%s transactions sent: %v, want %v", name, got, want)
				}
			}
			countEvents(t, e, o.ID, map[string]int{"OrderAccepted": 1, "LeaseStarted": 1, "OrderSettled": 1})
			allocs, _, err := n.API.Jobs().Allocations(rec.JobID, true, nil)
			if err != nil || len(allocs) != 1 {
				t.Fatalf("job %s: %d allocations (%v), want 1", rec.JobID, len(allocs), err)
			}
			// Stopping the job adds a version with Stop set; a second registration of a changed
			// job would add a second running one (an identical one Nomad does not version).
			versions, _, _, err := n.API.Jobs().Versions(rec.JobID, false, nil)
			if err != nil {
				t.Fatal(err)
			}
			running := 0
			for _, v := range versions {
				if v.Stop == nil || !*v.Stop {
					running++
				}
			}
			if running != 1 || len(versions) > 2 {
				t.Fatalf("job %s has %d versions, %d not stopped: registered more than once", rec.JobID, len(versions), running)
			}
		})
	}
}

// countEvents checks how many of each event the marketplace emitted for one order.
func countEvents(t *testing.T, e *env, id [32]byte, want map[string]int) {
	t.Helper()
	countEventsOn(t, e.ctx, e.chain.Market, id, want)
}

// countEventsOn checks how many of each event m emitted for one order.
func countEventsOn(t *testing.T, ctx context.Context, m *contracts.Marketplace, id [32]byte, want map[string]int) {
	t.Helper()
	evs, err := m.Events(ctx, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, ev := range evs {
		if len(ev.Log.Topics) > 1 && ev.Log.Topics[1] == id {
			got[ev.Name]++
		}
	}
	for name, n := range want {
		if got[name] != n {
			t.Errorf("%d %s events for order %x, want %d (all: %v)", got[name], name, id[:4], n, got)
		}
	}
}

// A lease that paid nothing is closed with release, not a proof. A crash anywhere around the
// release — after it was recorded collected, right after the release was sent (mined or still
// pending), or after it was recorded — must not leave it collected for good (the collateral
// locked until the client reclaims) nor release it twice: the restarted bridge releases it, once.
func TestCrashBeforeReleaseOfUnpaidLease(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	for _, kp := range []struct{ point, hold string }{
		{"persisted:collected", ""},
		{"effect:release", ""},
		{"effect:release", "persisted:collected"},
		{"persisted:settled", ""},
	} {
		t.Run(killName(kp.point, kp.hold), func(t *testing.T) {
			e.t = t
			c := e.newClient()
			o := e.order(c, spec(t, "unpaid-crash"))
			sup := e.superviseAt(kp.point, kp.hold)
			e.waitChain(o.ID, contracts.StateRunning, 3*time.Minute)
			credit0, err := e.chain.Market.Balance(e.ctx, c.acct.Addr)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.chain.Market.Terminate(e.ctx, c.acct.Opts, o.ID); err != nil {
				t.Fatal(err)
			}
			settled := e.waitChain(o.ID, contracts.StateSettled, 3*time.Minute)
			if settled.Paid.Sign() != 0 {
				t.Fatalf("paid %s without a voucher", settled.Paid)
			}
			sup.waitState(t, o.ID, bridge.Settled)
			if err := sup.stop(); err != nil {
				t.Fatal(err)
			}
			if got := sup.crashes.Load(); got != 1 {
				t.Fatalf("kill point fired %d times, want 1", got)
			}
			if got := sup.pendingAtCrash.Load(); kp.hold != "" && got == 0 {
				t.Fatal("the release was not pending at the crash")
			}
			credit, err := e.chain.Market.Balance(e.ctx, c.acct.Addr)
			if err != nil {
				t.Fatal(err)
			}
			if got := new(big.Int).Sub(credit, credit0); got.Cmp(o.Escrow) != 0 {
				t.Fatalf("client credited %s, want the whole escrow %s", got, o.Escrow)
			}
			countEvents(t, e, o.ID, map[string]int{"OrderReleased": 1, "OrderSettled": 0})
		})
	}
}

// An order the provider cannot run is rejected once, whichever point of the rejection the
// bridge is killed at, with the rejection pending or not.
func TestCrashOnRejection(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	for _, kp := range []struct{ point, hold string }{
		{"persisted:rejecting", ""},
		{"effect:reject", ""},
		{"effect:reject", "persisted:rejecting"},
		{"persisted:rejected", ""},
	} {
		t.Run(killName(kp.point, kp.hold), func(t *testing.T) {
			e.t = t
			s := spec(t, "too-big")
			s.Resources.Memory = 32 << 40 // no node here has 32 TiB: over capacity
			o := e.order(e.newClient(), s)
			sup := e.superviseAt(kp.point, kp.hold)
			sup.waitState(t, o.ID, bridge.Rejected)
			if err := sup.stop(); err != nil {
				t.Fatal(err)
			}
			if got := sup.crashes.Load(); got != 1 {
				t.Fatalf("kill point fired %d times, want 1", got)
			}
			if got := sup.pendingAtCrash.Load(); kp.hold != "" && got == 0 {
				t.Fatal("the rejection was not pending at the crash")
			}
			if reason := rejectionReason(t, e, o.ID); !strings.Contains(reason, "over capacity") {
				t.Fatalf("rejected with %q", reason)
			}
			countEvents(t, e, o.ID, map[string]int{"OrderRejected": 1, "OrderAccepted": 0})
		})
	}
}

// Several orders arrive at once; the bridge is killed while it has sent some acceptances that
// are not mined yet. The restarted bridge finds them in its journal: every order is accepted
// and started exactly once.
func TestCrashWithSeveralPending(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	const orders = 3
	var ids [][32]byte
	for i := range orders {
		c := e.newClient()
		ids = append(ids, e.order(c, spec(t, fmt.Sprintf("pending-%d", i))).ID)
	}
	sup := e.superviseInFlight("persisted:accepting", "effect:accept", orders)
	for _, id := range ids {
		e.waitChain(id, contracts.StateRunning, 3*time.Minute)
		sup.waitState(t, id, bridge.Running)
	}
	if err := sup.stop(); err != nil {
		t.Fatal(err)
	}
	if got := sup.crashes.Load(); got != 1 {
		t.Fatalf("kill point fired %d times, want 1", got)
	}
	if got := sup.pendingAtCrash.Load(); got < 2 {
		t.Fatalf("%d transactions pending at the crash, want several", got)
	}
	for _, id := range ids {
		countEvents(t, e, id, map[string]int{"OrderAccepted": 1, "LeaseStarted": 1})
	}
}
