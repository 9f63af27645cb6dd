package bridge

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/outbox"
)

// ChainBackend is what OnChain needs from a chain client: the marketplace's calls and the
// outbox's transaction tracking. *ethclient.Client and ethclient/simulated's client satisfy it.
type ChainBackend interface {
	contracts.Backend
	outbox.Backend
	ChainID(ctx context.Context) (*big.Int, error)
}

// OnChain is the provider's side of the marketplace: reads, and transactions signed by the
// provider's key, many in flight at once through an outbox journaled in the bridge's store.
type OnChain struct {
	m          *contracts.Marketplace
	backend    ChainBackend
	from       common.Address
	out        *outbox.Outbox
	sequential bool
}

// NewOnChain binds the marketplace for the provider whose transactions opts signs; journal
// (the bridge's Store) keeps its transactions in flight across restarts.
func NewOnChain(ctx context.Context, m *contracts.Marketplace, backend ChainBackend, opts *bind.TransactOpts, journal outbox.Journal, oo outbox.Options) (*OnChain, error) {
	c := &OnChain{m: m, backend: backend, from: opts.From}
	id, err := backend.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("chain id: %w", err)
	}
	oo.Explain = func(ctx context.Context, r outbox.Record, rcpt *types.Receipt) error {
		return m.RevertReason(ctx, ethereum.CallMsg{From: c.from, To: &r.To, Gas: r.Gas, Value: r.Value, Data: r.Data}, rcpt)
	}
	if c.out, err = outbox.New(backend, id, opts, journal, oo); err != nil {
		return nil, err
	}
	return c, nil
}

// Sequential makes every transaction wait for its receipt before the call returns, one at a
// time: how the bridge worked before the outbox, kept as the benchmark's baseline.
func (c *OnChain) Sequential() *OnChain {
	c.sequential = true
	return c
}

// Head implements Chain.
func (c *OnChain) Head(ctx context.Context) (uint64, time.Time, error) {
	h, err := c.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("chain head: %w", err)
	}
	return h.Number.Uint64(), time.Unix(int64(h.Time), 0).UTC(), nil
}

// Events implements Chain.
func (c *OnChain) Events(ctx context.Context, from, to uint64) ([]contracts.Event, error) {
	return c.m.Events(ctx, from, &to)
}

// Order implements Chain.
func (c *OnChain) Order(ctx context.Context, id [32]byte) (contracts.Order, error) {
	o, err := c.m.Order(ctx, id)
	if errors.Is(err, contracts.ErrUnknownOrder) {
		// Not a failure: a reorg deeper than the confirmation depth removed an order the
		// bridge saw, and each state decides what that means.
		return contracts.Order{ID: id, State: contracts.StateNone}, nil
	}
	return o, err
}

// Sync implements Chain.
func (c *OnChain) Sync(ctx context.Context) error { return c.out.Sync(ctx) }

// Transactions implements Chain.
func (c *OnChain) Transactions() outbox.Health { return c.out.Health() }

// Accept implements Chain.
func (c *OnChain) Accept(ctx context.Context, id [32]byte, collateral *big.Int) (outbox.Status, error) {
	return c.send(ctx, "accept", id, collateral, "acceptOrder", id)
}

// Reject implements Chain; a reason beyond the contract's bound is cut to fit.
func (c *OnChain) Reject(ctx context.Context, id [32]byte, reason string) (outbox.Status, error) {
	return c.send(ctx, "reject", id, nil, "rejectOrder", id, contracts.TruncateReason(reason))
}

// StartLease implements Chain.
func (c *OnChain) StartLease(ctx context.Context, id [32]byte, endpoint string) (outbox.Status, error) {
	return c.send(ctx, "start", id, nil, "startLease", id, endpoint)
}

// Release implements Chain; a reason beyond the contract's bound is cut to fit.
func (c *OnChain) Release(ctx context.Context, id [32]byte, reason string) (outbox.Status, error) {
	return c.send(ctx, "release", id, nil, "release", id, contracts.TruncateReason(reason))
}

// SettleBatch implements Chain.
func (c *OnChain) SettleBatch(ctx context.Context, batch uint64, ids [][32]byte, amounts []*big.Int, proof []byte) (outbox.Status, error) {
	data, err := contracts.Pack("settleBatch", ids, amounts, proof)
	if err != nil {
		return outbox.Status{}, err
	}
	return c.submit(ctx, settleKey(batch), fmt.Sprintf("settling batch %d (%d leases)", batch, len(ids)), outbox.Call{To: c.m.Address, Data: data})
}

// Settlement implements Chain.
func (c *OnChain) Settlement(batch uint64) (outbox.Status, bool) {
	return c.out.Lookup(settleKey(batch))
}

func settleKey(batch uint64) string { return fmt.Sprintf("settle:%d", batch) }

// send submits one order's action; the action's key (what and which order) makes it idempotent.
func (c *OnChain) send(ctx context.Context, what string, id [32]byte, value *big.Int, method string, args ...any) (outbox.Status, error) {
	data, err := contracts.Pack(method, args...)
	if err != nil {
		return outbox.Status{}, err
	}
	key := fmt.Sprintf("%s:%x", what, id)
	return c.submit(ctx, key, fmt.Sprintf("%s order %x", what, id), outbox.Call{To: c.m.Address, Data: data, Value: value})
}

func (c *OnChain) submit(ctx context.Context, key, op string, call outbox.Call) (outbox.Status, error) {
	st, err := c.out.Submit(ctx, key, call)
	if err != nil {
		// Gas estimation runs the call first, so most reverts surface here with their reason.
		return st, fmt.Errorf("%s: %w", op, contracts.DecodeError(err))
	}
	if !c.sequential {
		return st, nil
	}
	for st.State == outbox.Pending {
		select {
		case <-ctx.Done():
			return st, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
		if err := c.out.Sync(ctx); err != nil {
			return st, err
		}
		st, _ = c.out.Lookup(key)
		if st.State == outbox.Failed {
			return st, fmt.Errorf("%s: %w", op, st.Err)
		}
	}
	return st, nil
}
