package gateway_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/voucher"
	"github.com/shaleprotocol/shale/wire"
)

// rawPayment opens payment-v1@shale directly, to send what a correct client never would.
type rawPayment struct {
	t  testing.TB
	ch ssh.Channel
}

func openRawPayment(tg *gwtest.Gateway, key gwtest.ClientKey, user string) *rawPayment {
	c := tg.GoClient(key, user)
	ch, reqs, err := c.OpenChannel(wire.PaymentChannel, nil)
	if err != nil {
		tg.T.Fatal(err)
	}
	go ssh.DiscardRequests(reqs)
	tg.T.Cleanup(func() { ch.Close() })
	return &rawPayment{t: tg.T, ch: ch}
}

// next returns the next message that is not an invoice.
func (r *rawPayment) next() wire.Message {
	r.t.Helper()
	for {
		m, err := wire.ReadMessage(r.ch)
		if err != nil {
			r.t.Fatalf("read: %v", err)
		}
		if _, ok := m.(*wire.Invoice); !ok {
			return m
		}
	}
}

func (r *rawPayment) sendVoucher(v *voucher.Voucher) {
	r.t.Helper()
	if err := wire.WriteMessage(r.ch, &wire.VoucherMessage{Voucher: v}); err != nil {
		r.t.Fatal(err)
	}
}

func TestBadVouchersRejected(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key)
	rp := openRawPayment(tg, key, pl.ID.String())
	sign := func(k *voucher.PrivateKey, order [32]byte, seq uint64, amount int64) *voucher.Voucher {
		v, err := voucher.Sign(k, order, seq, big.NewInt(amount))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// One good voucher to build on.
	rp.sendVoucher(sign(pl.PayKey, pl.ID.Order, 1, 500))
	if a, ok := rp.next().(*wire.Ack); !ok || a.Seq != 1 {
		t.Fatalf("first voucher not acked")
	}
	otherKey, _ := voucher.GenerateKey(rand.Reader)
	otherOrder := pl.ID.Order
	otherOrder[31] ^= 1
	badSig := sign(pl.PayKey, pl.ID.Order, 2, 600)
	badSig.Sig[5] ^= 0xff
	tests := []struct {
		name string
		send func()
	}{
		{"bad signature", func() { rp.sendVoucher(badSig) }},
		{"other key", func() { rp.sendVoucher(sign(otherKey, pl.ID.Order, 2, 600)) }},
		{"other order", func() { rp.sendVoucher(sign(pl.PayKey, otherOrder, 2, 600)) }},
		{"decreasing amount", func() { rp.sendVoucher(sign(pl.PayKey, pl.ID.Order, 2, 400)) }},
		{"replayed seq", func() { rp.sendVoucher(sign(pl.PayKey, pl.ID.Order, 1, 700)) }},
		{"skipped seq", func() { rp.sendVoucher(sign(pl.PayKey, pl.ID.Order, 3, 700)) }},
		{"above escrow", func() { rp.sendVoucher(sign(pl.PayKey, pl.ID.Order, 2, 1_000_001)) }},
		{"malformed bytes", func() {
			if _, err := rp.ch.Write([]byte{0, 0, 0, 5, 1, 2 /* voucher */, 9, 9, 9}); err != nil {
				t.Fatal(err)
			}
		}},
		{"terminate naming an old voucher", func() {
			tm, err := voucher.SignTerminate(pl.PayKey, pl.ID.Order, 0, big.NewInt(0))
			if err != nil {
				t.Fatal(err)
			}
			if err := wire.WriteMessage(rp.ch, &wire.TerminateMessage{Terminate: tm}); err != nil {
				t.Fatal(err)
			}
		}},
		{"terminate by another key", func() {
			tm, err := voucher.SignTerminate(otherKey, pl.ID.Order, 1, big.NewInt(500))
			if err != nil {
				t.Fatal(err)
			}
			if err := wire.WriteMessage(rp.ch, &wire.TerminateMessage{Terminate: tm}); err != nil {
				t.Fatal(err)
			}
		}},
		{"gateway-only message", func() {
			if err := wire.WriteMessage(rp.ch, &wire.Ack{Seq: 9, Amount: big.NewInt(1)}); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.send()
			n, ok := rp.next().(*wire.Notice)
			if !ok || n.Code != wire.NoticeRejected {
				t.Fatalf("got %+v, want a rejection notice", n)
			}
			t.Logf("notice: %s", n.Text)
			if v := tg.LastVoucher(pl.ID); v.Seq != 1 || v.Amount.Int64() != 500 {
				t.Fatalf("state changed: %+v", v)
			}
		})
	}
	// The channel still works after all that.
	rp.sendVoucher(sign(pl.PayKey, pl.ID.Order, 2, 800))
	if a, ok := rp.next().(*wire.Ack); !ok || a.Seq != 2 || a.Amount.Int64() != 800 {
		t.Fatalf("good voucher after rejections not acked")
	}
	select {
	case r := <-pl.Stops:
		t.Fatalf("a rejected terminate stopped the lease: %s", r)
	default:
	}
	got := gather(t, tg.Registry())
	if got[`shale_gateway_vouchers_total{result="accepted"}`] != 2 || got[`shale_gateway_vouchers_total{result="rejected"}`] != float64(len(tests)) {
		t.Fatalf("voucher metrics: %v", got)
	}
}

