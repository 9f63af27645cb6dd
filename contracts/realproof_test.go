//go:build realproof

// Settlement with real proofs from ../prover through the real gnark verifier, and the
// soundness tests of issue 6 (wrong key, batch binding, padding, escrow, duplicates). Behind a
// build tag because it couples these tests to the prover and costs a key derivation (minutes,
// once, cached per machine) plus seconds of proving per proof; CI runs
// `go test -tags realproof -run TestRealProof ./contracts`. Locally:
//
//	go test -tags realproof ./contracts -run 'TestRealProof|TestGasReport' -v

package contracts_test

import (
	"context"
	"errors"
	"math/big"
	"math/rand"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/prover"
	"github.com/shaleprotocol/shale/voucher"
)

func init() { realProofGas = settleWithRealProof }

var testProver = sync.OnceValues(func() (*prover.Prover, error) {
	return prover.Load(context.Background(), prover.DefaultK)
})

func loadProver(t *testing.T) *prover.Prover {
	t.Helper()
	p, err := testProver()
	must(t, err)
	return p
}

// prove proves items natively checked, and checks the proof natively and the commitment
// against the contract's encoding.
func prove(t *testing.T, items []prover.Item) ([]byte, *big.Int) {
	t.Helper()
	proof, commitment, err := loadProver(t).Prove(context.Background(), items)
	must(t, err)
	must(t, loadProver(t).Verify(proof, commitment))
	return proof, commitment
}

// proveUnchecked runs the circuit on items without Prove's native checks.
func proveUnchecked(t *testing.T, items []prover.Item, mutate func(*prover.Settlement)) ([]byte, error) {
	t.Helper()
	a, _, err := prover.UncheckedAssignment(testK, items)
	must(t, err)
	if mutate != nil {
		mutate(a)
	}
	return loadProver(t).ProveAssignment(context.Background(), a)
}

func amountsOf(items []prover.Item) []*big.Int {
	out := make([]*big.Int, len(items))
	for i, it := range items {
		out[i] = it.Voucher.Amount
	}
	return out
}

// untouched asserts the leases are still Running and nobody was credited anything.
func (c *chain) untouched(ls ...realLease) {
	c.t.Helper()
	for _, l := range ls {
		c.state(l.id, contracts.StateRunning)
		b, err := c.m.Balance(c.ctx, l.client.addr)
		must(c.t, err)
		if b.Sign() != 0 {
			c.t.Fatalf("client %s credited %s", l.client.addr, b)
		}
	}
	b, err := c.m.Balance(c.ctx, c.sp.addr)
	must(c.t, err)
	if b.Sign() != 0 {
		c.t.Fatalf("SP credited %s", b)
	}
}

// settleWithRealProof creates n orders whose ids derive (MiMC) from real clients, payment
// keys and this marketplace, proves their final vouchers with the prover and settles them;
// it returns settleBatch's gas.
func settleWithRealProof(t *testing.T, cfg *params.ChainConfig, n int) uint64 {
	t.Helper()
	c, _ := withRealVerifier(t, cfg)
	var items []prover.Item
	var leases []realLease
	paid, refunds := new(big.Int), map[common.Address]*big.Int{}
	for i := 0; i < n; i++ {
		l := c.realOrder(int64(i + 1))
		amount := new(big.Int).Div(l.escrow, big.NewInt(int64(i+2)))
		items, leases = append(items, l.final(t, uint64(7+i), amount)), append(leases, l)
		paid.Add(paid, amount)
		refunds[l.client.addr] = new(big.Int).Sub(l.escrow, amount)
	}
	proof, commitment := prove(t, items)
	amounts := amountsOf(items)
	mine, err := contracts.BatchCommitment(testK, ids(leases...), amounts)
	must(t, err)
	if mine.Cmp(commitment) != 0 {
		t.Fatalf("contracts.BatchCommitment %s != prover commitment %s", mine, commitment)
	}

	// The proof binds the amounts: one attoFIL more on any lease must fail.
	bumped := append([]*big.Int(nil), amounts...)
	bumped[0] = new(big.Int).Add(bumped[0], big.NewInt(1))
	if _, err := c.m.SettleBatch(c.ctx, c.sp.opts, ids(leases...), bumped, proof); !errors.Is(err, contracts.ErrInvalidProof) {
		t.Fatalf("settling other amounts with the proof: err = %v, want ErrInvalidProof", err)
	}

	// Every lease ran its hour, so each is owed its whole voucher.
	c.advance(time.Hour + time.Minute)
	rcpt := c.must(c.m.SettleBatch(c.ctx, c.sp.opts, ids(leases...), amounts, proof))
	for i, l := range leases {
		if o := c.state(l.id, contracts.StateSettled); o.Paid.Cmp(amounts[i]) != 0 {
			t.Fatalf("lease %d paid %s, want %s", i, o.Paid, amounts[i])
		}
	}
	c.credits("settled", refunds)
	sp, err := c.m.Balance(c.ctx, c.sp.addr)
	must(t, err)
	if want := new(big.Int).Add(paid, new(big.Int).Mul(minCollateral, big.NewInt(int64(n)))); sp.Cmp(want) != 0 {
		t.Fatalf("SP credit %s, want %s", sp, want)
	}
	return rcpt.GasUsed
}

