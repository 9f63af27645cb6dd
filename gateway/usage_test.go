package gateway_test

import (
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/wire"
)

// openUsagePayment opens the payment channel naming caps, as a new client does.
func openUsagePayment(tg *gwtest.Gateway, key gwtest.ClientKey, pl gwtest.PaidLease, open []byte) (ssh.Channel, error) {
	c := tg.GoClient(key, pl.ID.String())
	ch, reqs, err := c.OpenChannel(wire.PaymentChannel, open)
	if err != nil {
		return nil, err
	}
	go ssh.DiscardRequests(reqs)
	tg.T.Cleanup(func() { ch.Close() })
	return ch, nil
}

// nextUsage reads until a usage report satisfying ok arrives (other frames are skipped); the
// gateway sends one a second, so the test's context bounds the wait.
func nextUsage(t *testing.T, ch ssh.Channel, ok func(*wire.Usage) bool) *wire.Usage {
	t.Helper()
	for i := 0; i < 120; i++ {
		m, err := wire.ReadMessage(ch)
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		if n, isNotice := m.(*wire.Notice); isNotice && n.Code == wire.NoticeRejected {
			t.Fatalf("gateway rejected: %s", n.Text)
		}
		if u, isUsage := m.(*wire.Usage); isUsage && ok(u) {
			return u
		}
	}
	t.Fatal("no matching usage report in 120 frames")
	return nil
}

func TestUsageReport(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key, func(l *gateway.Lease) { l.Bandwidth = 4 << 20 })
	ch, err := openUsagePayment(tg, key, pl, wire.EncodeOpen(wire.CapUsage))
	if err != nil {
		t.Fatal(err)
	}
	// The channel opens with an invoice, then the first usage report.
	if m, err := wire.ReadMessage(ch); err != nil {
		t.Fatal(err)
	} else if _, ok := m.(*wire.Invoice); !ok {
		t.Fatalf("first frame %T, want the invoice", m)
	}
	first := nextUsage(t, ch, func(*wire.Usage) bool { return true })
	if first.Escrow.Cmp(pl.Escrow) != 0 || first.Paid.Sign() != 0 || first.Bandwidth != 4<<20 {
		t.Fatalf("first report %+v: want escrow %s, nothing paid, cap 4 MiB/s", first, pl.Escrow)
	}
	// 1000 attoFIL/s and an escrow of 10^6: the escrow is used up 1000 s after the start.
	if want := pl.StartedAt.Add(1000 * time.Second).Unix(); first.EscrowEnds.Unix() != want {
		t.Fatalf("escrow ends %s, want %s", first.EscrowEnds, time.Unix(want, 0))
	}

	// A paid voucher shows as paid (acked) in the next report, with the escrow left exact.
	if err := wire.WriteMessage(ch, &wire.VoucherMessage{Voucher: mustSign(t, pl.PayKey, pl.ID.Order, 1, 250_000)}); err != nil {
		t.Fatal(err)
	}
	paid := nextUsage(t, ch, func(u *wire.Usage) bool { return u.Paid.Sign() > 0 })
	if paid.Paid.Cmp(big.NewInt(250_000)) != 0 || paid.EscrowLeft().Cmp(big.NewInt(750_000)) != 0 {
		t.Fatalf("after a 250000 voucher: paid %s, escrow left %s", paid.Paid, paid.EscrowLeft())
	}
	if want := pl.StartedAt.Add(250 * time.Second).Unix(); paid.PaidThrough.Unix() != want {
		t.Fatalf("paid through %s, want %s", paid.PaidThrough, time.Unix(want, 0))
	}
	// Due is the price of the metered seconds, exactly.
	if want := new(big.Int).Mul(big.NewInt(1000), big.NewInt(int64(paid.Elapsed/time.Second))); paid.Due.Cmp(want) != 0 {
		t.Fatalf("due %s for %s, want %s", paid.Due, paid.Elapsed, want)
	}

	// Bytes a session moves show up in the report.
	in := make([]byte, 5000)
	out, _, code := gwtest.Run(t, tg.SSH(gwtest.Context(t), key, pl.ID.String(), "cat >/dev/null; head -c 100000 /dev/zero"), in)
	if code != 0 || len(out) != 100000 {
		t.Fatalf("session: exit %d, %d bytes", code, len(out))
	}
	// An explicit request is answered too.
	if err := wire.WriteMessage(ch, &wire.UsageRequest{}); err != nil {
		t.Fatal(err)
	}
	nextUsage(t, ch, func(u *wire.Usage) bool { return u.BytesOut >= 100000 && u.BytesIn >= 5000 })
}

