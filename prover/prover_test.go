package prover

import (
	"context"
	"errors"
	"math/big"
	"math/rand"
	"strings"
	"sync"
	"testing"

	tedwards "github.com/consensys/gnark-crypto/ecc/twistededwards"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/voucher"
)

// testK is the default K: tests share its cached dev keys with TestVerifierFresh, so a machine
// derives one key pair (about a minute, once) rather than one per K.
const testK = DefaultK

var testProver = sync.OnceValues(func() (*Prover, error) { return Load(context.Background(), testK) })

func loadTestProver(t *testing.T) *Prover {
	t.Helper()
	p, err := testProver()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type client struct {
	key   *voucher.PrivateKey
	order Item
}

// newClient makes a client with an order on chain 31337 and a deterministic key.
func newClient(t testing.TB, seed int64) *client {
	t.Helper()
	key, err := voucher.GenerateKey(rand.New(rand.NewSource(seed)))
	if err != nil {
		t.Fatal(err)
	}
	it := Item{ChainID: big.NewInt(31337), Nonce: big.NewInt(seed + 1), PaymentKey: key.Public()}
	it.Contract[19] = 0xc0
	it.Client[0], it.Client[19] = byte(seed), 0x11
	return &client{key: key, order: it}
}

func (c *client) orderID(t testing.TB) [32]byte {
	t.Helper()
	id, err := lease.OrderID(c.order.ChainID, c.order.Contract, c.order.Client, c.order.PaymentKey, c.order.Nonce)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// item is the client's order with a final voucher (seq, amount) signed by signer.
func (c *client) item(t testing.TB, signer *voucher.PrivateKey, orderID [32]byte, seq uint64, amount int64) Item {
	t.Helper()
	v, err := voucher.Sign(signer, orderID, seq, big.NewInt(amount))
	if err != nil {
		t.Fatal(err)
	}
	it := c.order
	it.Voucher = v
	return it
}

func TestProveVerify(t *testing.T) {
	p := loadTestProver(t)
	var items []Item
	for i := range testK {
		c := newClient(t, int64(i+1))
		items = append(items, c.item(t, c.key, c.orderID(t), uint64(10+i), int64(1000*(i+1))))
	}
	cases := []struct {
		name  string
		items []Item
	}{
		{"full batch", items},
		{"padded batch", items[:1]},
		{"all padding", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			proof, c, err := p.Prove(context.Background(), tc.items)
			if err != nil {
				t.Fatal(err)
			}
			if len(proof) != ProofSize {
				t.Fatalf("proof %d bytes, want %d", len(proof), ProofSize)
			}
			settled := make([]Settled, len(tc.items))
			for i, it := range tc.items {
				settled[i] = Settled{it.Voucher.OrderID, it.Voucher.Amount}
			}
			want, err := Commitment(testK, settled)
			if err != nil {
				t.Fatal(err)
			}
			if c.Cmp(want) != 0 {
				t.Fatalf("commitment %x, want %x", c, want)
			}
			if err := p.Verify(proof, c); err != nil {
				t.Fatal(err)
			}
			// The same proof must not verify another batch's commitment, nor survive a bit flip.
			if err := p.Verify(proof, new(big.Int).Add(c, big.NewInt(1))); !errors.Is(err, ErrInvalidProof) {
				t.Fatalf("verified a wrong commitment: %v", err)
			}
			bad := append([]byte{}, proof...)
			bad[100] ^= 1
			if err := p.Verify(bad, c); !errors.Is(err, ErrInvalidProof) {
				t.Fatalf("verified a corrupted proof: %v", err)
			}
		})
	}
}

// TestProveRejects feeds invalid batches both through Prove (native checks) and straight into
// the circuit (no native checks), which must refuse to prove each one.
func TestProveRejects(t *testing.T) {
	p := loadTestProver(t)
	alice, bob := newClient(t, 1), newClient(t, 2)
	good := alice.item(t, alice.key, alice.orderID(t), 5, 500)
	badSig := good
	badSig.Voucher = good.Voucher.Clone()
	badSig.Voucher.Sig[40] ^= 1
	cases := []struct {
		name   string
		item   Item
		native error
		mutate func(*Settlement) // applied after assignment instead of an item, when set
	}{
		{name: "wrong signature", item: badSig, native: voucher.ErrBadSignature},
		{name: "voucher signed by another key", item: alice.item(t, bob.key, alice.orderID(t), 5, 500), native: voucher.ErrBadSignature},
		{name: "order id not derived from the key", item: alice.item(t, alice.key, bob.orderID(t), 5, 500), native: ErrOrderIDMismatch},
		{name: "padding slot with nonzero amount", mutate: func(a *Settlement) {
			// A padding slot whose dummy key signed (0, 0, 7): only the padding rule stops it.
			v, err := voucher.Sign(paddingKey(t), [32]byte{}, 0, big.NewInt(7))
			if err != nil {
				t.Fatal(err)
			}
			a.Slots[1].Amount = 7
			a.Slots[1].Sig.Assign(tedwards.BN254, v.Sig[:])
			a.Commitment, _ = Commitment(testK, []Settled{{good.Voucher.OrderID, good.Voucher.Amount}, {[32]byte{}, big.NewInt(7)}})
		}},
		{name: "real slot claiming padding", mutate: func(a *Settlement) { a.Slots[0].IsPadding = 1 }},
		{name: "wrong commitment", mutate: func(a *Settlement) { a.Commitment = 12345 }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.mutate == nil {
				_, _, err := p.Prove(context.Background(), []Item{tc.item})
				if !errors.Is(err, tc.native) {
					t.Fatalf("Prove = %v, want %v", err, tc.native)
				}
			}
			a := forcedAssignment(t, good, tc.item, tc.mutate)
			_, err := p.prove(context.Background(), a)
			t.Logf("circuit refused: %.300v", err)
			if err == nil || !strings.Contains(err.Error(), "prove Settlement") {
				t.Fatalf("circuit proved an invalid batch: %v", err)
			}
		})
	}
}

// forcedAssignment builds a witness without native checks: from bad when mutate is nil, else
// from good with mutate applied.
func forcedAssignment(t *testing.T, good, bad Item, mutate func(*Settlement)) *Settlement {
	t.Helper()
	a, _, err := assignment(testK, []Item{good})
	if err != nil {
		t.Fatal(err)
	}
	if mutate != nil {
		mutate(a)
		return a
	}
	if err := bad.assign(&a.Slots[0]); err != nil {
		t.Fatal(err)
	}
	a.Commitment, err = Commitment(testK, []Settled{{bad.Voucher.OrderID, bad.Voucher.Amount}})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func paddingKey(t *testing.T) *voucher.PrivateKey {
	t.Helper()
	k, err := paddingPrivateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}
