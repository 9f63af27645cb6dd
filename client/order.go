package client

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasefile"
)

// waitFlags are the flags of every command that creates an order.
type waitFlags struct {
	wait   time.Duration
	noWait bool
	noPay  bool
}

func (w *waitFlags) add(fs *pflag.FlagSet) {
	fs.DurationVar(&w.wait, "wait", 10*time.Minute, "how long to wait for the provider to start the lease")
	fs.BoolVar(&w.noWait, "no-wait", false, "return once the order is on chain")
	fs.BoolVar(&w.noPay, "no-pay", false, "do not start a background payer once the lease runs (then keep it paid with: shale pay --background LEASE)")
}

func (a *App) giveMeContainerCommand() *cobra.Command {
	var w waitFlags
	var f seedFlags
	cmd := &cobra.Command{
		Use:   "give-me-container --miner=f0… --price=0.01fil/min --image=REF [flags] [-- command args...]",
		Short: "Order a container with the seed CLI's flags and wait until it runs",
		RunE: func(cmd *cobra.Command, command []string) error {
			if len(f.keys) == 0 {
				k, err := a.defaultPubKey()
				if err != nil {
					return err
				}
				f.keys = []string{k}
			}
			spec, err := f.spec(command, a.env.Home)
			if err != nil {
				return err
			}
			return a.order(cmd.Context(), spec, w)
		},
	}
	f.add(cmd.Flags())
	w.add(cmd.Flags())
	return cmd
}

// defaultPubKey is the public half of the configured SSH key, so the key `shale ssh` uses
// is the one the order authorizes.
func (a *App) defaultPubKey() (string, error) {
	c, err := a.config()
	if err != nil {
		return "", err
	}
	p := c.SSHKey + ".pub"
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("--ssh_pubkey not given and %s is unreadable: %w; pass --ssh_pubkey=~/.ssh/id_ed25519.pub (a path or a key line), or set ssh_key in %s to a private key with its .pub beside it", p, err, a.configName())
	}
	return "@" + p, nil
}

func (a *App) leaseCommand() *cobra.Command {
	l := &cobra.Command{Use: "lease", Short: "Order leases from lease files", Args: cobra.ArbitraryArgs, RunE: groupRunE}
	var w waitFlags
	var vars []string
	apply := &cobra.Command{
		Use:   "apply FILE.hcl",
		Short: "Order the lease a file describes and wait until it runs",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := leasefile.Options{Vars: map[string]string{}}
			for _, v := range vars {
				k, val, ok := strings.Cut(v, "=")
				if !ok {
					return fmt.Errorf("--var %q: want name=value", v)
				}
				opts.Vars[k] = val
			}
			spec, diags := leasefile.ParseFile(args[0], opts)
			if diags.HasErrors() {
				return errors.New(strings.TrimRight(leasefile.FormatDiagnostics(diags, nil), "\n"))
			}
			return a.order(cmd.Context(), spec, w)
		},
	}
	apply.Flags().StringArrayVar(&vars, "var", nil, "set a variable of the file, name=value (repeatable)")
	w.add(apply.Flags())
	l.AddCommand(apply)
	return l
}

// amountMore words a shortfall: "at least 0.5 FIL more", or "a little more" when only the
// gas is missing.
func amountMore(short *big.Int) string {
	if short.Sign() == 0 {
		return "a little more"
	}
	return "at least " + lease.FormatFIL(short) + " more"
}

// newNonce is a random non-zero nonce below 2^248, so it is a BN254 field element.
func newNonce() (*big.Int, error) {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 248))
	if err != nil {
		return nil, err
	}
	return n.Add(n, big.NewInt(1)), nil
}

