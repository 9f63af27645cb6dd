// Package sptest plays the provider's side in tests: deal data imported into a CAR store, a
// real SSH gateway in front of Docker containers, a lease served the way the bridge and the
// driver would. (It is apart from testsupport because deals' and gateway's own tests use
// testsupport.)
package sptest

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/client"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/deals"
	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/lease"
)

// StartGateway serves a gateway on a loopback port until the test ends; its log goes to t.
func StartGateway(t testing.TB) *gateway.Server {
	t.Helper()
	return gwtest.Start(t).Server
}

// Serve does for the order ev what the bridge and the driver do: accept it (0.5 FIL
// collateral) unless it was accepted already, start an idle busybox container, register it
// on gw with the order's own terms (each mod may change them, as a misbehaving provider
// would), and confirm the lease on chain at gw's address.
func Serve(ctx context.Context, t testing.TB, m *contracts.Marketplace, sp *bind.TransactOpts, gw *gateway.Server, chainID uint64, ev *bindings.MarketplaceOrderCreated, mod ...func(*gateway.Lease)) lease.LeaseID {
	t.Helper()
	o, err := m.Order(ctx, ev.OrderId)
	if err != nil {
		t.Fatal(err)
	}
	if o.State == contracts.StateCreated {
		if _, err := m.AcceptOrder(ctx, sp, ev.OrderId, new(big.Int).Div(testsupport.FIL, big.NewInt(2))); err != nil {
			t.Fatal(err)
		}
	}
	spec, err := client.LeaseOrder(ev).Spec()
	if err != nil {
		t.Fatal(err)
	}
	var keys []ssh.PublicKey
	for _, k := range spec.SSHKeys {
		pk, err := lease.ParseSSHKey(k)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, pk)
	}
	dc := testsupport.Docker(t)
	testsupport.RequireImage(t, dc, testsupport.BusyboxImage)
	id := lease.LeaseID{ChainID: chainID, Order: ev.OrderId}
	l := gateway.Lease{
		ID: id, ContainerID: testsupport.StartIdleContainer(t, dc, testsupport.BusyboxImage), Keys: keys,
		Price: spec.Price, Escrow: ev.Escrow, Prepay: spec.Prepay, Grace: spec.Grace,
		StartedAt: time.Now(), ExpiresAt: time.Now().Add(spec.Duration), PaymentKey: ev.PaymentKey,
		Exposes: spec.Exposes,
	}
	for _, m := range mod {
		m(&l)
	}
	if err := gw.Register(l); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gw.Unregister(id) })
	if _, err := m.StartLease(ctx, sp, ev.OrderId, gw.Addr().String()); err != nil {
		t.Fatal(err)
	}
	return id
}

// ImportDataset imports src (a file or directory) into a fresh CAR store, as
// `shale-driver deals import` does, and returns the store and the root CID.
func ImportDataset(t testing.TB, src string) (carDir, cid string) {
	t.Helper()
	if _, err := os.Stat(src); err != nil {
		t.Fatalf("dataset %s missing (run scripts/datasets.sh): %v", src, err)
	}
	carDir = t.TempDir()
	c, err := deals.Import(context.Background(), carDir, src)
	if err != nil {
		t.Fatal(err)
	}
	return carDir, c.String()
}

// DealsConfig is the plugin config block serving the CAR store carDir (for
// NomadOptions.ExtraPluginConfig).
func DealsConfig(carDir string) string {
	return fmt.Sprintf("    deals {\n      car_dir = %q\n    }", carDir)
}
