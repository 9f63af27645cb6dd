package gateway_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/voucher"
	"github.com/shaleprotocol/shale/wire"
)

// Red-team tests of the payment side: each is named for the attack, runs it against the real
// gateway (real Docker container, real SSH) and asserts the attack fails and nothing is lost.

// voucherLogRecords is how many records the lease's durable voucher log holds.
func voucherLogRecords(t *testing.T, tg *gwtest.Gateway, l gateway.Lease) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(tg.Dir, "vouchers", l.ID.String()+".log"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for len(b) >= 4 {
		size := int(b[0])<<24 | int(b[1])<<16 | int(b[2])<<8 | int(b[3])
		if 4+size > len(b) {
			t.Fatalf("torn voucher log record")
		}
		b = b[4+size:]
		n++
	}
	return n
}

func mustSign(t *testing.T, k *voucher.PrivateKey, order [32]byte, seq uint64, amount int64) *voucher.Voucher {
	t.Helper()
	v, err := voucher.Sign(k, order, seq, big.NewInt(amount))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// openPaymentWithForeignVoucher connects as the lease's client, opens its payment channel and
// returns both with one encoded, well-formed voucher for another order: each such frame costs the
// gateway a rejection reply and nothing else.
func openPaymentWithForeignVoucher(t *testing.T, tg *gwtest.Gateway, key gwtest.ClientKey, pl gwtest.PaidLease) (*ssh.Client, ssh.Channel, []byte) {
	t.Helper()
	c := tg.GoClient(key, pl.ID.String())
	ch, reqs, err := c.OpenChannel(wire.PaymentChannel, nil)
	if err != nil {
		t.Fatal(err)
	}
	go ssh.DiscardRequests(reqs)
	other := pl.ID.Order
	other[31] ^= 1
	frame, err := wire.EncodeFrame(&wire.VoucherMessage{Voucher: mustSign(t, pl.PayKey, other, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	return c, ch, frame
}

// A client opens the payment channel, floods it and never reads: the gateway's replies fill
// the SSH window. The arrears check must still stop the unpaid lease on time, and the
// flooding connection must be cut off.
func TestAttackPaymentFloodWithoutReading(t *testing.T) {
	tg := gwtest.Start(t, func(c *gateway.Config) { c.PaymentSendTimeout = 2 * time.Second })
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key, func(l *gateway.Lease) { l.Grace, l.Prepay = 4*time.Second, 0 })
	_, ch, frame := openPaymentWithForeignVoucher(t, tg, key, pl)
	flood := bytes.Repeat(frame, 256)
	ctx, cancel := context.WithCancel(gwtest.Context(t))
	defer cancel()
	flooding := make(chan error, 1)
	go func() {
		for ctx.Err() == nil {
			if _, err := ch.Write(flood); err != nil {
				flooding <- err
				return
			}
		}
		flooding <- nil
	}()
	start := time.Now()
	select {
	case r := <-pl.Stops:
		if !strings.Contains(r, "payment overdue beyond the 4s grace: paid 0 attoFIL") {
			t.Fatalf("stop reason %q", r)
		}
		// The check runs every second: grace plus a few checks, not a stalled monitor.
		if took := time.Since(start); took > 4*time.Second+5*time.Second {
			t.Fatalf("lease stopped only after %s", took)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("arrears check stalled: the unpaid lease was not stopped")
	}
	// The flooder's connection is closed: its writes fail.
	select {
	case err := <-flooding:
		if err == nil {
			t.Fatal("flood ended without the connection being cut")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the flooding connection is still open")
	}
	if n := voucherLogRecords(t, tg, pl.Lease); n != 0 {
		t.Fatalf("voucher log holds %d records, want none", n)
	}
	if v := tg.LastVoucher(pl.ID); v != nil {
		t.Fatalf("a flooded voucher was accepted: %+v", v)
	}
}

// A client that stops reading while the gateway still has messages for it is cut off by the
// bounded queue and send deadline, and the lease's monitor keeps running meanwhile.
func TestAttackPaymentClientStopsReading(t *testing.T) {
	tg := gwtest.Start(t, func(c *gateway.Config) { c.PaymentSendTimeout = time.Second })
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key)
	c, ch, frame := openPaymentWithForeignVoucher(t, tg, key, pl)
	// Enough rejected frames that their replies overflow the SSH window, and never a read.
	go func() {
		flood := bytes.Repeat(frame, 256)
		for i := 0; i < 200; i++ {
			if _, err := ch.Write(flood); err != nil {
				return
			}
		}
	}()
	connClosed := make(chan struct{})
	go func() { _ = c.Wait(); close(connClosed) }()
	select {
	case <-connClosed:
	case <-time.After(30 * time.Second):
		t.Fatal("a client that stopped reading was not cut off")
	}
	if got := gather(t, tg.Registry()); got["shale_gateway_payment_cutoffs_total"] < 1 {
		t.Fatalf("cut-off metric: %v", got)
	}
	// The lease itself is untouched: an honest payer connects and pays.
	pctx, cancel := context.WithCancel(gwtest.Context(t))
	defer cancel()
	pc, err := tunnel.Dial(pctx, tg.ClientConfig(key, pl))
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	go func() { _ = pc.Pay(pctx) }()
	testsupport.Eventually(t, time.Minute, "honest payer acked", func() error {
		if pc.Paid() == nil {
			return errors.New("nothing acked")
		}
		return nil
	})
}

// Vouchers that add nothing (same amount, zero) are refused before they cost an fsync or a
// log record, and a burst of real vouchers is rate-limited.
func TestAttackVoucherSpam(t *testing.T) {
	tests := []struct {
		name       string
		vouchers   func(t *testing.T, pl gwtest.PaidLease) []*voucher.Voucher
		maxLogged  int
		wantNotice string
	}{
		{"repeated amount", func(t *testing.T, pl gwtest.PaidLease) []*voucher.Voucher {
			out := []*voucher.Voucher{mustSign(t, pl.PayKey, pl.ID.Order, 1, 100)}
			for seq := uint64(2); seq <= 6; seq++ {
				out = append(out, mustSign(t, pl.PayKey, pl.ID.Order, seq, 100))
			}
			return out
		}, 1, "adds nothing"},
		{"zero amount", func(t *testing.T, pl gwtest.PaidLease) []*voucher.Voucher {
			return []*voucher.Voucher{mustSign(t, pl.PayKey, pl.ID.Order, 1, 0)}
		}, 0, "adds nothing"},
		{"flood of increments", func(t *testing.T, pl gwtest.PaidLease) []*voucher.Voucher {
			var out []*voucher.Voucher
			for seq := uint64(1); seq <= 60; seq++ {
				out = append(out, mustSign(t, pl.PayKey, pl.ID.Order, seq, int64(seq)))
			}
			return out
		}, gateway.VoucherBurst + 10, "too many payment messages"},
	}
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tg.T = t
			pl := tg.PaidLeaseFor(key)
			rp := openRawPayment(tg, key, pl.ID.String())
			vs := tc.vouchers(t, pl)
			start := time.Now()
			acked, notices := 0, []string{}
			for _, v := range vs {
				rp.sendVoucher(v)
				switch m := rp.next().(type) {
				case *wire.Ack:
					acked++
				case *wire.Notice:
					notices = append(notices, m.Text)
				}
			}
			took := time.Since(start)
			logged := voucherLogRecords(t, tg, pl.Lease)
			if logged != acked {
				t.Fatalf("%d vouchers logged, %d acked", logged, acked)
			}
			// The rate bounds what can be logged: the burst plus the rate over the time taken.
			bound := min(tc.maxLogged, gateway.VoucherBurst+int(gateway.VoucherRate*took.Seconds())+1)
			if logged > bound {
				t.Fatalf("%d of %d vouchers logged in %s, want at most %d", logged, len(vs), took, bound)
			}
			if len(notices) == 0 || !strings.Contains(strings.Join(notices, "\n"), tc.wantNotice) {
				t.Fatalf("notices %q, want one saying %q", notices, tc.wantNotice)
			}
			// What was accepted is exactly the last acked voucher: nothing lost, nothing extra.
			if last := tg.LastVoucher(pl.ID); acked > 0 && (last == nil || last.Seq != uint64(acked)) {
				t.Fatalf("last voucher %+v after %d acks", last, acked)
			}
		})
	}
}

// A client picks a grace (or prepay) as long as the lease, so it could use it without paying:
// the gateway refuses to serve such terms.
func TestAttackUnboundedPaymentTerms(t *testing.T) {
	tg := gwtest.Start(t, func(c *gateway.Config) { c.MaxGrace, c.MaxPrepay = 2*time.Minute, 20*time.Minute })
	key := gwtest.NewClientKey(t)
	cid := testsupport.StartIdleContainer(t, tg.Docker, testsupport.BusyboxImage)
	tests := []struct {
		name          string
		grace, prepay time.Duration
		want          string
	}{
		{"grace beyond the bound", time.Hour, time.Minute, "grace 1h0m0s exceeds this node's maximum 2m0s"},
		{"prepay beyond the bound", time.Minute, 2 * time.Hour, "prepay 2h0m0s exceeds this node's maximum 20m0s"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pk, err := voucher.GenerateKey(rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			l := gateway.Lease{
				ID: gwtest.RandomLeaseID(t), ContainerID: cid, Keys: []ssh.PublicKey{key.Signer.PublicKey()},
				Price: lease.MustParsePrice("1000attofil/1s"), Escrow: big.NewInt(1 << 40), PaymentKey: pk.Public(),
				Grace: tc.grace, Prepay: tc.prepay, StartedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour),
			}
			err = tg.Register(l)
			if !errors.Is(err, gateway.ErrPaymentTerms) || !errors.Is(err, gateway.ErrInvalidLease) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Register: %v, want gateway.ErrPaymentTerms saying %q", err, tc.want)
			}
			if tg.Registered(l.ID) {
				t.Fatal("the lease was registered anyway")
			}
			// Within the bounds the same lease is served.
			l.Grace, l.Prepay = 2*time.Minute, 20*time.Minute
			if err := tg.Register(l); err != nil {
				t.Fatalf("terms at the bounds: %v", err)
			}
			tg.Unregister(l.ID)
		})
	}
}

