package gateway

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/voucher"

	"github.com/shaleprotocol/shale/wire"
)

// checkInterval is how often a lease's arrears are checked; invoices go out less often.
const checkInterval = time.Second

// voucherRate and voucherBurst bound the messages a lease's client may send on its payment
// channels: an honest payer sends about one voucher a second at most, each of which costs
// the gateway a signature check and two fsyncs.
const (
	voucherRate  = rate.Limit(2)
	voucherBurst = 16
)

// payments is the payment side of a lease: the voucher ledger, its durable log and the
// payment channels currently open.
type payments struct {
	ls     *leaseState
	pub    voucher.PublicKey
	escrow *big.Int
	floor  *big.Int // Lease.Paid: what was proven before this process (may exceed the log)

	mu     sync.Mutex // serialises ledger checks, log appends and acks
	ledger *voucher.Ledger
	log    *voucherLog

	limiter *rate.Limiter // client messages of every channel of the lease

	chMu     sync.Mutex
	channels map[*payConn]struct{}
	stopOnce sync.Once
}

// payConn is one open payment channel. Every message to the client goes through a bounded
// queue drained by the channel's own writer, so a client that stops reading can only stall
// its own writer, never the lease's arrears check; one that lets the queue fill up or a
// write outlast the send timeout is cut off (its connection closed) and counts as not paying.
type payConn struct {
	ch      ssh.Channel
	caps    wire.Capabilities // what the client named when opening the channel
	out     chan outMsg
	timeout time.Duration
	cut     func(reason string)
	done    chan struct{} // closed when the writer has stopped
}

type outMsg struct {
	m       wire.Message
	written chan struct{} // closed once m is on the wire (nil: nobody waits)
}

// paymentQueue bounds the messages waiting for one client; an honest payer reads each
// within moments, so a full queue means the client stopped reading.
const paymentQueue = 32

func newPayConn(ch ssh.Channel, timeout time.Duration, cut func(string)) *payConn {
	return &payConn{ch: ch, out: make(chan outMsg, paymentQueue), timeout: timeout, cut: cut, done: make(chan struct{})}
}

// writeLoop sends queued messages until ctx ends or a write fails or times out.
func (p *payConn) writeLoop(ctx context.Context) {
	defer close(p.done)
	for {
		select {
		case <-ctx.Done():
			return
		case om := <-p.out:
			t := time.AfterFunc(p.timeout, func() {
				p.cut(fmt.Sprintf("a payment message waited more than %s to be read", p.timeout))
			})
			err := wire.WriteMessage(p.ch, om.m)
			stopped := t.Stop()
			if om.written != nil {
				close(om.written)
			}
			if err != nil || !stopped {
				return
			}
		}
	}
}

// send queues m without ever blocking; a full queue cuts the client off.
func (p *payConn) send(m wire.Message) {
	p.enqueue(outMsg{m: m})
}

func (p *payConn) enqueue(om outMsg) bool {
	select {
	case p.out <- om:
		return true
	case <-p.done:
	default:
		p.cut(fmt.Sprintf("%d payment messages left unread", paymentQueue))
	}
	return false
}

// paymentsRequired reports whether the lease costs anything: a free lease needs no channel.
func paymentsRequired(l Lease) bool {
	return l.Price.Amount != nil && l.Price.Amount.Sign() > 0
}

func newPayments(ls *leaseState, dir string) (*payments, error) {
	l := ls.lease
	if l.Escrow == nil || l.Escrow.Sign() <= 0 {
		return nil, fmt.Errorf("%w %s: a priced lease needs a positive escrow", ErrInvalidLease, ls.id)
	}
	if err := l.Price.Validate(); err != nil {
		return nil, fmt.Errorf("%w %s: %w", ErrInvalidLease, ls.id, err)
	}
	pub := voucher.PublicKey(l.PaymentKey)
	vlog, last, err := openVoucherLog(dir, ls.id, l.MirrorDir)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %w", ErrInvalidLease, ls.id, err)
	}
	ledger, err := voucher.NewLedger(pub, l.ID.Order, l.Escrow, last)
	if err != nil {
		vlog.close()
		return nil, fmt.Errorf("%w %s: %w", ErrInvalidLease, ls.id, err)
	}
	floor := new(big.Int)
	if l.Paid != nil {
		floor.Set(l.Paid)
	}
	return &payments{ls: ls, pub: pub, escrow: new(big.Int).Set(l.Escrow), floor: floor,
		ledger: ledger, log: vlog, channels: map[*payConn]struct{}{},
		limiter: rate.NewLimiter(voucherRate, voucherBurst)}, nil
}

// paid is the amount the provider can prove: the last voucher, or the recovered floor.
func (p *payments) paid() *big.Int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.paidLocked()
}

