package bridge

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sort"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/hashicorp/go-hclog"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

// Options configures a Bridge. Zero values take the defaults noted.
type Options struct {
	Provider      common.Address // the provider's account (signs every transaction)
	ChainID       *big.Int
	Contract      common.Address
	Confirmations uint64        // blocks an event must be buried under before the bridge acts on it
	StartBlock    uint64        // first block scanned when the store has no cursor
	MaxRange      uint64        // blocks per log query: 2000
	PollInterval  time.Duration // 2s
	Policy        Policy
	Job           leasejob.Options // region, namespace, datacenters, MHz per core; per-order fields are filled in
	StartTimeout  time.Duration    // how long a job may take to run before the order fails: 5m
	MaxBatchWait  time.Duration    // how long a collected lease waits for a full batch: 10m
	SettleMargin  time.Duration    // settle at once when a lease's deadline is this close: 10m
	SettleWindow  time.Duration    // the marketplace's settle window (read from chain by callers)
	Log           hclog.Logger
	// KillPoint, when set, is called at every point where a crash could happen: after each
	// transition is persisted ("persisted:<state>") and after each side effect, before its
	// result is persisted ("effect:<what>"). A non-nil error stops the bridge right there,
	// as a crash would; tests use it to prove restarts neither lose nor repeat work.
	KillPoint func(point string) error
}

// nomadProbeEvery is how often a round reads the nodes only to report Nomad's health.
const nomadProbeEvery = 10 * time.Second

// errBackoff marks an order waiting to retry a failed step (already logged when it failed).
var errBackoff = errors.New("retrying")

// ErrKilled wraps a KillPoint's error: Run returns it at once.
var ErrKilled = errors.New("bridge stopped at kill point")

// Bridge runs the order state machine.
type Bridge struct {
	opt     Options
	store   *Store
	chain   Chain
	cluster Cluster
	prover  Prover
	metrics *Metrics
	log     hclog.Logger

	started     time.Time
	warnedAt    map[[32]byte]time.Time // blocked settlements last logged (round goroutine only)
	nomadProbed time.Time              // last read of the nodes for Nomad's health (round goroutine only)

	mu        sync.Mutex
	lastOK    time.Time
	lastError string
	chainNow  time.Time
	chainPart PartStatus
	nomadPart PartStatus
	blocked   []string          // orders whose settlement is blocked near their deadline
	nodes     []Node            // ready nodes, read at most once per round
	round     []*Order          // this round's records; transitions update them in place
	fits      map[[32]byte]bool // orders this round's joint plan placed (round goroutine only)
}

// New returns a bridge over its store, chain, cluster and prover.
func New(opt Options, store *Store, chain Chain, cluster Cluster, p Prover, m *Metrics) (*Bridge, error) {
	if opt.ChainID == nil || opt.Contract == (common.Address{}) || opt.Provider == (common.Address{}) {
		return nil, errors.New("bridge: chain id, contract and provider are required")
	}
	if opt.Policy.Collateral == nil {
		opt.Policy.Collateral = new(big.Int)
	}
	if opt.MaxRange == 0 {
		opt.MaxRange = 2000
	}
	if opt.PollInterval == 0 {
		opt.PollInterval = 2 * time.Second
	}
	if opt.StartTimeout == 0 {
		opt.StartTimeout = 5 * time.Minute
	}
	if opt.MaxBatchWait == 0 {
		opt.MaxBatchWait = 10 * time.Minute
	}
	if opt.SettleMargin == 0 {
		opt.SettleMargin = 10 * time.Minute
	}
	if opt.Log == nil {
		opt.Log = hclog.NewNullLogger()
	}
	if m == nil {
		m = NewMetrics(nil)
	}
	now := time.Now().UTC()
	return &Bridge{opt: opt, store: store, chain: chain, cluster: cluster, prover: p, metrics: m, log: opt.Log,
		started: now, warnedAt: map[[32]byte]time.Time{},
		chainPart: PartStatus{State: PartUnknown, Since: now}, nomadPart: PartStatus{State: PartUnknown, Since: now}}, nil
}

