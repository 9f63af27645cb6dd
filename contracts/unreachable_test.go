package contracts_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// A transaction is sent, then the chain's RPC is cut at the TCP level before it is mined: the
// wait gives up with ErrUnreachable within seconds instead of holding its caller (the bridge's
// round, its health) for the whole TxTimeout, and the transaction itself is not lost.
func TestWaitReportsUnreachableChain(t *testing.T) {
	ctx := context.Background()
	// No empty blocks: a transaction sent over HTTP stays pending until the test mines.
	chain := testsupport.StartChain(t, testsupport.ChainOptions{HTTP: true, BlockInterval: time.Hour})
	sp := chain.Fund(10)
	gate := testsupport.NewGate(t, chain.HTTPAddr)
	rpc, err := ethclient.Dial("http://" + gate.Addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rpc.Close)
	m, err := contracts.New(chain.Market.Address, rpc)
	if err != nil {
		t.Fatal(err)
	}
	m.TxTimeout = 10 * time.Minute

	done := make(chan error, 1)
	go func() {
		_, err := m.RegisterProvider(ctx, sp.Opts, "f01234", "127.0.0.1:2222", [32]byte{1}, "{}")
		done <- err
	}()
	testsupport.Eventually(t, 30*time.Second, "registration pending in the pool", func() error {
		n, err := chain.Backend.PendingNonceAt(ctx, sp.Addr)
		if err == nil && n == 0 {
			err = errors.New("not sent yet")
		}
		return err
	})
	gate.Down()
	select {
	case err := <-done:
		if !errors.Is(err, contracts.ErrUnreachable) {
			t.Fatalf("RegisterProvider with the chain cut = %v, want ErrUnreachable", err)
		}
		t.Logf("error a caller sees: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("still waiting for the receipt two minutes after the chain became unreachable")
	}

	gate.Up()
	chain.Mine(1)
	if _, err := chain.Market.Provider(ctx, sp.Addr); err != nil {
		t.Fatalf("the registration sent before the outage did not land: %v", err)
	}
}