func (p *payments) paidLocked() *big.Int {
	paid := new(big.Int).Set(p.floor)
	if v := p.ledger.Last(); v != nil && v.Amount.Cmp(paid) > 0 {
		paid.Set(v.Amount)
	}
	return paid
}

// due is the cost of elapsed time, capped at the escrow (the client can never owe more).
func (p *payments) due(elapsed time.Duration) *big.Int {
	d := p.ls.lease.Price.Cost(elapsed)
	if d.Cmp(p.escrow) > 0 {
		d.Set(p.escrow)
	}
	return d
}

// paidThrough is the instant the paid amount stops covering the lease.
func (p *payments) paidThrough(paid *big.Int) time.Time {
	price := p.ls.lease.Price
	if price.Amount.Sign() == 0 {
		return p.ls.lease.ExpiresAt
	}
	// Whole seconds covered: floor(paid × period / amount).
	secs := new(big.Int).Mul(paid, big.NewInt(int64(price.Period/time.Second)))
	secs.Quo(secs, price.Amount)
	if !secs.IsInt64() || secs.Int64() > int64(100*365*24*3600) {
		return p.ls.lease.StartedAt.Add(100 * 365 * 24 * time.Hour)
	}
	return p.ls.lease.StartedAt.Add(time.Duration(secs.Int64()) * time.Second)
}

func (p *payments) invoice(now time.Time) *wire.Invoice {
	p.mu.Lock()
	paid := p.paidLocked()
	var lastSeq uint64
	if v := p.ledger.Last(); v != nil {
		lastSeq = v.Seq
	}
	p.mu.Unlock()
	l := p.ls.lease
	return &wire.Invoice{
		Due: p.due(p.ls.elapsed(now)), Paid: paid, Escrow: new(big.Int).Set(p.escrow),
		PriceAmount: new(big.Int).Set(l.Price.Amount), Period: l.Price.Period,
		StartedAt: l.StartedAt, PaidThrough: p.paidThrough(paid),
		Prepay: l.Prepay, Grace: l.Grace, LastSeq: lastSeq,
	}
}

// monitor checks arrears every second and sends invoices periodically until the lease ends.
// Nothing in it waits on a client: sends are queued (payConn) and notices written by their
// own goroutines, so a client that stops reading cannot delay the check.
func (p *payments) monitor(ctx context.Context) {
	t := time.NewTicker(checkInterval)
	defer t.Stop()
	every := min(max(p.ls.lease.Prepay/4, checkInterval), 30*time.Second)
	lastInvoice := time.Now()
	behind, warned := false, false
	setBehind := func(b bool) {
		if b != behind {
			behind = b
			if b {
				p.ls.g.metrics.behind.Inc()
			} else {
				p.ls.g.metrics.behind.Dec()
			}
		}
	}
	defer setBehind(false)
	grace := p.ls.lease.Grace
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			p.broadcastUsage(now)
			elapsed := p.ls.elapsed(now)
			paid := p.paid()
			setBehind(paid.Cmp(p.due(elapsed)) < 0)
			// Arrears beyond grace: what was due `grace` ago is still not paid.
			if owed := p.due(elapsed - grace); elapsed > grace && paid.Cmp(owed) < 0 {
				p.ls.g.metrics.arrears.Inc()
				p.stop(fmt.Sprintf("payment overdue beyond the %s grace: paid %s attoFIL of %s due",
					grace, paid, p.due(elapsed)))
				return
			}
			// Half the grace gone: warn once per episode, while the client can still pay.
			late := paid.Cmp(p.due(elapsed-grace/2)) < 0 && elapsed > grace/2
			if late && !warned {
				p.warn(now, paid, p.due(elapsed))
			}
			warned = late
			if now.Sub(lastInvoice) >= every {
				lastInvoice = now
				inv := p.invoice(now)
				p.broadcast(inv)
				switch {
				case inv.Paid.Cmp(inv.Due) < 0:
					p.broadcast(&wire.Notice{Code: wire.NoticeOverdue, Text: fmt.Sprintf(
						"payment overdue: paid %s of %s attoFIL due; the lease stops after %s of arrears",
						inv.Paid, inv.Due, grace)})
				case inv.Paid.Cmp(p.escrow) < 0 && inv.PaidThrough.Before(now.Add(p.ls.lease.Prepay/2)):
					// Paid, but the prepaid margin is half gone: a live payer tops up before this.
					p.broadcast(&wire.Notice{Code: wire.NoticeLowBalance, Text: fmt.Sprintf(
						"low balance: paid through %s", inv.PaidThrough.UTC().Format(time.RFC3339))})
				}
			}
		}
	}
}

