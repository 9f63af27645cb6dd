package client

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strconv"

	"github.com/shaleprotocol/shale/lease"

	"github.com/spf13/cobra"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/wire"
)

// terminateViaGateway sends the signed terminate and returns the invoice it cited.
func (a *App) terminateViaGateway(ctx context.Context, r *LeaseRecord) (*wire.Invoice, error) {
	cfg, err := a.tunnelConfig(ctx, r)
	if err != nil {
		return nil, err
	}
	c, err := a.dial(ctx, r, cfg)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	inv, err := c.Invoice(ctx)
	if err != nil {
		return nil, err
	}
	return inv, c.Terminate(ctx)
}

// TerminateResult is what `shale terminate -o json` prints.
type TerminateResult struct {
	Lease   string `json:"lease"`
	Gateway bool   `json:"gateway"`  // the signed terminate reached the gateway
	OnChain bool   `json:"on_chain"` // terminate was called on the marketplace
	Paid    string `json:"paid,omitempty"`
	Escrow  string `json:"escrow"`
}

func (a *App) terminateCommand() *cobra.Command {
	var onChain bool
	cmd := &cobra.Command{
		Use:   "terminate LEASE",
		Short: "End a lease: a signed terminate through the gateway, and with --on-chain the marketplace's terminate",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			r, err := a.leaseRecord(ctx, args[0])
			if err != nil {
				return err
			}
			res := TerminateResult{Lease: r.Lease, Escrow: r.Escrow}
			switch {
			case ended(r.Order.State):
				return fmt.Errorf("lease ended: %s is %s on chain", r.Lease, r.State)
			case r.Order.State == contracts.StateCreated:
				return fmt.Errorf("order %s is not accepted yet: cancel it with `shale cancel %s`", r.Lease, r.Lease)
			case r.Order.State == contracts.StateRunning:
				inv, err := a.terminateViaGateway(ctx, r)
				switch {
				case err == nil:
					res.Gateway, res.Paid = true, lease.FormatFIL(inv.Paid)
					a.progress("terminate accepted by the gateway at %s (last voucher #%d)", r.Endpoint, inv.LastSeq)
				case !onChain:
					return fmt.Errorf("could not terminate through the gateway: %w; end the lease on chain with `shale terminate --on-chain %s`", err, r.Lease)
				default:
					a.progress("could not terminate through the gateway (%v); terminating on chain", err)
				}
			case !onChain: // accepted, not started: no gateway serves it yet
				return fmt.Errorf("lease %s is %s, not running: end it on chain with `shale terminate --on-chain %s`", r.Lease, r.State, r.Lease)
			}
			if onChain {
				opts, err := a.wallet(ctx)
				if err != nil {
					return err
				}
				if _, err := a.market.Terminate(ctx, opts, r.ID.Order); err != nil {
					return err
				}
				res.OnChain = true
			}
			if a.json() {
				return a.printJSON(res)
			}
			if res.Paid != "" {
				fmt.Fprintf(a.env.Stdout, "lease %s terminated; paid %s of escrow %s, the rest is refunded when the provider settles\n",
					r.Lease, res.Paid, r.Escrow)
			} else {
				fmt.Fprintf(a.env.Stdout, "lease %s terminated on chain; the provider is paid what your vouchers prove, the rest of escrow %s is refunded when it settles\n",
					r.Lease, r.Escrow)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&onChain, "on-chain", false, "also call terminate on the marketplace (works when the gateway is unreachable)")
	return cmd
}

func (a *App) rateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "rate LEASE SCORE",
		Short: "Rate the provider of a settled lease, 1 to 5, once",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			score, err := strconv.ParseUint(args[1], 10, 8)
			if err != nil || score < 1 || score > 5 {
				return fmt.Errorf("score %q: want a whole number from 1 to 5", args[1])
			}
			r, err := a.leaseRecord(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			opts, err := a.wallet(cmd.Context())
			if err != nil {
				return err
			}
			if _, err := a.market.Rate(cmd.Context(), opts, r.ID.Order, uint8(score)); err != nil {
				switch {
				case errors.Is(err, contracts.ErrAlreadyRated):
					return fmt.Errorf("lease %s is already rated", r.Lease)
				case errors.Is(err, contracts.ErrWrongState):
					return fmt.Errorf("lease %s is %s: only settled or reclaimed leases can be rated", r.Lease, r.State)
				case errors.Is(err, contracts.ErrRatingUnpaid):
					return fmt.Errorf("lease %s paid %s, less than one minute at its price (%s): only leases that paid for their time can rate their provider",
						r.Lease, lease.FormatFIL(r.Order.Paid), lease.FormatFIL(minRatedPaid(r.Order)))
				case errors.Is(err, contracts.ErrNotClient):
					return fmt.Errorf("lease %s was ordered by %s, not by this wallet", r.Lease, r.Order.Client.Hex())
				}
				return err
			}
			a.progress("rated %s %d/5 for lease %s", r.MinerID, score, r.Lease)
			return nil
		},
	}
}

// minRatedPaid is what a lease must have paid for its client to rate the provider: one
// minute at the order's own price, rounded up (Marketplace.sol MIN_RATED_SECONDS).
func minRatedPaid(o contracts.Order) *big.Int {
	if o.PriceAmount == nil || o.PricePeriod == 0 {
		return new(big.Int)
	}
	period := new(big.Int).SetUint64(o.PricePeriod)
	m := new(big.Int).Mul(o.PriceAmount, big.NewInt(60))
	m.Add(m, period).Sub(m, big.NewInt(1))
	return m.Quo(m, period)
}

func (a *App) withdrawCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "withdraw",
		Short: "Move refunds credited on the marketplace to the wallet",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			opts, err := a.wallet(ctx)
			if err != nil {
				return err
			}
			credit, err := a.market.Balance(ctx, opts.From)
			if err != nil {
				return err
			}
			if credit.Sign() == 0 {
				return errors.New("nothing to withdraw: the marketplace holds no refunds for this wallet")
			}
			if _, err := a.market.Withdraw(ctx, opts); err != nil {
				return err
			}
			if a.json() {
				return a.printJSON(map[string]string{"withdrawn": lease.FormatFIL(credit), "withdrawn_attofil": credit.String()})
			}
			fmt.Fprintf(a.env.Stdout, "withdrew %s to %s\n", lease.FormatFIL(credit), opts.From.Hex())
			return nil
		},
	}
}

func (a *App) balanceCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "balance",
		Short: "Show the wallet's balance and the refunds waiting on the marketplace",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			me, err := a.address()
			if err != nil {
				return err
			}
			if _, err := a.chain(ctx); err != nil {
				return err
			}
			wallet, err := a.backend.BalanceAt(ctx, me, nil)
			if err != nil {
				return err
			}
			credit, err := a.market.Balance(ctx, me)
			if err != nil {
				return err
			}
			if a.json() {
				return a.printJSON(map[string]string{
					"address": me.Hex(), "wallet": lease.FormatFIL(wallet), "wallet_attofil": wallet.String(),
					"withdrawable": lease.FormatFIL(credit), "withdrawable_attofil": credit.String(),
				})
			}
			fmt.Fprintf(a.env.Stdout, "address       %s\nwallet        %s\nwithdrawable  %s\n", me.Hex(), lease.FormatFIL(wallet), lease.FormatFIL(credit))
			return nil
		},
	}
}
