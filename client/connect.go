package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shaleprotocol/shale/internal/fsutil"

	"github.com/hashicorp/go-hclog"
	"github.com/spf13/cobra"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/wire"
)

// ended reports the states in which a lease can no longer be reached.
func ended(s contracts.OrderState) bool {
	switch s {
	case contracts.StateCancelled, contracts.StateTerminated, contracts.StateSettled, contracts.StateReclaimed:
		return true
	}
	return false
}

// tunnelConfig is how to reach a running lease: the endpoint from its LeaseStarted event,
// the host key its provider attested on chain, and payment terms from the client's own order.
func (a *App) tunnelConfig(ctx context.Context, r *LeaseRecord) (tunnel.Config, error) {
	return a.tunnelConfigFor(ctx, r, true)
}

// tunnelConfigFor is tunnelConfig; a connection that pays nothing (a meter query) passes
// contact false, so it does not start the client's meter early.
func (a *App) tunnelConfigFor(ctx context.Context, r *LeaseRecord, contact bool) (tunnel.Config, error) {
	var cfg tunnel.Config
	switch {
	case ended(r.Order.State):
		return cfg, fmt.Errorf("lease ended: %s is %s on chain", r.Lease, r.State)
	case r.Order.State != contracts.StateRunning || r.Endpoint == "":
		return cfg, fmt.Errorf("lease %s is not running yet (%s); follow it with `shale leases`", r.Lease, r.State)
	case r.SpecErr != nil:
		return cfg, fmt.Errorf("lease %s: its order's spec is unreadable (%w), so it cannot be reached; end it with `shale terminate %s`", r.Lease, r.SpecErr, r.Lease)
	}
	p, err := a.market.Provider(ctx, r.Order.Provider)
	if err != nil {
		return cfg, err
	}
	signer, err := a.sshSigner()
	if err != nil {
		return cfg, err
	}
	pk, err := a.paymentKey()
	if err != nil {
		return cfg, err
	}
	if [32]byte(pk.Public()) != r.Order.PaymentKey {
		return cfg, fmt.Errorf("lease %s was ordered with another payment key than %s: set payment_key in %s to the key file it was ordered with", r.Lease, a.cfg.PaymentKey, a.configName())
	}
	var first time.Time
	if contact {
		if first, err = a.firstContact(r.Lease, time.Now()); err != nil {
			return cfg, err
		}
	}
	return tunnel.Config{
		Addr: r.Endpoint, Lease: r.ID, Signer: signer, HostKeyFingerprint: contracts.FormatHostKeyFingerprint(p.HostKeyFingerprint),
		PaymentKey: pk, Price: r.Spec.Price, Escrow: r.Order.Escrow, Prepay: r.Spec.Prepay,
		StartedAt: r.Order.StartedAt, FirstContact: first,
		OnNotice: func(n wire.Notice) { a.progress("shale: gateway: %s", n.Text) },
	}, nil
}

// firstContact is when this client first reached for the lease, kept in the state directory
// so that every later `shale ssh`, `pay` and `proxy` continues the same meter.
func (a *App) firstContact(leaseID string, now time.Time) (time.Time, error) {
	path := filepath.Join(a.cfg.StateDir, "first-contact-"+leaseID)
	if b, err := os.ReadFile(path); err == nil {
		t, perr := time.Parse(time.RFC3339, strings.TrimSpace(string(b)))
		if perr != nil {
			return time.Time{}, fmt.Errorf("first contact record %s: %w; delete it to start the meter now", path, perr)
		}
		return t, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return time.Time{}, fmt.Errorf("first contact record: %w", err)
	}
	if err := os.MkdirAll(a.cfg.StateDir, 0o700); err != nil {
		return time.Time{}, err
	}
	if err := os.WriteFile(path, []byte(now.UTC().Format(time.RFC3339)+"\n"), 0o600); err != nil {
		return time.Time{}, fmt.Errorf("first contact record: %w", err)
	}
	return now.Truncate(time.Second), nil
}