// warn tells every session (stderr), every payment channel and the operator (OnWarn: a task
// event) that the lease will stop for arrears, and when.
func (p *payments) warn(now time.Time, paid, due *big.Int) {
	stopAt := p.paidThrough(paid).Add(p.ls.lease.Grace).Add(checkInterval)
	msg := fmt.Sprintf("payment overdue: paid %s of %s attoFIL due; the lease stops at %s (in %s) unless paid",
		paid, due, stopAt.UTC().Format(time.RFC3339), max(stopAt.Sub(now), 0).Truncate(time.Second))
	p.ls.g.log.Warn("lease payment overdue", "lease", p.ls.id, "paid", paid.String(), "due", due.String())
	p.broadcast(&wire.Notice{Code: wire.NoticeOverdue, Text: msg})
	p.ls.notifySessions("shale: " + msg)
	if f := p.ls.lease.OnWarn; f != nil {
		go f(msg)
	}
}

func (p *payments) conns() []*payConn {
	p.chMu.Lock()
	defer p.chMu.Unlock()
	conns := make([]*payConn, 0, len(p.channels))
	for c := range p.channels {
		conns = append(conns, c)
	}
	return conns
}

func (p *payments) broadcast(m wire.Message) {
	for _, c := range p.conns() {
		c.send(m)
	}
}

// stopFlush bounds how long a stopping lease waits for its last notices to reach clients.
const stopFlush = 2 * time.Second

// stop ends the lease once: notices on every session's stderr and payment channel (waiting
// at most stopFlush for them to be written), all connections closed, then OnStop with the
// reason (paid vs due included).
func (p *payments) stop(reason string) {
	p.stopOnce.Do(func() {
		p.ls.g.log.Warn("lease stopped by the gateway", "lease", p.ls.id, "reason", reason)
		p.ls.refuseNew()
		var written []chan struct{}
		for _, c := range p.conns() {
			w := make(chan struct{})
			if c.enqueue(outMsg{m: &wire.Notice{Code: wire.NoticeTerminating, Text: "lease terminating: " + reason}, written: w}) {
				written = append(written, w)
			}
		}
		written = append(written, p.ls.notifySessions("shale: lease terminating: "+reason))
		deadline := time.After(stopFlush)
	flush:
		for _, w := range written {
			select {
			case <-w:
			case <-deadline:
				break flush
			}
		}
		p.ls.close()
		if p.ls.lease.OnStop != nil {
			p.ls.lease.OnStop(reason)
		}
	})
}

// servePayment runs one payment-v1@shale channel; cut closes the channel's connection.
func (ls *leaseState) servePayment(ctx context.Context, cut context.CancelFunc, nch ssh.NewChannel) {
	p := ls.pay
	if p == nil {
		_ = nch.Reject(ssh.Prohibited, "this lease has no payment terms")
		return
	}
	if ls.isClosed() {
		_ = nch.Reject(ssh.Prohibited, "the lease has ended")
		return
	}
	caps, err := wire.DecodeOpen(nch.ExtraData())
	if err != nil {
		_ = nch.Reject(ssh.ConnectionFailed, err.Error()+": open it with no data or the 4-byte capability flags")
		return
	}
	ch, reqs, err := nch.Accept()
	if err != nil {
		return
	}
	defer ch.Close()
	go ssh.DiscardRequests(reqs)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { ch.Close() })
	defer stop()
	var cutOnce sync.Once
	pc := newPayConn(ch, ls.g.cfg.PaymentSendTimeout, func(reason string) {
		cutOnce.Do(func() {
			ls.g.metrics.cutOff.Inc()
			ls.g.log.Warn("payment channel cut off: the client does not read", "lease", ls.id, "reason", reason)
			cut()
		})
	})
	pc.caps = caps
	go pc.writeLoop(ctx)
	p.chMu.Lock()
	p.channels[pc] = struct{}{}
	p.chMu.Unlock()
	defer func() {
		p.chMu.Lock()
		delete(p.channels, pc)
		p.chMu.Unlock()
	}()
	pc.send(p.invoice(time.Now()))
	if caps&wire.CapUsage != 0 {
		pc.send(p.usage(time.Now()))
	}
	for {
		m, err := wire.ReadMessage(ch)
		if err == nil && !p.limiter.Allow() {
			// Over the rate: refused before any signature check, fsync or log line.
			ls.g.metrics.vouchers.WithLabelValues("rejected").Inc()
			pc.send(&wire.Notice{Code: wire.NoticeRejected, Text: fmt.Sprintf(
				"too many payment messages: at most %g a second; this one was ignored", float64(p.limiter.Limit()))})
			continue
		}
		if err != nil {
			if errors.Is(err, wire.ErrFrame) && !errors.Is(err, wire.ErrOutOfSync) {
				ls.g.metrics.vouchers.WithLabelValues("rejected").Inc()
				if p.limiter.Allow() {
					pc.send(&wire.Notice{Code: wire.NoticeRejected, Text: "malformed message: " + err.Error()})
				}
				continue
			}
			if !errors.Is(err, io.EOF) {
				ls.g.log.Debug("payment channel ended", "lease", ls.id, "error", err)
			}
			return
		}
		switch m := m.(type) {
		case *wire.VoucherMessage:
			ack, err := p.accept(m.Voucher)
			if err != nil {
				ls.g.metrics.vouchers.WithLabelValues("rejected").Inc()
				ls.g.log.Debug("voucher rejected", "lease", ls.id, "seq", m.Voucher.Seq, "error", err)
				pc.send(&wire.Notice{Code: wire.NoticeRejected, Text: "voucher rejected: " + err.Error()})
				continue
			}
			ls.g.metrics.vouchers.WithLabelValues("accepted").Inc()
			pc.send(ack)
			pc.send(p.invoice(time.Now()))
		case *wire.UsageRequest:
			p.answerUsage(pc)
		case *wire.TerminateMessage:
			if err := p.terminate(m.Terminate); err != nil {
				ls.g.metrics.vouchers.WithLabelValues("rejected").Inc()
				pc.send(&wire.Notice{Code: wire.NoticeRejected, Text: "terminate rejected: " + err.Error()})
				continue
			}
			return
		default:
			ls.g.metrics.vouchers.WithLabelValues("rejected").Inc()
			pc.send(&wire.Notice{Code: wire.NoticeRejected, Text: fmt.Sprintf("unexpected %T from the client", m)})
		}
	}
}

