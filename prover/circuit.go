package prover

import (
	"fmt"

	tedwards "github.com/consensys/gnark-crypto/ecc/twistededwards"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/twistededwards"
	"github.com/consensys/gnark/std/hash/mimc"
	"github.com/consensys/gnark/std/hash/sha2"
	"github.com/consensys/gnark/std/math/bits"
	"github.com/consensys/gnark/std/math/uints"
	"github.com/consensys/gnark/std/signature/eddsa"
)

// Slot is one lease of a batch, all private. A padding slot (IsPadding = 1) has OrderID = 0
// and Amount = 0 and carries a dummy key and signature so every slot runs the same constraints.
type Slot struct {
	IsPadding frontend.Variable

	// Order fields the order id is derived from (lease.OrderID mirrors this natively).
	ChainID  frontend.Variable
	Contract frontend.Variable
	Client   frontend.Variable
	Nonce    frontend.Variable
	Key      eddsa.PublicKey

	// The final voucher.
	OrderID frontend.Variable
	Seq     frontend.Variable
	Amount  frontend.Variable
	Sig     eddsa.Signature
}

// Settlement is the circuit Settlement(K): K slots and one public input, the batch commitment
// uint256(sha256(orderId_0 ‖ amount_0 ‖ … ‖ orderId_{K-1} ‖ amount_{K-1})) >> 3, so on-chain
// verification costs the same for every K.
type Settlement struct {
	Commitment frontend.Variable `gnark:",public"`
	Slots      []Slot
}

// NewCircuit returns an unassigned Settlement circuit with k slots, for compilation.
func NewCircuit(k int) *Settlement {
	return &Settlement{Slots: make([]Slot, k)}
}

// amountBits is the width amounts are range-checked to; it equals voucher.MaxAmountBytes*8.
const amountBits = 128

// Define implements frontend.Circuit.
func (c *Settlement) Define(api frontend.API) error {
	curve, err := twistededwards.NewEdCurve(api, tedwards.BN254)
	if err != nil {
		return fmt.Errorf("settlement: curve: %w", err)
	}
	bapi, err := uints.NewBytes(api)
	if err != nil {
		return fmt.Errorf("settlement: bytes: %w", err)
	}
	packed := make([]uints.U8, 0, 64*len(c.Slots))
	for i := range c.Slots {
		s := &c.Slots[i]
		if err := checkSlot(api, curve, s); err != nil {
			return fmt.Errorf("settlement: slot %d: %w", i, err)
		}
		// ToBinary with the full field width also asserts the bits are the canonical
		// representative (< r), so the bytes hashed are exactly the uint256 the contract sees.
		packed = append(packed, bytesBE(api, bapi, bits.ToBinary(api, s.OrderID))...)
		// 128 bits range-checks the amount: amount < 2^128, the voucher package's bound.
		packed = append(packed, bytesBE(api, bapi, bits.ToBinary(api, s.Amount, bits.WithNbDigits(amountBits)))...)
	}
	h, err := sha2.New(api)
	if err != nil {
		return fmt.Errorf("settlement: sha2: %w", err)
	}
	h.Write(packed)
	api.AssertIsEqual(c.Commitment, digestShr3(api, bapi, h.Sum()))
	return nil
}

// checkSlot enforces one slot: padding rules, order id derivation and the voucher signature.
func checkSlot(api frontend.API, curve twistededwards.Curve, s *Slot) error {
	api.AssertIsBoolean(s.IsPadding)
	// A slot is padding exactly when its order id is zero: padding can never carry a real
	// order, and a real slot can never hide behind id 0.
	api.AssertIsEqual(api.IsZero(s.OrderID), s.IsPadding)
	// Padding pays nothing.
	api.AssertIsEqual(api.Mul(s.IsPadding, s.Amount), 0)

	// orderID = MiMC(chainID, contract, client, Ax, Ay, nonce) for every real slot.
	m, err := mimc.NewMiMC(api)
	if err != nil {
		return err
	}
	m.Write(s.ChainID, s.Contract, s.Client, s.Key.A.X, s.Key.A.Y, s.Nonce)
	derived := m.Sum()
	api.AssertIsEqual(api.Mul(api.Sub(1, s.IsPadding), api.Sub(s.OrderID, derived)), 0)

	// The voucher message MiMC(orderID, seq, amount), signed by the order's payment key.
	// eddsa.Verify does not check that A is on the curve; do it, so a forged off-curve key
	// can never stand in for the one the order id commits to.
	curve.AssertIsOnCurve(s.Key.A)
	m.Reset()
	m.Write(s.OrderID, s.Seq, s.Amount)
	msg := m.Sum()
	m.Reset()
	return eddsa.Verify(curve, s.Sig, msg, s.Key, &m)
}

// bytesBE turns little-endian bits into 32 big-endian bytes (missing high bits are zero).
func bytesBE(api frontend.API, bapi *uints.Bytes, b []frontend.Variable) []uints.U8 {
	out := make([]uints.U8, 32)
	for i := range out {
		lo := 8 * (31 - i) // bit index of this byte's least significant bit
		if lo >= len(b) {
			out[i] = uints.NewU8(0)
			continue
		}
		hi := min(lo+8, len(b))
		out[i] = bapi.ValueOf(bits.FromBinary(api, b[lo:hi]))
	}
	return out
}

// digestShr3 reads a 32-byte digest as a big-endian uint256 and drops its 3 low bits, so the
// result (< 2^253) is a BN254 scalar field element with no reduction.
func digestShr3(api frontend.API, bapi *uints.Bytes, d []uints.U8) frontend.Variable {
	// bytes 0..30 form the top 248 bits; they fit the field as they are.
	var acc frontend.Variable = 0
	for i := 0; i < 31; i++ {
		acc = api.Add(api.Mul(acc, 256), bapi.Value(d[i]))
	}
	// The last byte contributes its top 5 bits.
	last := bits.ToBinary(api, bapi.Value(d[31]), bits.WithNbDigits(8))
	return api.Add(api.Mul(acc, 32), bits.FromBinary(api, last[3:]))
}
