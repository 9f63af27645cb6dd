package tunnel_test

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/voucher"
)

// TestMain lets the test binary double as an OpenSSH ProxyCommand: with SHALE_TEST_PROXY set
// it runs Proxy on stdin/stdout with the lease described by the environment.
func TestMain(m *testing.M) {
	if os.Getenv("SHALE_TEST_PROXY") != "" {
		if err := runTestProxy(); err != nil {
			fmt.Fprintln(os.Stderr, "proxy:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runTestProxy() error {
	id, err := lease.ParseLeaseID(os.Getenv("PROXY_LEASE"))
	if err != nil {
		return err
	}
	keyPEM, err := os.ReadFile(os.Getenv("PROXY_SSH_KEY"))
	if err != nil {
		return err
	}
	signer, err := ssh.ParsePrivateKey(keyPEM)
	if err != nil {
		return err
	}
	pk, err := voucher.LoadKey(os.Getenv("PROXY_PAY_KEY"))
	if err != nil {
		return err
	}
	escrow, _ := new(big.Int).SetString(os.Getenv("PROXY_ESCROW"), 10)
	prepay, err := time.ParseDuration(os.Getenv("PROXY_PREPAY"))
	if err != nil {
		return err
	}
	return tunnel.Proxy(context.Background(), tunnel.Config{
		Addr: os.Getenv("PROXY_ADDR"), Lease: id, Signer: signer, HostKeyFingerprint: os.Getenv("PROXY_FP"),
		PaymentKey: pk, Price: lease.MustParsePrice(os.Getenv("PROXY_PRICE")), Escrow: escrow, Prepay: prepay,
	}, os.Stdin, os.Stdout)
}

// An OpenSSH session through `ProxyCommand` outlives the lease's grace because the proxy pays
// for it: without payments the gateway would end it after 2 s.
func TestOpenSSHThroughPayingProxy(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	pl := tg.PaidLeaseFor(key, func(l *gateway.Lease) { l.Grace = 2 * time.Second; l.Prepay = 3 * time.Second })
	payKey := filepath.Join(t.TempDir(), "pay.key")
	if err := pl.PayKey.SaveKey(payKey); err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"SHALE_TEST_PROXY": "1", "PROXY_ADDR": tg.Addr().String(), "PROXY_LEASE": pl.ID.String(),
		"PROXY_SSH_KEY": key.Path, "PROXY_PAY_KEY": payKey, "PROXY_FP": tg.HostKeyFingerprint(),
		"PROXY_PRICE": pl.Price.String(), "PROXY_ESCROW": pl.Escrow.String(), "PROXY_PREPAY": pl.Prepay.String(),
	}
	var assign []string
	for k, v := range env {
		assign = append(assign, k+"="+v)
	}
	cmd := tg.SSH(gwtest.Context(t), key, pl.ID.String(), "-o", "ProxyCommand=env "+strings.Join(assign, " ")+" "+self,
		"sleep 6; echo still here")
	out, errOut, code := gwtest.Run(t, cmd, nil)
	if code != 0 || !strings.Contains(out, "still here") {
		t.Fatalf("session through the proxy: exit %d out %q stderr %q", code, out, errOut)
	}
	v := tg.LastVoucher(pl.ID)
	if v == nil || v.Seq < 2 {
		t.Fatalf("the proxy's payments did not reach the gateway: last voucher %+v", v)
	}
	select {
	case r := <-pl.Stops:
		t.Fatalf("lease stopped although the proxy paid: %s", r)
	default:
	}
}