// order creates the on-chain order for spec and, unless told not to, waits until the lease
// runs, the provider rejects it, or the wait ends.
func (a *App) order(ctx context.Context, spec lease.Spec, w waitFlags) error {
	m, err := a.chain(ctx)
	if err != nil {
		return err
	}
	opts, err := a.wallet(ctx)
	if err != nil {
		return err
	}
	pk, err := a.paymentKey()
	if err != nil {
		return err
	}
	prov, err := m.ProviderByMiner(ctx, spec.Provider)
	if err != nil {
		if errors.Is(err, contracts.ErrUnknownProvider) {
			return fmt.Errorf("provider %s is not registered on the marketplace at %s; `shale sps` lists the registered ones", spec.Provider, m.Address.Hex())
		}
		return err
	}
	if !w.noPay {
		if err := a.checkPayerKey(spec); err != nil {
			return err
		}
	}
	nonce, err := newNonce()
	if err != nil {
		return err
	}
	o, err := spec.Order(a.chainID, m.Address, opts.From, [32]byte(pk.Public()), nonce)
	if err != nil {
		return err
	}
	req := contracts.OrderRequest{
		ID: o.ID, Provider: o.Provider, Nonce: o.Nonce, PaymentKey: o.PaymentKey, PriceAmount: o.PriceAmount,
		PricePeriod: o.PricePeriod, Duration: o.Duration, Spec: o.SpecBytes,
	}
	escrow := req.Escrow()
	balance, err := a.backend.BalanceAt(ctx, opts.From, nil)
	if err != nil {
		return fmt.Errorf("reading the balance of %s: %w; nothing was ordered: check the rpc endpoint and retry", opts.From.Hex(), err)
	}
	short := new(big.Int).Sub(escrow, balance)
	if short.Sign() <= 0 {
		short = new(big.Int) // enough for the escrow, not for the gas
	}
	noFunds := fmt.Errorf("insufficient funds: escrow %s + gas, balance %s: send %s %s plus gas, or order a shorter --duration or a lower price",
		lease.FormatFIL(escrow), lease.FormatFIL(balance), opts.From.Hex(), amountMore(short))
	if balance.Cmp(escrow) < 0 {
		return noFunds
	}
	id := lease.LeaseID{ChainID: a.chainID.Uint64(), Order: o.ID}
	rcpt, err := m.CreateOrder(ctx, opts, req)
	if err != nil {
		switch {
		case strings.Contains(err.Error(), "insufficient funds"):
			return noFunds
		case errors.Is(err, contracts.ErrUnknownProvider):
			return fmt.Errorf("provider %s is not registered on the marketplace at %s; `shale sps` lists the registered ones", spec.Provider, m.Address.Hex())
		}
		return err
	}
	a.progress("order 0x%x created, escrow %s", o.ID, lease.FormatFIL(escrow))
	rec := &LeaseRecord{
		Lease: id.String(), State: contracts.StateCreated.String(), MinerID: spec.Provider, Provider: prov.Address.Hex(),
		Price: formatPrice(o.PriceAmount, o.PricePeriod), Duration: spec.Duration.String(), Escrow: lease.FormatFIL(escrow),
	}
	if !w.noWait {
		if err := a.waitRunning(ctx, id, rcpt.BlockNumber.Uint64(), w.wait, rec); err != nil {
			if !w.noPay && ctx.Err() == nil {
				a.payOnceStarted(ctx, rec)
			}
			return err
		}
	}
	a.keepPaid(ctx, spec, rec, w)
	if a.json() {
		return a.printJSON(rec)
	}
	fmt.Fprintln(a.env.Stdout, id.String())
	return nil
}

