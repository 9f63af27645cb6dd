package tunnel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/voucher"

	"github.com/shaleprotocol/shale/wire"
)

// Client-side sentinel errors.
var (
	// ErrHostKeyMismatch means the gateway's host key is not the one attested for the provider.
	ErrHostKeyMismatch = errors.New("tunnel: gateway host key does not match the expected fingerprint")
	// ErrLeaseEnded means the gateway announced the end of the lease (terminate, arrears).
	ErrLeaseEnded = errors.New("tunnel: lease ended")
)

// Config says how to reach a lease and what the client agreed to pay. The terms come
// from the client's own order, never from the gateway, so a gateway cannot raise the price.
type Config struct {
	Addr               string // host:port of the provider's gateway
	Lease              lease.LeaseID
	Signer             ssh.Signer // the lease's SSH key
	HostKeyFingerprint string     // "SHA256:...", as attested on chain

	PaymentKey *voucher.PrivateKey
	Price      lease.Price
	Escrow     *big.Int
	Prepay     time.Duration
	// StartedAt is the lease's start as the chain recorded it (LeaseStarted), and
	// FirstContact the client's own first connection to the lease (zero: this Dial). The
	// client's meter starts at the later of the two, never at a time the gateway names,
	// so a gateway cannot bill time the client did not have.
	StartedAt    time.Time
	FirstContact time.Time

	Logger hclog.Logger
	// OnNotice, when set, receives the gateway's notices (overdue, terminating, rejected).
	OnNotice func(wire.Notice)
	// OnUsage, when set, receives the lease's meter while Pay runs: each usage report of the
	// gateway, or each invoice of a gateway without them.
	OnUsage func(Usage)
	// DialTimeout bounds TCP connect plus SSH handshake (default 30 s).
	DialTimeout time.Duration
}

// Client is one SSH connection to a lease through its provider's gateway.
type Client struct {
	cfg  Config
	log  hclog.Logger
	conn *ssh.Client

	mu      sync.Mutex
	seq     uint64   // last seq signed (the gateway wants exactly seq+1 next)
	signed  *big.Int // highest amount signed
	resync  bool     // take seq and amount from the next invoice (after a rejection)
	acked   *voucher.Voucher
	started time.Time // the client's own meter start (Config.StartedAt, FirstContact)
	refused bool      // an over-asking invoice was reported on this connection
}

// Dial connects and authenticates, accepting only the host key with the expected fingerprint.
func Dial(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.Signer == nil || cfg.HostKeyFingerprint == "" {
		return nil, errors.New("tunnel: client config needs Signer and HostKeyFingerprint")
	}
	if cfg.Logger == nil {
		cfg.Logger = hclog.NewNullLogger()
	}
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = 30 * time.Second
	}
	sc := &ssh.ClientConfig{
		Config: wire.DefaultConfig(),
		User:   cfg.Lease.String(),
		Auth:   []ssh.AuthMethod{ssh.PublicKeys(cfg.Signer)},
		HostKeyCallback: func(_ string, _ net.Addr, key ssh.PublicKey) error {
			if ssh.FingerprintSHA256(key) != cfg.HostKeyFingerprint {
				return fmt.Errorf("%w: got %s, want %s", ErrHostKeyMismatch, ssh.FingerprintSHA256(key), cfg.HostKeyFingerprint)
			}
			return nil
		},
		HostKeyAlgorithms: []string{ssh.KeyAlgoED25519},
		Timeout:           cfg.DialTimeout,
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.DialTimeout)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("tunnel: dial %s: %w", cfg.Addr, err)
	}
	stop := context.AfterFunc(ctx, func() { nc.Close() })
	c, chans, reqs, err := ssh.NewClientConn(nc, cfg.Addr, sc)
	if !stop() {
		if c != nil {
			c.Close()
		}
		return nil, fmt.Errorf("tunnel: handshake with %s: %w", cfg.Addr, ctx.Err())
	}
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("tunnel: handshake with %s: %w", cfg.Addr, err)
	}
	if cfg.FirstContact.IsZero() {
		cfg.FirstContact = time.Now()
	}
	started := cfg.FirstContact
	// The chain's start bounds the meter only where it is in the past by this client's clock:
	// a chain clock running ahead (skew, or a dev chain's block times) would otherwise leave
	// the client paying for less than the time it had, and its lease stopped for arrears.
	if cfg.StartedAt.After(started) && !cfg.StartedAt.After(time.Now()) {
		started = cfg.StartedAt
	}
	return &Client{cfg: cfg, log: cfg.Logger.Named("sshclient"), conn: ssh.NewClient(c, chans, reqs),
		signed: new(big.Int), started: started}, nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// SSH is the underlying connection, for port forwarding and custom sessions.