func TestRealProofSettles(t *testing.T) {
	for _, n := range []int{testK, 1} {
		t.Logf("settleBatch of %d leases with a real proof: %d gas", n, settleWithRealProof(t, nil, n))
	}
}

// TestRealProofWrongKeyCannotSettle: a voucher signed by a key other than the one the order
// id commits to can be neither proven by Prove, nor by the circuit fed directly, nor does a
// proof of the forger's own order settle the victim's.
func TestRealProofWrongKeyCannotSettle(t *testing.T) {
	c, _ := withRealVerifier(t, nil)
	alice := c.realOrder(1)
	mallory, err := voucher.GenerateKey(rand.New(rand.NewSource(666)))
	must(t, err)
	amount := new(big.Int).Div(alice.escrow, big.NewInt(2))

	// The forged voucher claimed under alice's key (the key her order id commits to).
	forged := alice.voucher(t, mallory, 9, amount)
	// The same voucher claimed under mallory's key, under which its signature is valid; the
	// order fields (client, nonce, ...) are alice's, so the id no longer derives from them.
	underOwnKey := forged
	underOwnKey.PaymentKey = mallory.Public()

	for _, tc := range []struct {
		name   string
		item   prover.Item
		native error
	}{
		{"signature under the order's key", forged, voucher.ErrBadSignature},
		{"order id not derived from the signing key", underOwnKey, prover.ErrOrderIDMismatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := loadProver(t).Prove(c.ctx, []prover.Item{tc.item}); !errors.Is(err, tc.native) {
				t.Fatalf("Prove = %v, want %v", err, tc.native)
			}
			// Bypassing the native checks, the circuit itself has no satisfying witness.
			proof, err := proveUnchecked(t, []prover.Item{tc.item}, nil)
			if err == nil {
				t.Fatalf("the circuit proved a voucher signed by another key (%d-byte proof)", len(proof))
			}
			t.Logf("circuit refused: %.200v", err)
		})
	}

	// What the forger can prove is an order committed to its own key; that proof does not
	// settle alice's order for the same amount.
	own := c.realOrder(666)
	proof, _ := prove(t, []prover.Item{own.voucher(t, mallory, 9, amount)})
	if _, err := c.m.SettleBatch(c.ctx, c.sp.opts, ids(alice), []*big.Int{amount}, proof); !errors.Is(err, contracts.ErrInvalidProof) {
		t.Fatalf("settling alice's order with a proof of mallory's: err = %v, want ErrInvalidProof", err)
	}
	c.untouched(alice, own)
}

// TestRealProofBindsBatch: a proof for batch A settles A only: not a batch B that shares
// three of its orders, not A reordered, not A minus a lease, not A with other amounts.
func TestRealProofBindsBatch(t *testing.T) {
	c, _ := withRealVerifier(t, nil)
	var ls []realLease
	var items []prover.Item
	for i := 0; i < testK+1; i++ {
		l := c.realOrder(int64(10 + i))
		ls = append(ls, l)
		items = append(items, l.final(t, uint64(3+i), new(big.Int).Div(l.escrow, big.NewInt(int64(2+i)))))
	}
	a, itemsA := ls[:testK], items[:testK]
	amountsA := amountsOf(itemsA)
	proof, _ := prove(t, itemsA)

	swap := func(x []*big.Int) []*big.Int {
		y := append([]*big.Int(nil), x...)
		y[0], y[1] = y[1], y[0]
		return y
	}
	b := append([]realLease{ls[testK]}, a[1:]...) // B: A with its first lease replaced
	amountsB := append([]*big.Int{items[testK].Voucher.Amount}, amountsA[1:]...)
	for _, tc := range []struct {
		name    string
		ids     [][32]byte
		amounts []*big.Int
	}{
		{"batch B", ids(b...), amountsB},
		{"A with slots 0 and 1 swapped", ids(append([]realLease{a[1], a[0]}, a[2:]...)...), swap(amountsA)},
		{"A with only the ids swapped", ids(append([]realLease{a[1], a[0]}, a[2:]...)...), amountsA},
		{"A without its last lease", ids(a[:testK-1]...), amountsA[:testK-1]},
		{"A with two amounts swapped", ids(a...), swap(amountsA)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := c.m.SettleBatch(c.ctx, c.sp.opts, tc.ids, tc.amounts, proof); !errors.Is(err, contracts.ErrInvalidProof) {
				t.Fatalf("err = %v, want ErrInvalidProof", err)
			}
			c.untouched(ls...)
		})
	}
	c.must(c.m.SettleBatch(c.ctx, c.sp.opts, ids(a...), amountsA, proof))
	for _, l := range a {
		c.state(l.id, contracts.StateSettled)
	}
	c.state(ls[testK].id, contracts.StateRunning)
}