// Before stopping a lease for arrears the gateway warns every open session (stderr) and the
// operator (OnWarn, a task event in the driver) once half the grace is gone.
func TestArrearsWarnedBeforeStop(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	warns := make(chan string, 4)
	start := time.Now()
	pl := tg.PaidLeaseFor(key, func(l *gateway.Lease) {
		l.Grace, l.Prepay = 6*time.Second, 0
		l.OnWarn = func(msg string) { warns <- msg }
	})
	out, errOut, code := gwtest.Run(t, tg.SSH(gwtest.Context(t), key, pl.ID.String(), "sleep 600"), nil)
	if code == 0 {
		t.Fatalf("session survived an unpaid lease: %q", out)
	}
	warnAt := strings.Index(errOut, "shale: payment overdue: paid 0 of")
	stopAt := strings.Index(errOut, "shale: lease terminating: payment overdue")
	if warnAt < 0 || stopAt < 0 || warnAt > stopAt || !strings.Contains(errOut, "unless paid") {
		t.Fatalf("session stderr %q: want the warning, then the termination", errOut)
	}
	select {
	case msg := <-warns:
		if !strings.Contains(msg, "the lease stops at") {
			t.Fatalf("OnWarn message %q", msg)
		}
		// Warned at half the grace (3 s), leaving the client time to pay.
		if took := time.Since(start); took < 3*time.Second {
			t.Fatalf("warned after %s, before half the grace", took)
		}
	default:
		t.Fatal("OnWarn not called before the stop")
	}
	select {
	case <-pl.Stops:
	case <-time.After(time.Minute):
		t.Fatal("lease not stopped")
	}
}