func TestArrearsStopLease(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	// Nobody pays; after the grace the gateway must warn, close sessions and stop the lease.
	pl := tg.PaidLeaseFor(key, func(l *gateway.Lease) { l.Grace = 2 * time.Second; l.Prepay = 0 })
	out, errOut, code := gwtest.Run(t, tg.SSH(gwtest.Context(t), key, pl.ID.String(), "sleep 600"), nil)
	if code == 0 || !strings.Contains(errOut, "shale: lease terminating: payment overdue") {
		t.Fatalf("session: code %d out %q stderr %q", code, out, errOut)
	}
	select {
	case r := <-pl.Stops:
		if !strings.Contains(r, "paid 0 attoFIL of") {
			t.Fatalf("OnStop reason %q lacks paid vs due", r)
		}
	case <-time.After(time.Minute):
		t.Fatal("OnStop not called")
	}
	if got := gather(t, tg.Registry()); got["shale_gateway_arrears_stops_total"] != 1 {
		t.Fatalf("arrears metric: %v", got)
	}
	// Further connections are refused while the lease stays registered but stopped.
	if _, _, code := gwtest.Run(t, tg.SSH(gwtest.Context(t), key, pl.ID.String(), "true"), nil); code == 0 {
		t.Fatal("stopped lease still accepts sessions")
	}
}

func TestVouchersSurviveReregistration(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key)
	rp := openRawPayment(tg, key, pl.ID.String())
	v1, _ := voucher.Sign(pl.PayKey, pl.ID.Order, 1, big.NewInt(300))
	rp.sendVoucher(v1)
	if _, ok := rp.next().(*wire.Ack); !ok {
		t.Fatal("not acked")
	}
	// The driver restarting re-registers the same lease: the log restores the ledger.
	tg.Unregister(pl.ID)
	if err := tg.Register(pl.Lease); err != nil {
		t.Fatal(err)
	}
	if v := tg.LastVoucher(pl.ID); v == nil || v.Seq != 1 || v.Amount.Int64() != 300 {
		t.Fatalf("recovered %+v", v)
	}
	// A reconnecting client resumes from the gateway's record.
	ctx, cancel := context.WithCancel(gwtest.Context(t))
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		errc <- tunnel.PayWithReconnect(ctx, tg.ClientConfig(key, pl), tunnel.Backoff{Min: 50 * time.Millisecond, Max: time.Second})
	}()
	testsupport.Eventually(t, time.Minute, "payments resumed at seq 2+", func() error {
		if v := tg.LastVoucher(pl.ID); v.Seq < 2 {
			return fmt.Errorf("last %+v", v)
		}
		return nil
	})
	// Dropping every connection makes the payer reconnect and continue.
	seq := tg.LastVoucher(pl.ID).Seq
	tg.Unregister(pl.ID)
	if err := tg.Register(pl.Lease); err != nil {
		t.Fatal(err)
	}
	testsupport.Eventually(t, time.Minute, "payments after reconnect", func() error {
		if v := tg.LastVoucher(pl.ID); v.Seq <= seq {
			return fmt.Errorf("last %+v, before %d", v, seq)
		}
		return nil
	})
	cancel()
	if err := <-errc; err != nil {
		t.Fatalf("PayWithReconnect: %v", err)
	}
}