// TestRealProofPaddingCannotSettleRealOrder: the circuit refuses a real order passed off as a
// padding slot, and the contract's implicit zero padding cannot be spelled out to smuggle an
// order id 0 (or anything else) into a batch.
func TestRealProofPaddingCannotSettleRealOrder(t *testing.T) {
	c, _ := withRealVerifier(t, nil)
	l1, l2 := c.realOrder(21), c.realOrder(22)
	good := l1.final(t, 4, new(big.Int).Div(l1.escrow, big.NewInt(3)))
	real2 := l2.final(t, 4, new(big.Int).Div(l2.escrow, big.NewInt(3)))

	for _, tc := range []struct {
		name   string
		mutate func(*prover.Settlement)
	}{
		// Slot 1 carries l2's genuine voucher but claims to be padding.
		{"real order flagged as padding", func(a *prover.Settlement) { a.Slots[1].IsPadding = 1 }},
		// Slot 1 is l2's id with amount 0, signed by the public padding key, flagged padding.
		{"real order id with amount 0 hidden as padding", func(a *prover.Settlement) {
			must(t, prover.SignAsPadding(&a.Slots[1], l2.id, 0, new(big.Int)))
			a.Commitment, _ = prover.Commitment(testK, []prover.Settled{
				{OrderID: l1.id, Amount: good.Voucher.Amount}, {OrderID: l2.id, Amount: new(big.Int)}})
		}},
		// Slot 1 is a padding slot with a nonzero amount: padding pays nothing.
		{"padding slot with an amount", func(a *prover.Settlement) {
			must(t, prover.SignAsPadding(&a.Slots[1], [32]byte{}, 0, big.NewInt(1)))
			a.Commitment, _ = prover.Commitment(testK, []prover.Settled{
				{OrderID: l1.id, Amount: good.Voucher.Amount}, {Amount: big.NewInt(1)}})
		}},
		// Slot 1 is a padding slot that claims to be real: id 0 derives from no order.
		{"padding slot flagged as real", func(a *prover.Settlement) {
			must(t, prover.SignAsPadding(&a.Slots[1], [32]byte{}, 0, new(big.Int)))
			a.Slots[1].IsPadding = 0
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			proof, err := proveUnchecked(t, []prover.Item{good, real2}, tc.mutate)
			if err == nil {
				t.Fatalf("the circuit proved it (%d-byte proof)", len(proof))
			}
			t.Logf("circuit refused: %.200v", err)
		})
	}

	// A genuine proof of l1 alone, padded to K by the prover.
	proof, commitment := prove(t, []prover.Item{good})
	padded := []*big.Int{good.Voucher.Amount, new(big.Int)}
	explicit, err := contracts.BatchCommitment(testK, [][32]byte{l1.id, {}}, padded)
	must(t, err)
	if explicit.Cmp(commitment) != 0 {
		t.Fatal("an explicit (0, 0) slot should hash like the implicit padding")
	}
	// Same commitment, so the proof would verify: the contract refuses the zero id itself.
	if _, err := c.m.SettleBatch(c.ctx, c.sp.opts, [][32]byte{l1.id, {}}, padded, proof); !errors.Is(err, contracts.ErrUnknownOrder) {
		t.Fatalf("explicit zero order id: err = %v, want ErrUnknownOrder", err)
	}
	// l2 in the slot the proof pads, for nothing: the commitment differs.
	if _, err := c.m.SettleBatch(c.ctx, c.sp.opts, ids(l1, l2), padded, proof); !errors.Is(err, contracts.ErrInvalidProof) {
		t.Fatalf("real order in a padding slot: err = %v, want ErrInvalidProof", err)
	}
	c.untouched(l1, l2)
	c.must(c.m.SettleBatch(c.ctx, c.sp.opts, ids(l1), padded[:1], proof))
	c.state(l1.id, contracts.StateSettled)
	c.state(l2.id, contracts.StateRunning)
}

