package testsupport

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"
)

func TestStartChain(t *testing.T) {
	c := StartChain(t, ChainOptions{BlockInterval: 100 * time.Millisecond})
	a := c.Fund(3)
	if got, want := c.Balance(a.Addr), new(big.Int).Mul(FIL, big.NewInt(3)); got.Cmp(want) != 0 {
		t.Fatalf("funded balance %s, want %s", got, want)
	}
	k, err := c.Market.BatchSize(context.Background())
	if err != nil || k != 4 {
		t.Fatalf("K = %d, %v", k, err)
	}
	start, err := c.Backend.BlockNumber(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	Eventually(t, 30*time.Second, "empty blocks mined", func() error {
		n, err := c.Backend.BlockNumber(context.Background())
		if err != nil {
			return err
		}
		if n < start+2 {
			return fmt.Errorf("block %d, want %d", n, start+2)
		}
		return nil
	})
	if _, pw := a.Keystore(t, t.TempDir(), "secret"); pw == "" {
		t.Fatal("no password file")
	}
}

// TestAdvanceRightAfterTransaction moves the clock straight after each mined transaction,
// while the pool may still be dropping it; before AdjustTime waited for the pool, this failed
// within a few iterations with "could not adjust time on non-empty block".
func TestAdvanceRightAfterTransaction(t *testing.T) {
	c := StartChain(t, ChainOptions{BlockInterval: time.Hour})
	start := c.Head().Time
	for i := 0; i < 100; i++ {
		c.Fund(1)
		c.Advance(time.Minute)
	}
	if got := c.Head().Time - start; got < 100*60 {
		t.Fatalf("clock moved %ds, want at least %ds", got, 100*60)
	}
}