func (c *Client) SSH() *ssh.Client { return c.conn }

// Exec runs cmd in the lease container and returns its exit status. stdin may be nil.
func (c *Client) Exec(ctx context.Context, cmd string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	return c.session(ctx, func(s *ssh.Session) error { return s.Start(cmd) }, stdin, stdout, stderr)
}

// Shell starts an interactive shell with a PTY of the given size and returns its exit status.
// A terminal has one output stream; the gateway's notices (stderr) are merged into stdout.
func (c *Client) Shell(ctx context.Context, term string, rows, cols int, stdin io.Reader, stdout io.Writer) (int, error) {
	sw := &syncWriter{w: stdout}
	return c.session(ctx, func(s *ssh.Session) error {
		if err := s.RequestPty(term, rows, cols, ssh.TerminalModes{}); err != nil {
			return fmt.Errorf("pty: %w", err)
		}
		return s.Shell()
	}, stdin, sw, sw)
}

// syncWriter lets one writer take both of a session's streams, which are copied concurrently.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (c *Client) session(ctx context.Context, start func(*ssh.Session) error, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	s, err := c.conn.NewSession()
	if err != nil {
		return -1, fmt.Errorf("tunnel: new session: %w", err)
	}
	defer s.Close()
	s.Stdin, s.Stdout, s.Stderr = stdin, stdout, stderr
	if err := start(s); err != nil {
		return -1, fmt.Errorf("tunnel: start: %w", err)
	}
	stop := context.AfterFunc(ctx, func() { s.Close() })
	defer stop()
	err = s.Wait()
	var ee *ssh.ExitError
	switch {
	case err == nil:
		return 0, nil
	case errors.As(err, &ee):
		return ee.ExitStatus(), nil
	case ctx.Err() != nil:
		return -1, ctx.Err()
	default:
		return -1, fmt.Errorf("tunnel: session: %w", err)
	}
}

// Paid returns the last voucher the gateway acknowledged on this client (nil if none).
func (c *Client) Paid() *voucher.Voucher {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.acked == nil {
		return nil
	}
	return c.acked.Clone()
}

// MeterStart is when the client's own meter started: the later of the on-chain start and
// the client's first contact.
func (c *Client) MeterStart() time.Time { return c.started }

// target is what the client is willing to have paid at now: the cost of its own metered
// time up to now + prepay, never more than the escrow.
func (c *Client) target(now time.Time) *big.Int {
	d := max(now.Sub(c.started), 0) + c.cfg.Prepay
	t := c.cfg.Price.Cost(d)
	if c.cfg.Escrow != nil && t.Cmp(c.cfg.Escrow) > 0 {
		t.Set(c.cfg.Escrow)
	}
	return t
}

