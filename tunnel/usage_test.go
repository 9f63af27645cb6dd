package tunnel_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"net"
	"sync"
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

// usageLog collects what OnUsage hands out.
type usageLog struct {
	mu   sync.Mutex
	list []tunnel.Usage
}

func (l *usageLog) add(u tunnel.Usage) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.list = append(l.list, u)
}

func (l *usageLog) last(ok func(tunnel.Usage) bool) (tunnel.Usage, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.list) - 1; i >= 0; i-- {
		if ok(l.list[i]) {
			return l.list[i], true
		}
	}
	return tunnel.Usage{}, false
}

func TestPayReportsUsage(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key, func(l *gateway.Lease) { l.Bandwidth = 1 << 20 })
	cfg := tg.ClientConfig(key, pl)
	var log usageLog
	cfg.OnUsage = log.add
	ctx, cancel := context.WithCancel(gwtest.Context(t))
	defer cancel()
	c, err := tunnel.Dial(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	go func() { _ = c.Pay(ctx) }()
	// The prepaid voucher (10 s at 1000 attoFIL/s) shows as paid in a gateway report.
	testsupport.Eventually(t, time.Minute, "a usage report with the prepay acked", func() error {
		u, ok := log.last(func(u tunnel.Usage) bool { return !u.FromInvoice })
		if !ok || u.Paid.Cmp(big.NewInt(10_000)) < 0 {
			return fmt.Errorf("last report %+v", u)
		}
		return nil
	})
	u, _ := log.last(func(u tunnel.Usage) bool { return !u.FromInvoice })
	if u.Escrow.Cmp(pl.Escrow) != 0 || u.Bandwidth != 1<<20 {
		t.Fatalf("report %+v: want escrow %s and the 1 MiB/s cap", u.Usage, pl.Escrow)
	}
	if want := new(big.Int).Sub(pl.Escrow, u.Paid); u.EscrowLeft().Cmp(want) != 0 {
		t.Fatalf("escrow left %s, want %s", u.EscrowLeft(), want)
	}
	// The one-shot query agrees on what was paid.
	q, err := c.Usage(ctx)
	if err != nil || q.FromInvoice || q.Paid.Cmp(u.Paid) < 0 {
		t.Fatalf("Usage() = %+v, %v", q, err)
	}
}

// oldGateway speaks the payment protocol as gateways did before usage reports: an invoice on
// open and after each voucher (acked without checks), and a rejection for every frame type it
// does not know. It records the open data.
type oldGateway struct {
	addr     string
	fp       string
	inv      *wire.Invoice
	openData chan []byte
}

func startOldGateway(t *testing.T, inv *wire.Invoice) *oldGateway {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	hostKey, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &ssh.ServerConfig{Config: wire.DefaultConfig(), PublicKeyCallback: func(ssh.ConnMetadata, ssh.PublicKey) (*ssh.Permissions, error) {
		return nil, nil
	}}
	cfg.AddHostKey(hostKey)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	og := &oldGateway{addr: ln.Addr().String(), fp: ssh.FingerprintSHA256(hostKey.PublicKey()), inv: inv, openData: make(chan []byte, 8)}
	go func() {
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			go og.serve(nc, cfg)
		}
	}()
	return og
}

func (og *oldGateway) serve(nc net.Conn, cfg *ssh.ServerConfig) {
	defer nc.Close()
	_, chans, reqs, err := ssh.NewServerConn(nc, cfg)
	if err != nil {
		return
	}
	go ssh.DiscardRequests(reqs)
	for nch := range chans {
		if nch.ChannelType() != wire.PaymentChannel {
			_ = nch.Reject(ssh.UnknownChannelType, "unsupported channel type")
			continue
		}
		og.openData <- nch.ExtraData()
		ch, creqs, err := nch.Accept()
		if err != nil {
			return
		}
		go ssh.DiscardRequests(creqs)
		go func() {
			defer ch.Close()
			_ = wire.WriteMessage(ch, og.inv)
			for {
				m, err := wire.ReadMessage(ch)
				if vm, ok := m.(*wire.VoucherMessage); ok {
					_ = wire.WriteMessage(ch, &wire.Ack{Seq: vm.Voucher.Seq, Amount: vm.Voucher.Amount})
					_ = wire.WriteMessage(ch, og.inv)
					continue
				}
				if _, isNew := m.(*wire.UsageRequest); isNew {
					// What an old decoder makes of a frame type it does not know.
					err = fmt.Errorf("%w: unknown type 6", wire.ErrFrame)
				}
				if errors.Is(err, wire.ErrFrame) && !errors.Is(err, wire.ErrOutOfSync) {
					_ = wire.WriteMessage(ch, &wire.Notice{Code: wire.NoticeRejected, Text: "malformed message: " + err.Error()})
					continue
				}
				if err != nil {
					return
				}
			}
		}()
	}
}