// connect resolves a lease id to a tunnel configuration.
func (a *App) connect(ctx context.Context, leaseArg string) (*LeaseRecord, tunnel.Config, error) {
	r, err := a.leaseRecord(ctx, leaseArg)
	if err != nil {
		return nil, tunnel.Config{}, err
	}
	cfg, err := a.tunnelConfig(ctx, r)
	return r, cfg, err
}

func (a *App) dial(ctx context.Context, r *LeaseRecord, cfg tunnel.Config) (*tunnel.Client, error) {
	c, err := tunnel.Dial(ctx, cfg)
	if errors.Is(err, tunnel.ErrHostKeyMismatch) {
		return nil, fmt.Errorf("refusing %s: its host key is not the one provider %s registered on chain (%s): %w; "+
			"nothing was sent to it: ask the provider to register its gateway's key again (`shale sps` shows the registered one)",
			cfg.Addr, r.MinerID, cfg.HostKeyFingerprint, err)
	}
	return c, err
}

func (a *App) sshCommand() *cobra.Command {
	var noTitle bool
	cmd := &cobra.Command{
		Use:   "ssh LEASE [--] [command args...]",
		Short: "Open a shell in the lease (or run a command), paying while connected",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if len(args) > 1 && args[1] == "--" {
				args = append(args[:1], args[2:]...)
			}
			r, cfg, err := a.connect(ctx, args[0])
			if err != nil {
				return err
			}
			f, isFile := a.env.Stdin.(*os.File)
			out := a.env.Stdout
			if title := a.titleMeter(r, len(args) == 1 && isFile && !noTitle); title != nil {
				cfg.OnUsage = title.update
				out = lockedWriter{mu: title.mu, w: a.env.Stdout}
				defer title.restore()
			}
			c, err := a.dial(ctx, r, cfg)
			if err != nil {
				return err
			}
			defer c.Close()
			payCtx, stopPay := context.WithCancel(ctx)
			payErr := make(chan error, 1)
			go func() { payErr <- c.Pay(payCtx) }()
			var code int
			switch {
			case len(args) > 1:
				code, err = c.Exec(ctx, strings.Join(args[1:], " "), a.env.Stdin, a.env.Stdout, a.env.Stderr)
			case isFile:
				code, err = c.Interactive(ctx, f, out)
			default:
				code, err = c.Exec(ctx, "sh", a.env.Stdin, a.env.Stdout, a.env.Stderr)
			}
			stopPay()
			if perr := <-payErr; errors.Is(perr, tunnel.ErrLeaseEnded) {
				a.progress("shale: lease ended: %v", perr)
			}
			if err != nil {
				return err
			}
			if code != 0 {
				return &ExitError{Code: code}
			}
			return nil
		},
	}
	// Everything after the lease id is the remote command, flags included, as with ssh(1).
	cmd.Flags().SetInterspersed(false)
	cmd.Flags().BoolVar(&noTitle, "no-title", false, "do not show the payment meter in the terminal's title")
	return cmd
}