// TestRealProofAmountAboveEscrow: the circuit knows nothing of escrows, so a client-signed
// voucher above its escrow proves fine; the contract refuses to pay it, and pays the escrow
// exactly.
func TestRealProofAmountAboveEscrow(t *testing.T) {
	c, _ := withRealVerifier(t, nil)
	l := c.realOrder(31)
	over := new(big.Int).Add(l.escrow, big.NewInt(1))
	proof, _ := prove(t, []prover.Item{l.final(t, 12, over)})
	if _, err := c.m.SettleBatch(c.ctx, c.sp.opts, ids(l), []*big.Int{over}, proof); !errors.Is(err, contracts.ErrEscrowExceeded) {
		t.Fatalf("err = %v, want ErrEscrowExceeded", err)
	}
	c.untouched(l)

	proof, _ = prove(t, []prover.Item{l.final(t, 13, l.escrow)})
	c.advance(time.Hour + time.Minute) // it ran its hour: the escrow is owed
	c.must(c.m.SettleBatch(c.ctx, c.sp.opts, ids(l), []*big.Int{l.escrow}, proof))
	if o := c.state(l.id, contracts.StateSettled); o.Paid.Cmp(l.escrow) != 0 {
		t.Fatalf("paid %s, want the escrow %s", o.Paid, l.escrow)
	}
	c.credits("settled at the escrow", map[common.Address]*big.Int{
		l.client.addr: new(big.Int),
		c.sp.addr:     new(big.Int).Add(l.escrow, minCollateral),
	})
}

// TestRealProofDuplicateOrder: Prove refuses a batch naming one order twice, but the circuit
// alone proves it; the contract must refuse to pay the order twice.
func TestRealProofDuplicateOrder(t *testing.T) {
	c, _ := withRealVerifier(t, nil)
	l := c.realOrder(41)
	it := l.final(t, 2, new(big.Int).Div(l.escrow, big.NewInt(2)))
	if _, _, err := loadProver(t).Prove(c.ctx, []prover.Item{it, it}); !errors.Is(err, prover.ErrDuplicateOrder) {
		t.Fatalf("Prove = %v, want ErrDuplicateOrder", err)
	}
	proof, err := proveUnchecked(t, []prover.Item{it, it}, nil)
	must(t, err)
	dup := [][32]byte{l.id, l.id}
	amounts := []*big.Int{it.Voucher.Amount, it.Voucher.Amount}
	commitment, err := contracts.BatchCommitment(testK, dup, amounts)
	must(t, err)
	must(t, loadProver(t).Verify(proof, commitment))
	if _, err := c.m.SettleBatch(c.ctx, c.sp.opts, dup, amounts, proof); !errors.Is(err, contracts.ErrAlreadySettled) {
		t.Fatalf("err = %v, want ErrAlreadySettled", err)
	}
	c.untouched(l)
}

// TestRealProofEarlyTerminate: the client terminated 5 minutes in, its last voucher signed 10
// minutes ahead. The real proof of that voucher verifies, and the contract pays the provider
// only the time the lease ran; the client gets the rest.
func TestRealProofEarlyTerminate(t *testing.T) {
	c, _ := withRealVerifier(t, nil)
	l := c.realOrder(51)
	c.advance(5 * time.Minute)
	c.must(c.m.Terminate(c.ctx, l.client.opts, l.id))
	o := c.state(l.id, contracts.StateTerminated)
	ran := o.EndTime.Unix() - o.StartedAt.Unix()
	amount := voucherFor(o, ran, 10*time.Minute)
	proof, _ := prove(t, []prover.Item{l.final(t, 3, amount)})
	c.must(c.m.SettleBatch(c.ctx, c.sp.opts, ids(l), []*big.Int{amount}, proof))
	want := costOf(o, ran)
	if got := c.state(l.id, contracts.StateSettled).Paid; got.Cmp(want) != 0 || want.Cmp(amount) >= 0 {
		t.Fatalf("paid %s for a voucher of %s after %d s, want %s", got, amount, ran, want)
	}
	c.credits("settled", map[common.Address]*big.Int{
		l.client.addr: new(big.Int).Sub(l.escrow, want),
		c.sp.addr:     new(big.Int).Add(want, minCollateral),
	})
}