// Pay opens the payment channel and keeps the lease paid up to now + prepay until ctx ends
// (nil) or the gateway ends the lease or the connection (ErrLeaseEnded or an I/O error).
func (c *Client) Pay(ctx context.Context) error {
	if c.cfg.PaymentKey == nil || c.cfg.Escrow == nil {
		return errors.New("tunnel: Pay needs PaymentKey and Escrow")
	}
	ch, closeCh, err := c.openPayment(ctx)
	if err != nil {
		return err
	}
	defer closeCh()

	msgs := make(chan wire.Message, 8)
	readErr := make(chan error, 1)
	go func() {
		defer close(msgs)
		for {
			m, err := wire.ReadMessage(ch)
			if err != nil {
				readErr <- err
				return
			}
			select {
			case msgs <- m:
			case <-ctx.Done():
				return
			}
		}
	}()
	tick := time.NewTicker(min(max(c.cfg.Prepay/4, time.Second), 30*time.Second))
	defer tick.Stop()
	haveTerms, reports, invoices := false, false, 0
	for {
		select {
		case <-ctx.Done():
			return nil
		case m, ok := <-msgs:
			if !ok {
				if ctx.Err() != nil {
					return nil
				}
				return fmt.Errorf("tunnel: payment channel closed: %w", <-readErr)
			}
			switch m := m.(type) {
			case *wire.Invoice:
				c.checkInvoice(m, time.Now())
				c.mu.Lock()
				if c.resync || !haveTerms {
					// The gateway's record is the truth: a voucher lost in a dropped
					// connection was never accepted, so its seq is reused.
					c.seq, c.signed = m.LastSeq, new(big.Int).Set(m.Paid)
					c.resync = false
				}
				c.mu.Unlock()
				haveTerms = true
				// A gateway with usage reports sends one right after its first invoice; one
				// that sent none by the second invoice has none, and its invoices stand in.
				if invoices++; !reports && invoices >= 2 {
					c.report(usageFromInvoice(m, time.Now()))
				}
			case *wire.Usage:
				reports = true
				c.report(Usage{Usage: *m})
				continue
			case *wire.Ack:
				c.onAck(m)
				continue
			case *wire.Notice:
				if c.cfg.OnNotice != nil {
					c.cfg.OnNotice(*m)
				}
				switch m.Code {
				case wire.NoticeTerminating:
					return fmt.Errorf("%w: %s", ErrLeaseEnded, m.Text)
				case wire.NoticeRejected:
					c.mu.Lock()
					c.resync = true
					c.mu.Unlock()
				}
				continue
			default:
				continue
			}
		case <-tick.C:
		}
		if haveTerms {
			if err := c.payUpTo(ch, time.Now()); err != nil {
				return err
			}
		}
	}
}

// checkInvoice refuses, once per connection, an invoice that asks for more than the
// client's own meter (with its prepay) allows: the client keeps paying by its meter only.
func (c *Client) checkInvoice(inv *wire.Invoice, now time.Time) {
	c.mu.Lock()
	own := c.target(now)
	report := inv.Due != nil && inv.Due.Cmp(own) > 0 && !c.refused
	if report {
		c.refused = true
	}
	c.mu.Unlock()
	if !report {
		return
	}
	text := fmt.Sprintf("invoice refused: the gateway asks %s attoFIL (metering from %s), this client's meter allows %s (from %s, prepay included); paying by the client's meter",
		inv.Due, inv.StartedAt.UTC().Format(time.RFC3339), own, c.started.UTC().Format(time.RFC3339))
	if c.cfg.OnNotice != nil {
		c.cfg.OnNotice(wire.Notice{Code: wire.NoticeInfo, Text: text})
	} else {
		c.log.Warn(text)
	}
}

func (c *Client) onAck(a *wire.Ack) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.acked == nil || a.Seq > c.acked.Seq {
		c.acked = &voucher.Voucher{OrderID: c.cfg.Lease.Order, Seq: a.Seq, Amount: new(big.Int).Set(a.Amount)}
	}
}

// payUpTo signs and sends a voucher when the target has grown past what was signed.
func (c *Client) payUpTo(w io.Writer, now time.Time) error {
	c.mu.Lock()
	t := c.target(now)
	if t.Cmp(c.signed) <= 0 {
		c.mu.Unlock()
		return nil
	}
	c.seq++
	v, err := voucher.Sign(c.cfg.PaymentKey, c.cfg.Lease.Order, c.seq, t)
	if err != nil {
		c.mu.Unlock()
		return fmt.Errorf("tunnel: sign voucher: %w", err)
	}
	c.signed.Set(t)
	c.mu.Unlock()
	c.log.Debug("voucher sent", "seq", v.Seq, "amount", v.Amount.String())
	return wire.WriteMessage(w, &wire.VoucherMessage{Voucher: v})
}