// keepPaid starts the background payer of a lease that runs, so it outlives this command,
// and otherwise says what keeps the lease alive. A payer that fails to start does not fail
// the order: the lease exists and its id must still reach the user.
func (a *App) keepPaid(ctx context.Context, spec lease.Spec, rec *LeaseRecord, w waitFlags) {
	rec.Payer = payerNotRunning
	stopsAfter := spec.Prepay + spec.Grace
	switch {
	case w.noPay:
		a.progress("nothing pays for lease %s (--no-pay): its provider stops it at most %s after the last payment; "+
			"keep it paid with `shale pay --background %s`, or stay connected with `shale ssh %s`", rec.Lease, stopsAfter, rec.Lease, rec.Lease)
	default:
		pid, _, err := a.startPayer(ctx, rec.Lease)
		if err != nil {
			a.progress("lease %s: its background payer did not start: %v; "+
				"start it with `shale pay --background %s`, or its provider stops the lease %s after it starts", rec.Lease, err, rec.Lease, stopsAfter)
			return
		}
		rec.Payer, rec.PayerPID = payerRunning, pid
		when := ""
		if rec.State != contracts.StateRunning.String() {
			when = " once it runs"
		}
		a.progress("paying for lease %s in the background%s (pid %d, log %s): the lease stays up while you are away, "+
			"until it expires or `shale terminate %s`", rec.Lease, when, pid, payerLog(a.cfg.StateDir, rec.Lease), rec.Lease)
	}
}

// payOnceStarted starts the payer of an order that was accepted but did not run within the
// wait, so a lease that starts after the command gave up (a slow image pull) is still paid.
// An order nobody accepted gets none: it may never run, and its payer would wait forever.
func (a *App) payOnceStarted(ctx context.Context, rec *LeaseRecord) {
	id, err := lease.ParseLeaseID(rec.Lease)
	if err != nil {
		return
	}
	if o, err := a.market.Order(ctx, id.Order); err != nil || o.State != contracts.StateAccepted {
		return
	}
	pid, _, err := a.startPayer(ctx, rec.Lease)
	if err != nil {
		a.progress("lease %s: its background payer did not start: %v; once it runs, keep it paid with `shale pay --background %s`", rec.Lease, err, rec.Lease)
		return
	}
	a.progress("paying for lease %s in the background once it runs (pid %d, log %s)", rec.Lease, pid, payerLog(a.cfg.StateDir, rec.Lease))
}

// checkPayerKey refuses, before anything reaches the chain, an order whose SSH keys leave
// out ssh_key: the payer and `shale ssh` log in with it, so the lease could not be paid.
func (a *App) checkPayerKey(spec lease.Spec) error {
	signer, err := a.sshSigner()
	if err != nil {
		return fmt.Errorf("%w; the background payer logs in with it (or order with --no-pay and pay another way)", err)
	}
	mine := signer.PublicKey().Marshal()
	for _, k := range spec.SSHKeys {
		if pk, err := lease.ParseSSHKey(k); err == nil && bytes.Equal(pk.Marshal(), mine) {
			return nil
		}
	}
	return fmt.Errorf("the order does not authorize ssh_key %s, the key the background payer and `shale ssh` log in with: "+
		"set ssh_key in %s to the private half of a key you pass with --ssh_pubkey, or add --ssh_pubkey=%s.pub (--no-pay skips this check)",
		a.cfg.SSHKey, a.path, a.cfg.SSHKey)
}