func (a *App) payCommand() *cobra.Command {
	var background bool
	var every time.Duration
	cmd := &cobra.Command{
		Use:   "pay LEASE",
		Short: "Keep paying for a lease until it ends (reconnecting as needed; an order not yet running is waited for)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if err := checkEvery(every); err != nil {
				return err
			}
			r, err := a.leaseRecord(ctx, args[0])
			if err != nil {
				return err
			}
			if !pending(r.Order.State) {
				if _, err := a.tunnelConfig(ctx, r); err != nil {
					return err
				}
			}
			if background {
				return a.payInBackground(ctx, r)
			}
			release, err := acquirePayer(a.cfg.StateDir, r.Lease)
			if err != nil {
				if errors.Is(err, ErrPayerRunning) {
					pid, _ := payerStatus(a.cfg.StateDir, r.Lease)
					return fmt.Errorf("%w; it keeps the lease paid, nothing to do. To pay from here instead, stop it first: kill %d", err, pid)
				}
				return err
			}
			defer release()
			if r, err = a.awaitStart(ctx, r); err != nil {
				return err
			}
			cfg, err := a.tunnelConfig(ctx, r)
			if err != nil {
				return err
			}
			cfg.Logger = hclog.New(&hclog.LoggerOptions{Name: "shale", Output: a.env.Stderr, Level: hclog.Warn})
			meter := a.payMeter(r, every)
			cfg.OnUsage = meter.update
			if notice := cfg.OnNotice; notice != nil {
				cfg.OnNotice = func(n wire.Notice) {
					notice(n)
					meter.interrupted()
				}
			}
			a.progress("paying for lease %s at %s until it ends", r.Lease, r.Endpoint)
			payCtx, stop := context.WithCancelCause(ctx)
			defer stop(nil)
			go a.watchEnd(payCtx, r, stop)
			err = tunnel.PayWithReconnect(payCtx, cfg, tunnel.Backoff{})
			var over *leaseOver
			switch {
			case errors.As(context.Cause(payCtx), &over):
				a.progress("lease ended: %v", over)
				return nil
			case errors.Is(err, tunnel.ErrLeaseEnded):
				a.progress("lease ended: %v", err)
				return nil
			case errors.Is(err, tunnel.ErrHostKeyMismatch):
				return fmt.Errorf("refusing %s: its host key is not the one provider %s registered on chain: %w; "+
					"nothing was paid to it: ask the provider to register its gateway's key again (`shale sps` shows the registered one)", cfg.Addr, r.MinerID, err)
			}
			return err
		},
	}
	cmd.Flags().BoolVar(&background, "background", false, "detach and pay in the background; logs go to the state directory")
	cmd.Flags().DurationVar(&every, "every", time.Second, "least time between meter lines when stdout is not a terminal (1s to 24h)")
	return cmd
}

// pending reports the states of an order its provider has yet to start.
func pending(s contracts.OrderState) bool {
	return s == contracts.StateCreated || s == contracts.StateAccepted
}

