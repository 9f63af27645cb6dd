package tunnel

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/shaleprotocol/shale/wire"
)

// Usage is the lease's meter as the client last heard it from the gateway. The figures are
// shown to the user and never paid by: the client pays by its own meter only.
type Usage struct {
	wire.Usage
	// FromInvoice: the gateway predates usage reports, so the figures come from its invoice
	// and the byte counts are unknown.
	FromInvoice bool
}

// usageFromInvoice is what an invoice tells of the meter, for gateways without CapUsage.
func usageFromInvoice(inv *wire.Invoice, now time.Time) Usage {
	u := wire.Usage{At: now, Due: inv.Due, Paid: inv.Paid, Escrow: inv.Escrow, PaidThrough: inv.PaidThrough}
	if d := now.Sub(inv.StartedAt); d > 0 {
		u.Elapsed = d.Truncate(time.Second)
	}
	u.EscrowEnds = inv.StartedAt
	if inv.PriceAmount != nil && inv.PriceAmount.Sign() > 0 && inv.Period > 0 {
		secs := new(big.Int).Mul(inv.Escrow, big.NewInt(int64(inv.Period/time.Second)))
		secs.Quo(secs, inv.PriceAmount)
		if secs.IsInt64() && secs.Int64() < int64(100*365*24*3600) {
			u.EscrowEnds = inv.StartedAt.Add(time.Duration(secs.Int64()) * time.Second)
		} else {
			u.EscrowEnds = inv.StartedAt.Add(100 * 365 * 24 * time.Hour)
		}
	}
	return Usage{Usage: u, FromInvoice: true}
}

// report hands u to Config.OnUsage, if set.
func (c *Client) report(u Usage) {
	if c.cfg.OnUsage != nil {
		c.cfg.OnUsage(u)
	}
}

// ErrNoUsage means the gateway closed the payment channel before telling the lease's usage.
var ErrNoUsage = errors.New("tunnel: no usage from the gateway")

// Usage asks the gateway once for the lease's meter. A gateway without usage reports answers
// the request with a rejection, and the figures then come from its invoice (FromInvoice).
func (c *Client) Usage(ctx context.Context) (Usage, error) {
	ch, closeCh, err := c.openPayment(ctx)
	if err != nil {
		return Usage{}, err
	}
	defer closeCh()
	inv, err := readInvoice(ch)
	if err != nil {
		return Usage{}, fmt.Errorf("tunnel: usage: %w", err)
	}
	if err := wire.WriteMessage(ch, &wire.UsageRequest{}); err != nil {
		return Usage{}, fmt.Errorf("tunnel: usage: %w", err)
	}
	for {
		m, err := wire.ReadMessage(ch)
		if err != nil {
			if ctx.Err() != nil {
				return Usage{}, ctx.Err()
			}
			return Usage{}, fmt.Errorf("%w: %w", ErrNoUsage, err)
		}
		switch m := m.(type) {
		case *wire.Usage:
			return Usage{Usage: *m}, nil
		case *wire.Notice:
			if m.Code == wire.NoticeRejected {
				return usageFromInvoice(inv, time.Now()), nil
			}
		case *wire.Invoice:
			inv = m
		}
	}
}
