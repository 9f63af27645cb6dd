package prover

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"sync"

	tedwards "github.com/consensys/gnark-crypto/ecc/twistededwards"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/voucher"
)

// Errors Prove returns before any proving work when a batch is invalid natively.
var (
	// ErrBatchTooLarge means more items than the circuit's K.
	ErrBatchTooLarge = errors.New("prover: batch larger than K")
	// ErrOrderIDMismatch means a voucher's order id is not derived from the item's order fields.
	ErrOrderIDMismatch = errors.New("prover: order id not derived from the order fields")
	// ErrDuplicateOrder means the same order id appears twice in one batch.
	ErrDuplicateOrder = errors.New("prover: duplicate order in batch")
)

// Item is one lease to settle: the on-chain order fields its id derives from and the final
// voucher signed by the order's payment key.
type Item struct {
	ChainID    *big.Int
	Contract   [20]byte
	Client     [20]byte
	Nonce      *big.Int
	PaymentKey voucher.PublicKey
	Voucher    *voucher.Voucher
}

// check validates an item natively, so a bad batch fails fast with a precise error instead of
// an opaque constraint failure after seconds of solving.
func (it *Item) check() error {
	if it.Voucher == nil {
		return errors.New("prover: item has no voucher")
	}
	id, err := lease.OrderID(it.ChainID, it.Contract, it.Client, it.PaymentKey, it.Nonce)
	if err != nil {
		return fmt.Errorf("prover: derive order id: %w", err)
	}
	if id != it.Voucher.OrderID {
		return fmt.Errorf("prover: voucher order %x, derived %x: %w", it.Voucher.OrderID, id, ErrOrderIDMismatch)
	}
	if err := it.Voucher.Verify(it.PaymentKey); err != nil {
		return fmt.Errorf("prover: order %x: %w", id, err)
	}
	return nil
}

// assign fills a circuit slot from a (pre-checked) item.
func (it *Item) assign(s *Slot) error {
	ax, ay, err := it.PaymentKey.Point()
	if err != nil {
		return err
	}
	s.IsPadding = 0
	s.ChainID, s.Contract, s.Client, s.Nonce = it.ChainID, new(big.Int).SetBytes(it.Contract[:]), new(big.Int).SetBytes(it.Client[:]), it.Nonce
	s.Key.A.X, s.Key.A.Y = ax, ay
	s.OrderID = new(big.Int).SetBytes(it.Voucher.OrderID[:])
	s.Seq = new(big.Int).SetUint64(it.Voucher.Seq)
	s.Amount = it.Voucher.Amount
	s.Sig.Assign(tedwards.BN254, it.Voucher.Sig[:])
	return nil
}

// padding is the fixed filler for empty slots: a public, deterministic dummy key that signs
// (orderID 0, seq 0, amount 0). Its order id is never checked (the slot is padding) and the
// circuit forces its id and amount to zero, so it settles nothing.
var padding = sync.OnceValues(func() (*Slot, error) {
	key, err := paddingPrivateKey()
	if err != nil {
		return nil, err
	}
	v, err := voucher.Sign(key, [32]byte{}, 0, new(big.Int))
	if err != nil {
		return nil, fmt.Errorf("prover: padding voucher: %w", err)
	}
	ax, ay, err := key.Public().Point()
	if err != nil {
		return nil, err
	}
	s := &Slot{IsPadding: 1, ChainID: 0, Contract: 0, Client: 0, Nonce: 0, OrderID: 0, Seq: 0, Amount: 0}
	s.Key.A.X, s.Key.A.Y = ax, ay
	s.Sig.Assign(tedwards.BN254, v.Sig[:])
	return s, nil
})

// assignment builds the full witness for k slots, checking items natively first.
func assignment(k int, items []Item) (*Settlement, *big.Int, error) {
	return buildAssignment(k, items, true)
}

// buildAssignment fills k slots from items (padding the rest) and computes the commitment.
// With checked, every item must pass the native checks and no order may appear twice; only
// the realproof test hook builds witnesses unchecked, to show the circuit refuses them.
func buildAssignment(k int, items []Item, checked bool) (*Settlement, *big.Int, error) {
	if len(items) > k {
		return nil, nil, fmt.Errorf("prover: %d items for K=%d: %w", len(items), k, ErrBatchTooLarge)
	}
	pad, err := padding()
	if err != nil {
		return nil, nil, err
	}
	a := NewCircuit(k)
	settled := make([]Settled, len(items))
	seen := make(map[[32]byte]bool, len(items))
	for i := range a.Slots {
		if i >= len(items) {
			a.Slots[i] = *pad
			continue
		}
		it := &items[i]
		if checked {
			if err := it.check(); err != nil {
				return nil, nil, fmt.Errorf("prover: item %d: %w", i, err)
			}
			// The circuit would prove a batch with one order twice, but the contract must not
			// pay it twice; refusing here keeps batches meaningful.
			if seen[it.Voucher.OrderID] {
				return nil, nil, fmt.Errorf("prover: item %d: order %x: %w", i, it.Voucher.OrderID, ErrDuplicateOrder)
			}
			seen[it.Voucher.OrderID] = true
		}
		if err := it.assign(&a.Slots[i]); err != nil {
			return nil, nil, fmt.Errorf("prover: item %d: %w", i, err)
		}
		settled[i] = Settled{OrderID: it.Voucher.OrderID, Amount: it.Voucher.Amount}
	}
	c, err := Commitment(k, settled)
	if err != nil {
		return nil, nil, err
	}
	a.Commitment = c
	return a, c, nil
}

// paddingPrivateKey is the dummy key of padding slots, derived from a public seed.
func paddingPrivateKey() (*voucher.PrivateKey, error) {
	seed := sha256.Sum256([]byte("shale/prover/padding-key/v1"))
	key, err := voucher.GenerateKey(newSeedStream(seed[:]))
	if err != nil {
		return nil, fmt.Errorf("prover: padding key: %w", err)
	}
	return key, nil
}