// awaitStart waits until a pending order runs or ends, and returns its record then.
func (a *App) awaitStart(ctx context.Context, r *LeaseRecord) (*LeaseRecord, error) {
	if !pending(r.Order.State) {
		return r, nil
	}
	a.progress("lease %s is %s: paying once its provider starts it", r.Lease, r.State)
	interval := a.env.PollInterval
	if interval <= 0 {
		interval = 2 * time.Second
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for pending(r.Order.State) {
		select {
		case <-tick.C:
		case <-ctx.Done():
			return nil, fmt.Errorf("stopped waiting for lease %s to start (%s); pay for it later with `shale pay %s`", r.Lease, r.State, r.Lease)
		}
		next, err := a.leaseRecord(ctx, r.Lease)
		if err != nil {
			a.progress("checking lease %s: %v (retrying)", r.Lease, err)
			continue
		}
		r = next
		if o := r.Order; o.State == contracts.StateAccepted && !o.EndTime.IsZero() && time.Now().After(o.EndTime) {
			return nil, fmt.Errorf("lease %s was accepted but never started before its end (%s): nothing to pay; "+
				"recover the escrow with `shale reclaim %s` once its provider's settle deadline passed", r.Lease, o.EndTime.Format(time.RFC3339), r.Lease)
		}
	}
	return r, nil
}

// leaseOver is why a payer stopped without word from the gateway.
type leaseOver struct{ why string }

func (e *leaseOver) Error() string { return e.why }

// watchEnd stops a payer when the chain says its lease is over: ended on chain, or past its
// end time. The gateway usually says so first, but a payer that cannot reach it (the lease was
// terminated before it connected, the provider is gone) would otherwise retry forever.
func (a *App) watchEnd(ctx context.Context, r *LeaseRecord, stop context.CancelCauseFunc) {
	interval := a.env.PollInterval
	if interval <= 0 {
		interval = 15 * time.Second
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	end := r.Order.EndTime // the last one read: with the RPC down the payer still stops at the end
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if o, err := a.market.Order(ctx, r.ID.Order); err == nil {
			if ended(o.State) {
				stop(&leaseOver{fmt.Sprintf("%s is %s on chain", r.Lease, o.State)})
				return
			}
			end = o.EndTime
		}
		if !end.IsZero() && time.Now().After(end.Add(r.Spec.Grace)) {
			stop(&leaseOver{fmt.Sprintf("%s expired at %s", r.Lease, end.Format(time.RFC3339))})
			return
		}
	}
}

// payInBackground starts the detached payer and prints its pid.
func (a *App) payInBackground(ctx context.Context, r *LeaseRecord) error {
	pid, started, err := a.startPayer(ctx, r.Lease)
	if err != nil {
		return fmt.Errorf("lease %s: %w; run `shale pay %s` in the foreground to see why", r.Lease, err, r.Lease)
	}
	fmt.Fprintln(a.env.Stdout, pid)
	switch {
	case !started:
		a.progress("lease %s is already paid for in the background (pid %d)", r.Lease, pid)
	case pending(r.Order.State):
		a.progress("lease %s is %s: paying for it in the background once it runs (pid %d, log %s)", r.Lease, r.State, pid, payerLog(a.cfg.StateDir, r.Lease))
	default:
		a.progress("paying for lease %s in the background (pid %d, log %s)", r.Lease, pid, payerLog(a.cfg.StateDir, r.Lease))
	}
	return nil
}

// selfArgs are the global flags that make a child `shale` see the same chain and config.
func (a *App) selfArgs() []string {
	var args []string
	if a.cfg != nil && a.cfg.Path != "" {
		args = append(args, "--config", a.cfg.Path)
	}
	if a.rpcFlag != "" {
		args = append(args, "--rpc", a.rpcFlag)
	}
	if a.contractFlag != "" {
		args = append(args, "--contract", a.contractFlag)
	}
	return args
}

func (a *App) executable() (string, error) {
	if a.env.Executable != "" {
		return a.env.Executable, nil
	}
	return os.Executable()
}

func (a *App) proxyCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "proxy LEASE",
		Short: "Relay an SSH connection on stdin/stdout to the lease (OpenSSH ProxyCommand), paying meanwhile",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, cfg, err := a.connect(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return tunnel.Proxy(cmd.Context(), cfg, a.env.Stdin, a.env.Stdout)
		},
	}
}

// FetchHostKey reads the host key a gateway presents and returns it only if its SHA-256
// fingerprint is want; the handshake stops before authentication.
func FetchHostKey(ctx context.Context, addr, want string) (ssh.PublicKey, error) {
	var got ssh.PublicKey
	errStop := errors.New("host key received")
	sc := &ssh.ClientConfig{
		Config: wire.DefaultConfig(),
		User:   "host-key-probe",
		HostKeyCallback: func(_ string, _ net.Addr, k ssh.PublicKey) error {
			got = k
			return errStop
		},
		HostKeyAlgorithms: []string{ssh.KeyAlgoED25519},
		Timeout:           30 * time.Second,
	}
	ctx, cancel := context.WithTimeout(ctx, sc.Timeout)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	defer nc.Close()
	stop := context.AfterFunc(ctx, func() { nc.Close() })
	defer stop()
	if _, _, _, err := ssh.NewClientConn(nc, addr, sc); got == nil {
		return nil, fmt.Errorf("handshake with %s: %w", addr, err)
	}
	if fp := ssh.FingerprintSHA256(got); fp != want {
		return nil, fmt.Errorf("%w: %s presents %s, the provider registered %s", tunnel.ErrHostKeyMismatch, addr, fp, want)
	}
	return got, nil
}