// openPayment opens the payment channel, closed by the returned func or when ctx ends.
func (c *Client) openPayment(ctx context.Context) (ssh.Channel, func(), error) {
	ch, reqs, err := c.conn.OpenChannel(wire.PaymentChannel, wire.EncodeOpen(wire.CapUsage))
	if err != nil {
		return nil, nil, fmt.Errorf("tunnel: open payment channel: %w", err)
	}
	go ssh.DiscardRequests(reqs)
	stop := context.AfterFunc(ctx, func() { ch.Close() })
	return ch, func() {
		stop()
		ch.Close()
	}, nil
}

// Invoice asks the gateway for the lease's current invoice, which names the last voucher it
// accepted: what the client has paid so far.
func (c *Client) Invoice(ctx context.Context) (*wire.Invoice, error) {
	ch, closeCh, err := c.openPayment(ctx)
	if err != nil {
		return nil, err
	}
	defer closeCh()
	inv, err := readInvoice(ch)
	if err != nil {
		return nil, fmt.Errorf("tunnel: invoice: %w", err)
	}
	return inv, nil
}

// readInvoice reads the invoice a gateway sends first on every payment channel.
func readInvoice(r io.Reader) (*wire.Invoice, error) {
	m, err := wire.ReadMessage(r)
	if err != nil {
		return nil, err
	}
	inv, ok := m.(*wire.Invoice)
	if !ok {
		return nil, fmt.Errorf("expected an invoice, got %T", m)
	}
	return inv, nil
}

// Terminate asks the gateway to end the lease now, naming the last acknowledged voucher as
// the receipt, and returns once the gateway confirmed or ctx ended.
func (c *Client) Terminate(ctx context.Context) error {
	ch, closeCh, err := c.openPayment(ctx)
	if err != nil {
		return err
	}
	defer closeCh()
	// The first invoice names the gateway's last accepted voucher, which the terminate must cite.
	inv, err := readInvoice(ch)
	if err != nil {
		return fmt.Errorf("tunnel: terminate: %w", err)
	}
	t, err := voucher.SignTerminate(c.cfg.PaymentKey, c.cfg.Lease.Order, inv.LastSeq, inv.Paid)
	if err != nil {
		return fmt.Errorf("tunnel: sign terminate: %w", err)
	}
	if err := wire.WriteMessage(ch, &wire.TerminateMessage{Terminate: t}); err != nil {
		return err
	}
	for {
		m, err := wire.ReadMessage(ch)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil // the gateway closed the lease's connections
			}
			return fmt.Errorf("tunnel: terminate: %w", err)
		}
		if n, ok := m.(*wire.Notice); ok {
			switch n.Code {
			case wire.NoticeTerminating:
				return nil
			case wire.NoticeRejected:
				return fmt.Errorf("tunnel: terminate refused: %s", n.Text)
			}
		}
	}
}

// Backoff bounds reconnect delays: doubling from Min up to Max.
type Backoff struct{ Min, Max time.Duration }

// PayWithReconnect keeps paying for the lease across dropped connections, redialling with
// exponential backoff, until ctx ends (nil) or the lease ended (ErrLeaseEnded).
func PayWithReconnect(ctx context.Context, cfg Config, b Backoff) error {
	if b.Min <= 0 {
		b.Min = time.Second
	}
	if b.Max < b.Min {
		b.Max = time.Minute
	}
	delay := b.Min
	log := cfg.Logger
	if log == nil {
		log = hclog.NewNullLogger()
	}
	for {
		c, err := Dial(ctx, cfg)
		if err == nil {
			// Reconnecting continues the same meter: it started at the first contact.
			cfg.FirstContact = c.cfg.FirstContact
			start := time.Now()
			err = c.Pay(ctx)
			c.Close()
			if errors.Is(err, ErrLeaseEnded) { // final; a dropped link is retried below
				return err
			}
			if time.Since(start) > b.Max {
				delay = b.Min // the link was healthy for a while: start over
			}
		}
		if errors.Is(err, ErrHostKeyMismatch) {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
		log.Warn("payment connection lost; reconnecting", "error", err, "in", delay)
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return nil
		}
		delay = min(2*delay, b.Max)
	}
}