// waitRunning follows the order's events from block from until LeaseStarted, OrderRejected,
// OrderReleased (the lease failed to start) or the deadline, reporting each step on stderr.
func (a *App) waitRunning(ctx context.Context, id lease.LeaseID, from uint64, wait time.Duration, rec *LeaseRecord) error {
	deadline := time.Now().Add(wait)
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	interval := a.env.PollInterval
	if interval <= 0 {
		interval = 2 * time.Second
	}
	accepted := false
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		evs, err := a.market.Events(ctx, from, nil)
		// A call cut by the deadline can fail before ctx reports it; that is the timeout below.
		if err != nil && ctx.Err() == nil && time.Now().Before(deadline) {
			return err
		}
		for _, ev := range evs {
			switch v := ev.Value.(type) {
			case *bindings.MarketplaceOrderAccepted:
				if v.OrderId == id.Order && !accepted {
					accepted = true
					rec.State = contracts.StateAccepted.String()
					a.progress("accepted by %s", rec.MinerID)
				}
			case *bindings.MarketplaceLeaseStarted:
				if v.OrderId == id.Order {
					rec.State, rec.Endpoint = contracts.StateRunning.String(), v.Endpoint
					a.progress("lease running at %s", v.Endpoint)
					return nil
				}
			case *bindings.MarketplaceOrderRejected:
				if v.OrderId == id.Order {
					return fmt.Errorf("order rejected by %s: %s; escrow refunded (%s, withdraw it with `shale withdraw`)",
						rec.MinerID, printable(v.Reason), lease.FormatFIL(v.Refund))
				}
			case *bindings.MarketplaceOrderCancelled:
				if v.OrderId == id.Order {
					return fmt.Errorf("order %s was cancelled; escrow refunded", id)
				}
			case *bindings.MarketplaceOrderReleased:
				// Released before LeaseStarted: the provider gave up on starting the lease.
				if v.OrderId == id.Order {
					return fmt.Errorf("lease %s failed to start on %s: %s; escrow refunded (%s): withdraw it with `shale withdraw`",
						id, rec.MinerID, releaseReason(v.Reason), lease.FormatFIL(v.Refund))
				}
			}
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("stopped waiting for lease %s (%s); follow it with `shale leases`", id, rec.State)
			}
			if accepted {
				return fmt.Errorf("lease %s accepted but not running after %s; check later with `shale leases`, or end it with `shale terminate %s`", id, wait, id)
			}
			return fmt.Errorf("order %s not accepted after %s; it stays open: wait with `shale leases`, or cancel it and recover the escrow with `shale cancel %s`", id, wait, id)
		}
	}
}

func (a *App) cancelCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "cancel LEASE",
		Short: "Cancel an order the provider has not accepted yet; the escrow is credited back",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := a.leaseRecord(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			opts, err := a.wallet(cmd.Context())
			if err != nil {
				return err
			}
			if _, err := a.market.CancelOrder(cmd.Context(), opts, r.ID.Order); err != nil {
				if errors.Is(err, contracts.ErrWrongState) {
					next := "there is nothing to cancel"
					if r.Order.State == contracts.StateAccepted || r.Order.State == contracts.StateRunning {
						next = fmt.Sprintf("end it with `shale terminate %s`", r.Lease)
					}
					return fmt.Errorf("lease %s is %s: only an order not yet accepted can be cancelled; %s", r.Lease, r.State, next)
				}
				return err
			}
			a.progress("order %s cancelled; %s credited back, withdraw it with `shale withdraw`", r.Lease, r.Escrow)
			return nil
		},
	}
}

func (a *App) reclaimCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "reclaim LEASE",
		Short: "Take back the escrow and the provider's collateral of a lease its provider did not settle in time",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			r, err := a.leaseRecord(ctx, args[0])
			if err != nil {
				return err
			}
			opts, err := a.wallet(ctx)
			if err != nil {
				return err
			}
			if _, err := a.market.Reclaim(ctx, opts, r.ID.Order); err != nil {
				switch {
				case errors.Is(err, contracts.ErrTooEarly):
					window, werr := a.market.SettleWindow(ctx)
					if werr != nil {
						return err
					}
					return fmt.Errorf("lease %s: its provider may settle until %s; reclaim after that",
						r.Lease, r.Order.SettleDeadline(window).Format(time.RFC3339))
				case errors.Is(err, contracts.ErrWrongState):
					return fmt.Errorf("lease %s is %s: only an accepted, running or terminated lease its provider never settled can be reclaimed; `shale leases` shows what was paid and refunded", r.Lease, r.State)
				}
				return err
			}
			amount := new(big.Int).Add(r.Order.Escrow, r.Order.Collateral)
			if a.json() {
				return a.printJSON(map[string]string{"lease": r.Lease, "reclaimed": lease.FormatFIL(amount), "reclaimed_attofil": amount.String()})
			}
			fmt.Fprintf(a.env.Stdout, "reclaimed %s (escrow %s + the provider's collateral) for lease %s; withdraw it with `shale withdraw`\n",
				lease.FormatFIL(amount), lease.FormatFIL(r.Order.Escrow), r.Lease)
			return nil
		},
	}
}