func (a *App) sshConfigCommand() *cobra.Command {
	var direct bool
	cmd := &cobra.Command{
		Use:   "ssh-config [LEASE...]",
		Short: "Print OpenSSH Host entries for leases (default: all your running ones) and write their verified known_hosts",
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			var rs []*LeaseRecord
			if len(args) == 0 {
				me, err := a.address()
				if err != nil {
					return err
				}
				all, err := a.leaseRecords(ctx, &me)
				if err != nil {
					return err
				}
				for _, r := range all {
					if r.Order.State == contracts.StateRunning {
						rs = append(rs, r)
					}
				}
			}
			for _, l := range args {
				r, err := a.leaseRecord(ctx, l)
				if err != nil {
					return err
				}
				rs = append(rs, r)
			}
			if len(rs) == 0 {
				a.progress("no running leases")
				return nil
			}
			c, _ := a.config()
			khPath := filepath.Join(c.StateDir, "known_hosts")
			var hosts []string
			var out strings.Builder
			exe, err := a.executable()
			if err != nil {
				return err
			}
			for _, r := range rs {
				cfg, err := a.tunnelConfig(ctx, r)
				if err != nil {
					return err
				}
				key, err := FetchHostKey(ctx, cfg.Addr, cfg.HostKeyFingerprint)
				if err != nil {
					if errors.Is(err, tunnel.ErrHostKeyMismatch) {
						return fmt.Errorf("lease %s: refusing the gateway: %w; nothing was written: ask provider %s to register its gateway's key again", r.Lease, err, r.MinerID)
					}
					return fmt.Errorf("lease %s: reading the gateway's host key: %w; check that the lease still runs (`shale leases`) and retry", r.Lease, err)
				}
				host, port, err := net.SplitHostPort(cfg.Addr)
				if err != nil {
					return fmt.Errorf("lease %s: endpoint %q: %w", r.Lease, cfg.Addr, err)
				}
				hosts = append(hosts, knownhosts.Line([]string{knownhosts.Normalize(cfg.Addr)}, key))
				fmt.Fprintf(&out, "Host shale-%x\n", r.ID.Order[:4])
				fmt.Fprintf(&out, "    HostName %s\n    Port %s\n    User %s\n", host, port, r.Lease)
				fmt.Fprintf(&out, "    IdentityFile %s\n    IdentitiesOnly yes\n", c.SSHKey)
				fmt.Fprintf(&out, "    UserKnownHostsFile %s\n    StrictHostKeyChecking yes\n", khPath)
				if !direct {
					fmt.Fprintf(&out, "    ProxyCommand %s\n", shellJoin(append(append([]string{exe}, a.selfArgs()...), "proxy", r.Lease)))
				}
				out.WriteString("\n")
			}
			if err := mergeKnownHosts(khPath, hosts); err != nil {
				return err
			}
			if direct {
				a.progress("direct connections do not pay: keep `shale pay <lease>` running alongside")
			}
			_, err = fmt.Fprint(a.env.Stdout, out.String())
			return err
		},
	}
	cmd.Flags().BoolVar(&direct, "direct", false, "connect straight to the gateway instead of through shale proxy (then pay separately: shale pay --background LEASE)")
	return cmd
}

// mergeKnownHosts replaces the entries for the same hosts and keeps the others.
func mergeKnownHosts(path string, lines []string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	replaced := map[string]bool{}
	for _, l := range lines {
		replaced[strings.Fields(l)[0]] = true
	}
	var keep []string
	if old, err := os.ReadFile(path); err == nil {
		for _, l := range strings.Split(string(old), "\n") {
			if f := strings.Fields(l); len(f) > 0 && !replaced[f[0]] {
				keep = append(keep, l)
			}
		}
	}
	all := append(keep, lines...)
	return fsutil.WriteDurable(path, []byte(strings.Join(all, "\n")+"\n"), 0o600)
}

// shellJoin quotes words for the shell OpenSSH runs ProxyCommand with.
func shellJoin(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		if w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,") == "" {
			out[i] = w
		} else {
			out[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}