// accept checks v against the ledger, stores it durably, then records it: an ack is only
// ever sent for a voucher that survives a crash.
func (p *payments) accept(v *voucher.Voucher) (*wire.Ack, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	// Seqs are consecutive: a gap means a voucher the gateway never saw, and accepting it
	// would make the bridge's receipt disagree with the client's record.
	var lastSeq uint64
	if last := p.ledger.Last(); last != nil {
		lastSeq = last.Seq
	}
	if v.Seq > lastSeq+1 {
		return nil, fmt.Errorf("%w: seq %d skips after %d", ErrVoucherSeq, v.Seq, lastSeq)
	}
	// A voucher that adds nothing would cost an fsync and log space for no money.
	if paid := p.paidLocked(); v.Amount != nil && v.Amount.Cmp(paid) <= 0 {
		return nil, fmt.Errorf("%w: %s attoFIL, already paid %s", ErrVoucherNoIncrease, v.Amount, paid)
	}
	if err := p.ledger.Check(v); err != nil {
		return nil, err
	}
	if err := p.log.appendVoucher(v); err != nil {
		p.ls.g.log.Error("voucher not stored", "lease", p.ls.id, "error", err)
		return nil, fmt.Errorf("not stored, send it again: %w", err)
	}
	if err := p.ledger.Accept(v); err != nil {
		return nil, err
	}
	return &wire.Ack{Seq: v.Seq, Amount: new(big.Int).Set(v.Amount)}, nil
}

// terminate ends the lease at the client's signed request. The terminate must name the last
// accepted voucher, so both sides agree on the receipt.
func (p *payments) terminate(t *voucher.Terminate) error {
	p.mu.Lock()
	if t.OrderID != p.ls.lease.ID.Order {
		p.mu.Unlock()
		return voucher.ErrWrongOrder
	}
	if err := t.Verify(p.pub); err != nil {
		p.mu.Unlock()
		return err
	}
	var seq uint64
	amount := new(big.Int)
	if v := p.ledger.Last(); v != nil {
		seq, amount = v.Seq, v.Amount
	}
	if t.Seq != seq || t.FinalAmount.Cmp(amount) != 0 {
		p.mu.Unlock()
		return fmt.Errorf("names voucher %d (%s), the last accepted is %d (%s)", t.Seq, t.FinalAmount, seq, amount)
	}
	rec, err := t.MarshalBinary()
	if err == nil {
		err = p.log.appendRecord(rec)
	}
	p.mu.Unlock()
	if err != nil {
		return fmt.Errorf("not stored, send it again: %w", err)
	}
	due := p.due(p.ls.elapsed(time.Now()))
	p.stop(fmt.Sprintf("terminated by the client: paid %s attoFIL of %s due", amount, due))
	return nil
}

// LastVoucher is the last voucher the gateway accepted for a lease (nil if none).
func (g *Server) LastVoucher(id lease.LeaseID) *voucher.Voucher {
	ls := g.lookup(id.String())
	if ls == nil || ls.pay == nil {
		return nil
	}
	ls.pay.mu.Lock()
	defer ls.pay.mu.Unlock()
	return ls.pay.ledger.Last()
}
