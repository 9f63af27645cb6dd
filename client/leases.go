package client

import (
	"context"
	"fmt"
	"math/big"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/lease"
)

// LeaseRecord is what the chain says about one of the client's orders.
type LeaseRecord struct {
	Lease    string `json:"lease"`
	State    string `json:"state"`
	MinerID  string `json:"miner_id"`
	Provider string `json:"provider"`
	Price    string `json:"price"`    // exact, e.g. "0.01 FIL/60s"
	Duration string `json:"duration"` // e.g. "1h0m0s"
	Escrow   string `json:"escrow"`   // FIL, exact
	Endpoint string `json:"endpoint,omitempty"`
	Paid     string `json:"paid,omitempty"`      // FIL the provider was paid at settlement
	Refund   string `json:"refund,omitempty"`    // FIL credited back to the client
	Reason   string `json:"reason,omitempty"`    // why the provider rejected the order
	Payer    string `json:"payer,omitempty"`     // "running" or "not running": a background or foreground `shale pay`
	PayerPID int    `json:"payer_pid,omitempty"` // the running payer's process id
	// Meter is the gateway's meter of a running lease (leases --live), or MeterError why not.
	Meter      *MeterRecord `json:"meter,omitempty"`
	MeterError string       `json:"meter_error,omitempty"`
	// Exposes are the exposed ports, with URLs and token while running (expose.go).
	Exposes []ExposeRecord `json:"exposes,omitempty"`

	ID       lease.LeaseID   `json:"-"`
	Order    contracts.Order `json:"-"`
	Spec     lease.Spec      `json:"-"` // from the order's own spec bytes (OrderCreated)
	SpecErr  error           `json:"-"`
	EscrowAt *big.Int        `json:"-"`
}

func formatPrice(amount *big.Int, period uint64) string {
	return lease.Price{Amount: amount, Period: time.Duration(period) * time.Second}.Display()
}

// leaseRecords reads the orders created by client (any client when nil), or only the given
// order ids, with their current state and what their events tell.
func (a *App) leaseRecords(ctx context.Context, client *common.Address, ids ...[32]byte) ([]*LeaseRecord, error) {
	m, err := a.chain(ctx)
	if err != nil {
		return nil, err
	}
	evs, err := m.Events(ctx, a.cfg.StartBlock, nil)
	if err != nil {
		return nil, err
	}
	want := map[[32]byte]bool{}
	for _, id := range ids {
		want[id] = true
	}
	byID := map[[32]byte]*LeaseRecord{}
	var out []*LeaseRecord
	for _, ev := range evs {
		switch v := ev.Value.(type) {
		case *bindings.MarketplaceOrderCreated:
			if (client != nil && v.Client != *client) || (len(want) > 0 && !want[v.OrderId]) {
				continue
			}
			r := &LeaseRecord{
				ID: lease.LeaseID{ChainID: a.chainID.Uint64(), Order: v.OrderId}, MinerID: v.MinerId, Provider: v.Provider.Hex(),
				Price: formatPrice(v.PriceAmount, v.PricePeriod), Duration: (time.Duration(v.Duration) * time.Second).String(),
				Escrow: lease.FormatFIL(v.Escrow), EscrowAt: v.Escrow,
			}
			r.Lease = r.ID.String()
			r.Spec, r.SpecErr = LeaseOrder(v).Spec()
			byID[v.OrderId] = r
			out = append(out, r)
		case *bindings.MarketplaceLeaseStarted:
			if r := byID[v.OrderId]; r != nil {
				r.Endpoint = v.Endpoint
			}
		case *bindings.MarketplaceOrderRejected:
			if r := byID[v.OrderId]; r != nil {
				r.Reason, r.Refund = v.Reason, lease.FormatFIL(v.Refund)
			}
		case *bindings.MarketplaceOrderCancelled:
			if r := byID[v.OrderId]; r != nil {
				r.Refund = lease.FormatFIL(v.Refund)
			}
		case *bindings.MarketplaceOrderSettled:
			if r := byID[v.OrderId]; r != nil {
				r.Paid, r.Refund = lease.FormatFIL(v.Paid), lease.FormatFIL(v.Refund)
			}
		case *bindings.MarketplaceOrderReleased:
			if r := byID[v.OrderId]; r != nil {
				r.Paid, r.Refund = lease.FormatFIL(new(big.Int)), lease.FormatFIL(v.Refund)
			}
		case *bindings.MarketplaceOrderReclaimed:
			if r := byID[v.OrderId]; r != nil {
				r.Paid, r.Refund = lease.FormatFIL(new(big.Int)), lease.FormatFIL(v.Amount)
			}
		}
	}
	for _, r := range out {
		o, err := m.Order(ctx, r.ID.Order)
		if err != nil {
			return nil, err
		}
		r.Order, r.State = o, o.State.String()
		if o.State == contracts.StateCancelled && r.Reason != "" {
			r.State = "Rejected" // the contract keeps no separate state for a declined order
		}
	}
	return out, nil
}

// leaseRecord resolves a lease id given on the command line to this chain's order.
func (a *App) leaseRecord(ctx context.Context, s string) (*LeaseRecord, error) {
	id, err := lease.ParseLeaseID(s)
	if err != nil {
		return nil, err
	}
	if _, err := a.chain(ctx); err != nil {
		return nil, err
	}
	if id.ChainID != a.chainID.Uint64() {
		return nil, fmt.Errorf("lease %s is on chain %d, but %s is chain %s: point rpc (or --rpc) at a chain %d endpoint", s, id.ChainID, a.cfg.RPC, a.chainID, id.ChainID)
	}
	rs, err := a.leaseRecords(ctx, nil, id.Order)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("lease %s: no such order on the marketplace at %s: check the id with `shale leases`, and contract (or --contract) is the marketplace you ordered from", s, a.market.Address.Hex())
	}
	return rs[0], nil
}

func (a *App) leasesCommand() *cobra.Command {
	var live bool
	cmd := &cobra.Command{
		Use:   "leases",
		Short: "List your orders: state, provider, price, endpoint, what was paid and refunded, and whether a payer runs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			me, err := a.address()
			if err != nil {
				return err
			}
			rs, err := a.leaseRecords(cmd.Context(), &me)
			if err != nil {
				return err
			}
			for _, r := range rs {
				setPayer(a.cfg.StateDir, r)
			}
			if live {
				a.addMeters(cmd.Context(), rs)
			}
			a.addExposes(cmd.Context(), rs)
			if a.json() {
				if rs == nil {
					rs = []*LeaseRecord{}
				}
				return a.printJSON(rs)
			}
			if len(rs) == 0 {
				a.progress("no orders from %s", me.Hex())
				return nil
			}
			if live {
				if err := a.printLive(rs); err != nil {
					return err
				}
				a.printExposes(rs)
				return nil
			}
			tw := tabwriter.NewWriter(a.env.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "LEASE\tSTATE\tMINER\tPRICE\tESCROW\tENDPOINT\tPAID\tREFUND\tPAYER")
			for _, r := range rs {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Lease, r.State, r.MinerID, r.Price, r.Escrow,
					dash(r.Endpoint), dash(r.Paid), dash(r.Refund), payerText(r))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			a.printExposes(rs)
			return nil
		},
	}
	cmd.Flags().BoolVar(&live, "live", false, "ask each running lease's gateway for its meter: elapsed, paid, due, escrow left, bytes")
	return cmd
}
