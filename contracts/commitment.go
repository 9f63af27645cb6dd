package contracts

import (
	"crypto/sha256"
	"fmt"
	"math/big"
)

// BatchCommitment is the settlement circuit's single public input as settleBatch recomputes it:
// sha256 over k slots of (orderId, amount), 32 bytes big-endian each, slots len(ids)..k-1
// zero, read as a big-endian integer and shifted right by 3 bits so it fits BN254's scalar field.
func BatchCommitment(k int, ids [][32]byte, amounts []*big.Int) (*big.Int, error) {
	if len(ids) == 0 || len(ids) > k || len(amounts) != len(ids) {
		return nil, fmt.Errorf("batch of %d ids and %d amounts for K=%d: %w", len(ids), len(amounts), k, ErrBadBatch)
	}
	buf := make([]byte, 64*k)
	for i := range ids {
		a := amounts[i]
		if a == nil || a.Sign() < 0 || a.BitLen() > 256 {
			return nil, fmt.Errorf("amount %d (%v) is not a uint256: %w", i, a, ErrBadBatch)
		}
		copy(buf[64*i:], ids[i][:])
		a.FillBytes(buf[64*i+32 : 64*i+64])
	}
	h := sha256.Sum256(buf)
	return new(big.Int).Rsh(new(big.Int).SetBytes(h[:]), 3), nil
}
