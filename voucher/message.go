package voucher

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/mimc"
)

// MaxAmountBytes bounds an amount's big-endian length. 2^128 attoFIL is ~3.4e20 FIL, far above
// FIL's total supply, and the bound lets the settlement circuit range-check amounts cheaply.
const MaxAmountBytes = 16

// MaxAmount is the exclusive upper bound of an amount: 2^128.
var MaxAmount = new(big.Int).Lsh(big.NewInt(1), 8*MaxAmountBytes)

// checkAmount accepts 0 <= a < MaxAmount.
func checkAmount(a *big.Int) error {
	if a == nil || a.Sign() < 0 || a.Cmp(MaxAmount) >= 0 {
		return fmt.Errorf("voucher: amount %v outside [0, 2^128): %w", a, ErrInvalidAmount)
	}
	return nil
}

// checkOrderID accepts an order id that is a canonical BN254 scalar field element, as every
// id derived with MiMC is.
func checkOrderID(id [32]byte) error {
	if _, err := fr.BigEndian.Element(&id); err != nil {
		return fmt.Errorf("voucher: order id %x: %w", id, ErrInvalidOrderID)
	}
	return nil
}

// fieldBlock is x as a 32-byte big-endian block, the MiMC input unit.
func fieldBlock(x *big.Int) []byte {
	var b [32]byte
	return x.FillBytes(b[:])
}

// mimcSum hashes 32-byte big-endian blocks with MiMC BN254, the hash the circuit mirrors.
func mimcSum(blocks ...[]byte) ([32]byte, error) {
	var out [32]byte
	h := mimc.NewMiMC()
	for _, b := range blocks {
		if _, err := h.Write(b); err != nil {
			return out, fmt.Errorf("voucher: mimc: %w", err)
		}
	}
	copy(out[:], h.Sum(nil))
	return out, nil
}

// Message is the 32-byte field element a voucher signs: MiMC(orderID, seq, amount), each a
// 32-byte big-endian block.
func Message(orderID [32]byte, seq uint64, amount *big.Int) ([32]byte, error) {
	if err := checkOrderID(orderID); err != nil {
		return [32]byte{}, err
	}
	if err := checkAmount(amount); err != nil {
		return [32]byte{}, err
	}
	return mimcSum(orderID[:], fieldBlock(new(big.Int).SetUint64(seq)), fieldBlock(amount))
}

// verifySig checks an EdDSA (MiMC) signature over msg under pub.
func verifySig(pub PublicKey, msg [32]byte, sig [SignatureSize]byte) error {
	pk, err := pub.point()
	if err != nil {
		return err
	}
	ok, err := pk.Verify(sig[:], msg[:], mimc.NewMiMC())
	if err != nil {
		return fmt.Errorf("voucher: verify under %s: %v: %w", pub, err, ErrBadSignature)
	}
	if !ok {
		return fmt.Errorf("voucher: verify under %s: %w", pub, ErrBadSignature)
	}
	return nil
}
