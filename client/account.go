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
	Lease        string `json:"lease"`
	OnChain      bool   `json:"on_chain"`                // terminate was called on the marketplace
	Gateway      bool   `json:"gateway"`                 // the signed terminate reached the gateway
	GatewayError string `json:"gateway_error,omitempty"` // why it did not; the lease is ended anyway
	Earned       string `json:"earned"`                  // the most settlement can pay: the time it ran, at its price
	Paid         string `json:"paid,omitempty"`          // what the provider will be paid: min(vouchers, earned)
	Escrow       string `json:"escrow"`
}

// terminateCommand ends the lease on chain first, then tells the gateway. The on-chain end
// fixes the time the lease ran, and the contract pays the provider at most that time at the
// order's price, whatever prepaid voucher it holds; so it must be fixed before the session
// closes, and a gateway that cannot be told changes nothing the client pays.
func (a *App) terminateCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "terminate LEASE",
		Short: "End a lease: the marketplace's terminate, then a signed terminate through the gateway",
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
			}
			opts, err := a.wallet(ctx)
			if err != nil {
				return err
			}
			if _, err := a.market.Terminate(ctx, opts, r.ID.Order); err != nil {
				return fmt.Errorf("terminating lease %s on chain: %w", r.Lease, err)
			}
			res.OnChain = true
			earned, err := a.market.Earned(ctx, r.ID.Order)
			if err != nil {
				return fmt.Errorf("lease %s terminated on chain, but: %w", r.Lease, err)
			}
			res.Earned = lease.FormatFIL(earned)
			a.progress("lease %s terminated on chain; settlement pays its provider at most %s for the time it ran", r.Lease, res.Earned)
			if r.Order.State == contracts.StateRunning {
				inv, err := a.terminateViaGateway(ctx, r)
				if err != nil {
					res.GatewayError = err.Error()
					a.progress("the lease is ended on chain, but its gateway at %s was not told: %v", r.Endpoint, err)
				} else {
					res.Gateway = true
					paid := inv.Paid
					if paid == nil || paid.Cmp(earned) > 0 {
						paid = earned
					}
					res.Paid = lease.FormatFIL(paid)
					a.progress("terminate accepted by the gateway at %s (last voucher #%d)", r.Endpoint, inv.LastSeq)
				}
			}
			if a.json() {
				return a.printJSON(res)
			}
			if res.Paid != "" {
				fmt.Fprintf(a.env.Stdout, "lease %s terminated; paid %s of escrow %s, the rest is refunded when the provider settles\n",
					r.Lease, res.Paid, r.Escrow)
			} else {
				fmt.Fprintf(a.env.Stdout, "lease %s terminated on chain; the provider is paid what your vouchers prove, at most %s for the time it ran; the rest of escrow %s is refunded when it settles\n",
					r.Lease, res.Earned, r.Escrow)
			}
			return nil
		},
	}
	cmd.Flags().Bool("on-chain", false, "no effect: terminate always ends the lease on chain")
	_ = cmd.Flags().MarkDeprecated("on-chain", "terminate always ends the lease on chain first; drop the flag")
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