// A client built before usage reports opens the channel with no data: it must never receive a
// frame it cannot decode, and a usage request on such a channel is refused with the fix.
func TestUsageOldClientGetsNone(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	// Prepay 4 s: an invoice every second, so three invoices pass in about three seconds.
	pl := tg.PaidLeaseFor(key, func(l *gateway.Lease) { l.Prepay = 4 * time.Second })
	ch, err := openUsagePayment(tg, key, pl, nil)
	if err != nil {
		t.Fatal(err)
	}
	for invoices := 0; invoices < 3; {
		m, err := wire.ReadMessage(ch)
		if err != nil {
			t.Fatal(err)
		}
		switch m.(type) {
		case *wire.Invoice:
			invoices++
		case *wire.Usage:
			t.Fatal("a usage report reached a client that did not name the capability")
		}
	}
	if err := wire.WriteMessage(ch, &wire.UsageRequest{}); err != nil {
		t.Fatal(err)
	}
	for {
		m, err := wire.ReadMessage(ch)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := m.(*wire.Usage); ok {
			t.Fatal("a usage request without the capability was answered with a report")
		}
		if n, ok := m.(*wire.Notice); ok && n.Code == wire.NoticeRejected {
			if !strings.Contains(n.Text, "usage capability") {
				t.Fatalf("rejection %q does not name the usage capability", n.Text)
			}
			return
		}
	}
}

func TestAttackUsageMalformed(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key)

	t.Run("open data", func(t *testing.T) {
		for _, open := range [][]byte{{1}, {0, 0, 1}, make([]byte, 5), make([]byte, 4096)} {
			_, err := openUsagePayment(tg, key, pl, open)
			var oc *ssh.OpenChannelError
			if !errors.As(err, &oc) || !strings.Contains(oc.Message, "capability flags") {
				t.Fatalf("open data of %d bytes: %v; want a refusal naming the capability flags", len(open), err)
			}
		}
	})

	t.Run("request with a payload", func(t *testing.T) {
		ch, err := openUsagePayment(tg, key, pl, wire.EncodeOpen(wire.CapUsage))
		if err != nil {
			t.Fatal(err)
		}
		// A UsageRequest frame carrying 8 bytes it must not have.
		if _, err := ch.Write([]byte{0, 0, 0, 10, 1, 6, 1, 2, 3, 4, 5, 6, 7, 8}); err != nil {
			t.Fatal(err)
		}
		for {
			m, err := wire.ReadMessage(ch)
			if err != nil {
				t.Fatal(err)
			}
			if n, ok := m.(*wire.Notice); ok {
				if n.Code != wire.NoticeRejected || !strings.Contains(n.Text, "malformed") {
					t.Fatalf("notice %+v, want malformed", n)
				}
				break
			}
		}
		// The channel still works: the next request is answered.
		if err := wire.WriteMessage(ch, &wire.UsageRequest{}); err != nil {
			t.Fatal(err)
		}
		nextUsage(t, ch, func(*wire.Usage) bool { return true })
	})

	// More requests at once than the lease's message budget (burst 16): the excess is refused
	// with a notice, not answered.
	t.Run("flood", func(t *testing.T) {
		ch, err := openUsagePayment(tg, key, pl, wire.EncodeOpen(wire.CapUsage))
		if err != nil {
			t.Fatal(err)
		}
		req, _ := wire.EncodeFrame(&wire.UsageRequest{})
		var flood []byte
		const n = 24
		for i := 0; i < n; i++ {
			flood = append(flood, req...)
		}
		go func() { _, _ = ch.Write(flood) }()
		usages, limited := 0, false
		for usages <= n && !limited {
			m, err := wire.ReadMessage(ch)
			if err != nil {
				t.Fatal(err)
			}
			switch m := m.(type) {
			case *wire.Usage:
				usages++
			case *wire.Notice:
				limited = strings.Contains(m.Text, "too many payment messages")
			}
		}
		if !limited {
			t.Fatalf("%d usage requests at once were all answered (%d reports): no rate limit", n, usages)
		}
	})
	if n := voucherLogRecords(t, tg, pl.Lease); n != 0 {
		t.Fatalf("usage traffic wrote %d voucher log records", n)
	}
}
