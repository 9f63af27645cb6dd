package prover

import (
	"crypto/sha256"
	"fmt"
	"math/big"

	"github.com/shaleprotocol/shale/voucher"
)

// Settled is one slot as the contract sees it: the order id and the amount paid to the SP.
type Settled struct {
	OrderID [32]byte
	Amount  *big.Int
}

// Commitment is the circuit's only public input, recomputed by the contract:
//
//	uint256(sha256(abi.encodePacked(orderId_0, amount_0, …, orderId_{K-1}, amount_{K-1}))) >> 3
//
// with each value 32 bytes big-endian and slots past len(slots) padded with (0, 0). Dropping
// 3 bits makes the value < 2^253, inside the BN254 scalar field with no reduction.
func Commitment(k int, slots []Settled) (*big.Int, error) {
	if k < 1 || k > MaxK {
		return nil, fmt.Errorf("prover: commitment K=%d: %w", k, ErrBadK)
	}
	if len(slots) > k {
		return nil, fmt.Errorf("prover: commitment: %d slots for K=%d: %w", len(slots), k, ErrBatchTooLarge)
	}
	h := sha256.New()
	var zero [32]byte
	for i := 0; i < k; i++ {
		if i >= len(slots) {
			h.Write(zero[:])
			h.Write(zero[:])
			continue
		}
		a := slots[i].Amount
		if a == nil || a.Sign() < 0 || a.Cmp(voucher.MaxAmount) >= 0 {
			return nil, fmt.Errorf("prover: commitment slot %d: amount %v: %w", i, a, voucher.ErrInvalidAmount)
		}
		var b [32]byte
		h.Write(slots[i].OrderID[:])
		h.Write(a.FillBytes(b[:]))
	}
	c := new(big.Int).SetBytes(h.Sum(nil))
	return c.Rsh(c, 3), nil
}
