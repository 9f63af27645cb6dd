package bridge

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
)

// OnChain is the provider's side of the marketplace: reads, and transactions signed by the
// provider's key. Transactions of one account are serialized so nonces never collide.
type OnChain struct {
	m       *contracts.Marketplace
	backend contracts.Backend
	opts    *bind.TransactOpts

	mu sync.Mutex
}

// NewOnChain binds the marketplace for the provider whose transactions opts signs.
func NewOnChain(m *contracts.Marketplace, backend contracts.Backend, opts *bind.TransactOpts) *OnChain {
	return &OnChain{m: m, backend: backend, opts: opts}
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

// Accept implements Chain.
func (c *OnChain) Accept(ctx context.Context, id [32]byte, collateral *big.Int) error {
	return c.tx(func() error { _, err := c.m.AcceptOrder(ctx, c.opts, id, collateral); return err })
}

// Reject implements Chain; a reason beyond the contract's bound is cut to fit.
func (c *OnChain) Reject(ctx context.Context, id [32]byte, reason string) error {
	reason = contracts.TruncateReason(reason)
	return c.tx(func() error { _, err := c.m.RejectOrder(ctx, c.opts, id, reason); return err })
}

// StartLease implements Chain.
func (c *OnChain) StartLease(ctx context.Context, id [32]byte, endpoint string) error {
	return c.tx(func() error { _, err := c.m.StartLease(ctx, c.opts, id, endpoint); return err })
}

// Release implements Chain; a reason beyond the contract's bound is cut to fit.
func (c *OnChain) Release(ctx context.Context, id [32]byte, reason string) error {
	reason = contracts.TruncateReason(reason)
	return c.tx(func() error { _, err := c.m.Release(ctx, c.opts, id, reason); return err })
}

// SettleBatch implements Chain; the amounts paid come from the receipt's OrderSettled events.
func (c *OnChain) SettleBatch(ctx context.Context, ids [][32]byte, amounts []*big.Int, proof []byte) (string, map[[32]byte]*big.Int, error) {
	var rcpt *types.Receipt
	err := c.tx(func() error {
		var err error
		rcpt, err = c.m.SettleBatch(ctx, c.opts, ids, amounts, proof)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	hash := rcpt.TxHash.Hex()
	evs, err := c.m.ReceiptEvents(rcpt)
	if err != nil {
		return hash, nil, fmt.Errorf("settlement %s: %w", hash, err)
	}
	paid := make(map[[32]byte]*big.Int, len(ids))
	for _, ev := range evs {
		if s, ok := ev.Value.(*bindings.MarketplaceOrderSettled); ok {
			paid[s.OrderId] = s.Paid
		}
	}
	return hash, paid, nil
}

func (c *OnChain) tx(send func() error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return send()
}