// Run polls until ctx ends or a kill point fires. Transient failures (chain or Nomad
// unreachable) are logged, reported by Health and retried; nothing is skipped meanwhile.
func (b *Bridge) Run(ctx context.Context) error {
	t := time.NewTicker(b.opt.PollInterval)
	defer t.Stop()
	for {
		if err := b.Step(ctx); errors.Is(err, ErrKilled) {
			return err
		} else if err != nil && ctx.Err() == nil && !errors.Is(err, errBackoff) {
			b.log.Warn("bridge step failed; retrying", "error", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Step does one round: scan confirmed events, advance every order as far as it can go,
// settle what is ready.
func (b *Bridge) Step(ctx context.Context) error {
	err := b.step(ctx)
	b.mu.Lock()
	if err == nil {
		b.lastOK, b.lastError = time.Now(), ""
	} else {
		b.lastError = err.Error()
	}
	b.mu.Unlock()
	return err
}

func (b *Bridge) step(ctx context.Context) error {
	if err := b.scan(ctx); err != nil {
		return err
	}
	orders, err := b.store.Orders()
	if err != nil {
		return err
	}
	sort.Slice(orders, func(i, j int) bool {
		if orders[i].Block != orders[j].Block {
			return orders[i].Block < orders[j].Block
		}
		return orders[i].SeenAt.Before(orders[j].SeenAt)
	})
	b.nodes, b.round = nil, orders
	// Transactions in flight first: what was mined since the last round, re-priced or
	// rebroadcast as needed, so the steps below read a chain that reflects them.
	var firstErr error
	if err := b.chain.Sync(ctx); err != nil {
		b.metrics.errors.WithLabelValues("chain_sync").Inc()
		firstErr = fmt.Errorf("following transactions in flight: %w", err)
	}
	// Reading the nodes up front now and then (drive reuses them this round) tells Nomad's
	// health even when no order needs Nomad; a failure is retried by whichever order needs
	// the nodes. Not every round: listing the nodes costs a request per node.
	if b.cluster != nil && time.Since(b.nomadProbed) >= nomadProbeEvery {
		_, err := b.readyNodes(ctx)
		b.setPart(&b.nomadPart, err)
		b.nomadProbed = time.Now()
	}
	b.fits = nil
	if b.cluster != nil {
		b.fits = b.planTogether(ctx, orders)
	}
	for _, o := range orders {
		// A collected lease that paid something waits for a batch; one that paid nothing is
		// driven again until its release lands (after a crash or a failed release).
		if o.State.Final() || o.State == Settling || (o.State == Collected && o.Amount != nil && o.Amount.Sign() > 0) {
			continue
		}
		if err := b.drive(ctx, o); err != nil {
			if errors.Is(err, ErrKilled) {
				return err
			}
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	if err := b.settle(ctx, orders); err != nil {
		return err
	}
	b.updateGauges(orders)
	return firstErr
}

// kill gives the test hook its chance to "crash" the bridge at point.
func (b *Bridge) kill(point string) error {
	if b.opt.KillPoint == nil {
		return nil
	}
	if err := b.opt.KillPoint(point); err != nil {
		return fmt.Errorf("%w %s: %w", ErrKilled, point, err)
	}
	return nil
}

// transition persists o in state s, then offers a kill point.
func (b *Bridge) transition(o *Order, s State) error {
	from := o.State
	o.State, o.Attempts, o.NextTry, o.LastError = s, 0, time.Time{}, ""
	if err := b.store.Put(o); err != nil {
		return fmt.Errorf("persist order %s → %s: %w", o.Hex(), s, err)
	}
	b.metrics.transitions.WithLabelValues(string(s)).Inc()
	b.log.Info("order transition", "order", o.Hex(), "from", from, "to", s, "reason", o.Reason)
	return b.kill("persisted:" + string(s))
}

// retryLater records a transient failure with exponential backoff (1s … 1m).
func (b *Bridge) retryLater(o *Order, op string, err error) error {
	o.Attempts++
	delay := time.Second << min(o.Attempts-1, 6)
	o.NextTry, o.LastError = time.Now().Add(min(delay, time.Minute)), err.Error()
	b.metrics.errors.WithLabelValues(op).Inc()
	b.log.Warn("order step failed; will retry", "order", o.Hex(), "state", o.State, "op", op, "attempt", o.Attempts, "error", err)
	if perr := b.store.Put(o); perr != nil {
		return perr
	}
	return fmt.Errorf("%w: order %s: %s: %w", errBackoff, o.Hex(), op, err)
}

// scan applies confirmed events from the cursor to the safe head.
func (b *Bridge) scan(ctx context.Context) error {
	head, now, err := b.chain.Head(ctx)
	b.setPart(&b.chainPart, err)
	if err != nil {
		b.metrics.errors.WithLabelValues("chain_head").Inc()
		return err
	}
	b.mu.Lock()
	b.chainNow = now
	b.mu.Unlock()
	if head < b.opt.Confirmations {
		return nil
	}
	safe := head - b.opt.Confirmations
	from, err := b.store.Cursor()
	if err != nil {
		return err
	}
	if from == 0 {
		from = b.opt.StartBlock
	}
	for from <= safe {
		to := min(safe, from+b.opt.MaxRange-1)
		evs, err := b.chain.Events(ctx, from, to)
		if err != nil {
			b.metrics.errors.WithLabelValues("chain_events").Inc()
			return err
		}
		err = b.store.Advance(to+1, func(tx *Tx) error {
			for _, ev := range evs {
				if err := b.apply(tx, ev); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("record blocks %d-%d: %w", from, to, err)
		}
		b.metrics.cursor.Set(float64(to + 1))
		if err := b.kill(fmt.Sprintf("scanned:%d", to)); err != nil {
			return err
		}
		from = to + 1
	}
	return nil
}

// apply records one event inside the scan's transaction.
func (b *Bridge) apply(tx *Tx, ev contracts.Event) error {
	switch v := ev.Value.(type) {
	case *bindings.MarketplaceOrderCreated:
		if v.Provider != b.opt.Provider {
			return nil
		}
		if _, err := tx.Get(v.OrderId); err == nil {
			return nil // seen before (a rescan after a crash): never twice
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		o := &Order{
			ID: v.OrderId, State: Seen, Client: v.Client, MinerID: v.MinerId, Nonce: v.Nonce,
			PaymentKey: v.PaymentKey, PriceAmount: v.PriceAmount, PricePeriod: v.PricePeriod,
			Duration: v.Duration, Escrow: v.Escrow, Spec: v.Spec, Block: ev.Log.BlockNumber, SeenAt: time.Now().UTC(),
			LeaseID: lease.LeaseID{ChainID: b.opt.ChainID.Uint64(), Order: v.OrderId}.String(),
		}
		b.metrics.seen.Inc()
		b.log.Info("order seen", "order", o.Hex(), "client", common.Address(o.Client).Hex(), "block", o.Block)
		return tx.Put(o)
	case *bindings.MarketplaceOrderCancelled:
		o, err := tx.Get(v.OrderId)
		if errors.Is(err, ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if o.State == Seen {
			o.State, o.Reason = Cancelled, "cancelled by the client"
			return tx.Put(o)
		}
	case *bindings.MarketplaceLeaseTerminated:
		o, err := tx.Get(v.OrderId)
		if errors.Is(err, ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		o.Terminated, o.EndTime = true, time.Unix(int64(v.EndTime), 0).UTC()
		return tx.Put(o)
	}
	return nil
}

// Health reports whether the last round succeeded recently, and the last error if not.
func (b *Bridge) Health() (ok bool, lastOK time.Time, lastError string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	stale := 3*b.opt.PollInterval + 30*time.Second
	return !b.lastOK.IsZero() && time.Since(b.lastOK) < stale, b.lastOK, b.lastError
}

func (b *Bridge) now() time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.chainNow
}
