package tunnel_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/voucher"
)

func TestPayLoopKeepsLeasePaid(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key)
	ctx, cancel := context.WithCancel(gwtest.Context(t))
	defer cancel()
	c, err := tunnel.Dial(ctx, tg.ClientConfig(key, pl))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	payDone := make(chan error, 1)
	go func() { payDone <- c.Pay(ctx) }()

	// The client prepays 10 s at 1000 attoFIL/s: at least 10000 soon after connecting.
	testsupport.Eventually(t, time.Minute, "prepaid voucher acknowledged", func() error {
		v := c.Paid()
		if v == nil || v.Amount.Cmp(big.NewInt(10_000)) < 0 {
			return fmt.Errorf("acked %+v", v)
		}
		return nil
	})
	last := tg.LastVoucher(pl.ID)
	if last == nil || last.Verify(pl.PayKey.Public()) != nil || last.Amount.Cmp(pl.Escrow) > 0 {
		t.Fatalf("gateway's last voucher %+v", last)
	}
	// The bridge's copy is the last voucher, byte for byte.
	b, err := os.ReadFile(filepath.Join(tg.Dir, "vouchers", pl.ID.String()+".voucher"))
	if err != nil {
		t.Fatal(err)
	}
	if onDisk, err := voucher.DecodeBinary(b); err != nil || onDisk.Seq < 1 || onDisk.Amount.Sign() <= 0 {
		t.Fatalf("voucher file: %+v %v", onDisk, err)
	}
	// Sessions work while paid.
	var out bytes.Buffer
	if code, err := c.Exec(ctx, "echo paid", nil, &out, nil); err != nil || code != 0 || out.String() != "paid\n" {
		t.Fatalf("exec: %d %v %q", code, err, out.String())
	}
	cancel()
	if err := <-payDone; err != nil {
		t.Fatalf("Pay: %v", err)
	}
	select {
	case r := <-pl.Stops:
		t.Fatalf("lease stopped: %s", r)
	default:
	}
}

func TestPayCapsAtEscrow(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	// Prepay far beyond the escrow: the client must stop at the escrow, never above.
	pl := tg.PaidLeaseFor(key, func(l *gateway.Lease) { l.Escrow = big.NewInt(2500); l.Prepay = time.Hour })
	ctx, cancel := context.WithCancel(gwtest.Context(t))
	defer cancel()
	cfg := tg.ClientConfig(key, pl)
	c, err := tunnel.Dial(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	go func() { _ = c.Pay(ctx) }()
	testsupport.Eventually(t, time.Minute, "voucher at the escrow", func() error {
		if v := c.Paid(); v == nil || v.Amount.Cmp(big.NewInt(2500)) != 0 {
			return fmt.Errorf("acked %+v", v)
		}
		return nil
	})
}

func TestClientTerminate(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key)
	ctx, cancel := context.WithCancel(gwtest.Context(t))
	defer cancel()
	c, err := tunnel.Dial(ctx, tg.ClientConfig(key, pl))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	payDone := make(chan error, 1)
	go func() { payDone <- c.Pay(ctx) }()
	testsupport.Eventually(t, time.Minute, "a voucher acked", func() error {
		if c.Paid() == nil {
			return errors.New("none yet")
		}
		return nil
	})
	if err := c.Terminate(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-pl.Stops:
		if !strings.Contains(r, "terminated by the client") {
			t.Fatalf("reason %q", r)
		}
	case <-time.After(time.Minute):
		t.Fatal("OnStop not called")
	}
	if err := <-payDone; err == nil {
		t.Fatal("Pay returned nil after the lease ended")
	}
}

func TestClientRejectsWrongHostKey(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key)
	cfg := tg.ClientConfig(key, pl)
	cfg.HostKeyFingerprint = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	if _, err := tunnel.Dial(gwtest.Context(t), cfg); !errors.Is(err, tunnel.ErrHostKeyMismatch) {
		t.Fatalf("err %v, want tunnel.ErrHostKeyMismatch", err)
	}
}

// Invoice reports what the gateway has accepted: the acknowledged voucher's seq and amount.
func TestClientInvoice(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key)
	ctx, cancel := context.WithCancel(gwtest.Context(t))
	defer cancel()
	c, err := tunnel.Dial(ctx, tg.ClientConfig(key, pl))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	inv, err := c.Invoice(ctx)
	if err != nil || inv.LastSeq != 0 || inv.Paid.Sign() != 0 || inv.Escrow.Cmp(pl.Escrow) != 0 {
		t.Fatalf("before paying: %+v %v", inv, err)
	}
	payCtx, stopPay := context.WithCancel(ctx)
	payDone := make(chan error, 1)
	go func() { payDone <- c.Pay(payCtx) }()
	testsupport.Eventually(t, time.Minute, "a voucher acked", func() error {
		if c.Paid() == nil {
			return errors.New("none yet")
		}
		return nil
	})
	stopPay()
	if err := <-payDone; err != nil {
		t.Fatalf("Pay: %v", err)
	}
	// A voucher sent just before Pay stopped may still be accepted, so the invoice names the
	// acknowledged voucher or a later one, never less.
	acked := c.Paid()
	inv, err = c.Invoice(ctx)
	if err != nil || inv.LastSeq < acked.Seq || inv.Paid.Cmp(acked.Amount) < 0 {
		t.Fatalf("after paying: %+v %v, want at least seq %d amount %s", inv, err, acked.Seq, acked.Amount)
	}
	if held := tg.LastVoucher(pl.ID); held == nil || held.Seq < inv.LastSeq {
		t.Fatalf("gateway holds %+v, the invoice named seq %d", held, inv.LastSeq)
	}
}