// A client with usage reports against a gateway without them: it still gets the meter, from
// the invoice, with the byte counts marked unknown.
func TestUsageFromOldGateway(t *testing.T) {
	started := time.Now().Add(-90 * time.Second).Truncate(time.Second)
	inv := &wire.Invoice{Due: big.NewInt(90_000), Paid: big.NewInt(100_000), Escrow: big.NewInt(1_000_000),
		PriceAmount: big.NewInt(1000), Period: time.Second, StartedAt: started, PaidThrough: started.Add(100 * time.Second),
		Prepay: 10 * time.Second, Grace: time.Minute, LastSeq: 3}
	og := startOldGateway(t, inv)
	ctx := gwtest.Context(t)
	key := gwtest.NewClientKey(t)
	c, err := tunnel.Dial(ctx, tunnel.Config{Addr: og.addr, Lease: gwtest.RandomLeaseID(t), Signer: key.Signer, HostKeyFingerprint: og.fp})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	u, err := c.Usage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if open := <-og.openData; len(open) != 4 {
		t.Fatalf("the client opened with %x, want the 4-byte capability flags", open)
	}
	if !u.FromInvoice || u.BytesIn != 0 || u.BytesOut != 0 {
		t.Fatalf("usage %+v: want FromInvoice with no byte counts", u)
	}
	if u.Paid.Cmp(inv.Paid) != 0 || u.Due.Cmp(inv.Due) != 0 || u.EscrowLeft().Cmp(big.NewInt(900_000)) != 0 {
		t.Fatalf("usage %+v does not carry the invoice's figures", u.Usage)
	}
	// 10^6 attoFIL at 1000 attoFIL/s lasts 1000 s from the start.
	if !u.EscrowEnds.Equal(started.Add(1000 * time.Second)) {
		t.Fatalf("escrow ends %s, want %s", u.EscrowEnds, started.Add(1000*time.Second))
	}
	if u.Elapsed < 90*time.Second {
		t.Fatalf("elapsed %s, want at least 90 s", u.Elapsed)
	}
}

// The same figures reach OnUsage while paying through an old gateway.
func TestPayUsageFromOldGateway(t *testing.T) {
	started := time.Now().Truncate(time.Second)
	inv := &wire.Invoice{Due: big.NewInt(0), Paid: big.NewInt(0), Escrow: big.NewInt(5000),
		PriceAmount: big.NewInt(1), Period: time.Second, StartedAt: started, PaidThrough: started,
		Prepay: 10 * time.Second, Grace: time.Minute}
	og := startOldGateway(t, inv)
	ctx, cancel := context.WithCancel(gwtest.Context(t))
	defer cancel()
	key := gwtest.NewClientKey(t)
	pk, err := voucher.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan tunnel.Usage, 4)
	c, err := tunnel.Dial(ctx, tunnel.Config{Addr: og.addr, Lease: gwtest.RandomLeaseID(t), Signer: key.Signer, HostKeyFingerprint: og.fp,
		PaymentKey: pk, Price: lease.MustParsePrice("1attofil/1s"), Escrow: big.NewInt(5000), Prepay: 10 * time.Second,
		OnUsage: func(u tunnel.Usage) {
			select {
			case got <- u:
			default:
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	go func() { _ = c.Pay(ctx) }()
	select {
	case u := <-got:
		if !u.FromInvoice || u.Escrow.Cmp(big.NewInt(5000)) != 0 {
			t.Fatalf("usage %+v", u)
		}
	case <-ctx.Done():
		t.Fatal("no usage from the old gateway's invoice")
	}
}
