package tunnel_test

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/wire"
)

// The provider names a start time five minutes before the lease really started (on chain and at
// the client's first contact): the client must pay only for its own metered time.
func TestAttackBackdatedInvoice(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	realStart := time.Now()
	pl := tg.PaidLeaseFor(key, func(l *gateway.Lease) {
		l.StartedAt = realStart.Add(-5 * time.Minute) // what the gateway's invoices claim
		l.Escrow = big.NewInt(1_000_000)
	})
	cfg := tg.ClientConfig(key, pl)
	cfg.StartedAt = realStart // LeaseStarted on chain
	var refusals []string
	noticed := make(chan string, 16)
	cfg.OnNotice = func(n wire.Notice) {
		if n.Code == wire.NoticeInfo {
			noticed <- n.Text
		}
	}
	ctx, cancel := context.WithCancel(gwtest.Context(t))
	defer cancel()
	c, err := tunnel.Dial(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	go func() { _ = c.Pay(ctx) }()
	select {
	case txt := <-noticed:
		refusals = append(refusals, txt)
	case <-time.After(time.Minute):
		t.Fatal("the client did not refuse the back-dated invoice")
	}
	if !strings.Contains(refusals[0], "invoice refused") {
		t.Fatalf("notice %q", refusals[0])
	}
	testsupport.Eventually(t, time.Minute, "prepay acked", func() error {
		if v := c.Paid(); v == nil || v.Amount.Cmp(big.NewInt(10_000)) < 0 {
			return fmt.Errorf("acked %+v", v)
		}
		return nil
	})
	// At 1000 attoFIL/s with 10 s prepay, the client's meter allows 1000 × (elapsed + 10 s);
	// the gateway's back-dated clock would take 300 000 more.
	allowed := big.NewInt(1000 * int64(time.Since(realStart).Seconds()+10+1))
	if v := tg.LastVoucher(pl.ID); v == nil || v.Amount.Cmp(allowed) > 0 {
		t.Fatalf("gateway holds %+v, more than the client's meter allows (%s)", v, allowed)
	}
	if c.MeterStart().Before(realStart) {
		t.Fatalf("meter starts %s, before the real start %s", c.MeterStart(), realStart)
	}
}
