package testsupport_test

import (
	"context"
	"errors"
	"math/big"
	"math/rand"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/voucher"
)

// fee is what a transaction cost its sender in attoFIL (no blobs here).
func fee(r *types.Receipt) *big.Int {
	return new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice)
}

func fil(n int64) *big.Int { return new(big.Int).Mul(testsupport.FIL, big.NewInt(n)) }

func sub(a *big.Int, bs ...*big.Int) *big.Int {
	r := new(big.Int).Set(a)
	for _, b := range bs {
		r.Sub(r, b)
	}
	return r
}

// mustRcpt returns a must for t: must(m.Op(...)) fails the test on error.
func mustRcpt(t *testing.T) func(*types.Receipt, error) *types.Receipt {
	return func(r *types.Receipt, err error) *types.Receipt {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
}

// TestGethMarketplace runs the marketplace on a real `geth --dev` node: funding, deployment
// with the committed verifier, provider registration and a real order (its id derived from a
// payment key as clients do), with every balance checked to the attoFIL.
func TestGethMarketplace(t *testing.T) {
	t.Parallel()
	g := testsupport.StartGeth(t, testsupport.GethOptions{})
	ctx := context.Background()
	must := mustRcpt(t)
	if g.ChainID.Cmp(big.NewInt(1337)) != 0 {
		t.Fatalf("chain id %s, want 1337 (geth --dev)", g.ChainID)
	}

	// An odd amount proves Fund moves exactly what it is asked to.
	odd := testsupport.NewAccount(t).Addr
	amount := big.NewInt(123_456_789_012_345)
	g.Fund(odd, amount)
	if got := g.Balance(odd); got.Cmp(amount) != 0 {
		t.Fatalf("funded balance %s, want %s", got, amount)
	}

	deployer := g.FundedAccount(10)
	if got := g.Balance(deployer.Addr); got.Cmp(fil(10)) != 0 {
		t.Fatalf("deployer balance %s, want 10 FIL", got)
	}
	verifier, vr, err := contracts.DeployVerifier(ctx, g.Client, deployer.Opts)
	if err != nil {
		t.Fatal(err)
	}
	minCollateral := new(big.Int).Div(testsupport.FIL, big.NewInt(2))
	m, mr, err := contracts.Deploy(ctx, g.Client, deployer.Opts, contracts.Config{
		BatchSize: 4, Verifier: verifier, SettleWindow: time.Hour, MinCollateral: minCollateral,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := g.Balance(deployer.Addr), sub(fil(10), fee(vr), fee(mr)); got.Cmp(want) != 0 {
		t.Fatalf("deployer balance %s, want %s", got, want)
	}
	if k, err := m.BatchSize(ctx); err != nil || k != 4 {
		t.Fatalf("BatchSize = %d, %v; want 4", k, err)
	}

	sp := g.FundedAccount(10)
	reg := must(m.RegisterProvider(ctx, sp.Opts, "f01000", "sp.example:2222", [32]byte{1}, `{"cpus":8}`))

	client := g.FundedAccount(10)
	key, err := voucher.GenerateKey(rand.New(rand.NewSource(1)))
	if err != nil {
		t.Fatal(err)
	}
	nonce := big.NewInt(7)
	pk := [32]byte(key.Public())
	id, err := lease.OrderID(g.ChainID, m.Address, client.Addr, pk, nonce)
	if err != nil {
		t.Fatal(err)
	}
	req := contracts.OrderRequest{
		ID: id, Provider: "f01000", Nonce: nonce, PaymentKey: pk,
		PriceAmount: big.NewInt(1e16), PricePeriod: 60, Duration: 3600, // 0.01 FIL/min for 1 h
		Spec: []byte(`image=debian;cpus=2`),
	}
	escrow := req.Escrow()
	if want := new(big.Int).Mul(big.NewInt(1e16), big.NewInt(60)); escrow.Cmp(want) != 0 {
		t.Fatalf("escrow %s, want %s", escrow, want)
	}
	create := must(m.CreateOrder(ctx, client.Opts, req))
	accept := must(m.AcceptOrder(ctx, sp.Opts, id, minCollateral))

	o, err := m.Order(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if o.State != contracts.StateAccepted || o.Client != client.Addr || o.Provider != sp.Addr ||
		o.Escrow.Cmp(escrow) != 0 || o.Collateral.Cmp(minCollateral) != 0 {
		t.Fatalf("order %+v: want Accepted by %s for %s with escrow %s, collateral %s", o, sp.Addr, client.Addr, escrow, minCollateral)
	}
	for _, c := range []struct {
		who       string
		got, want *big.Int
	}{
		{"client", g.Balance(client.Addr), sub(fil(10), escrow, fee(create))},
		{"SP", g.Balance(sp.Addr), sub(fil(10), minCollateral, fee(reg), fee(accept))},
		{"marketplace", g.Balance(m.Address), new(big.Int).Add(escrow, minCollateral)},
	} {
		if c.got.Cmp(c.want) != 0 {
			t.Errorf("%s balance %s, want %s", c.who, c.got, c.want)
		}
	}
}

// TestGethPeriod checks --dev.period: with a period the node mines empty blocks on its own.
func TestGethPeriod(t *testing.T) {
	t.Parallel()
	g := testsupport.StartGeth(t, testsupport.GethOptions{Period: 1})
	testsupport.Eventually(t, 20*time.Second, "two empty blocks", func() error {
		n, err := g.Client.BlockNumber(context.Background())
		if err != nil {
			return err
		}
		if n < 2 {
			return errors.New("fewer than two blocks yet")
		}
		return nil
	})
}
