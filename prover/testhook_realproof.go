//go:build realproof

package prover

import (
	"context"
	"math/big"

	tedwards "github.com/consensys/gnark-crypto/ecc/twistededwards"

	"github.com/shaleprotocol/shale/voucher"
)

// This file exists only with -tags realproof: test hooks for the soundness tests in
// contracts/realproof_test.go, which must show that the circuit itself (not only Prove's
// native checks) refuses batches a cheating prover could assemble. Production builds never
// have these functions.

// UncheckedAssignment builds a Settlement(k) witness from items the way Prove does, but with
// none of Prove's native checks (order id derivation, signature, duplicates); empty slots are
// padding. The commitment is computed from the vouchers as given.
func UncheckedAssignment(k int, items []Item) (*Settlement, *big.Int, error) {
	return buildAssignment(k, items, false)
}

// ProveAssignment runs gnark's Groth16 prover on a full witness with no native checks; it
// fails when the witness does not satisfy the circuit.
func (p *Prover) ProveAssignment(ctx context.Context, a *Settlement) ([]byte, error) {
	return p.prove(ctx, a)
}

// SignAsPadding signs (orderID, seq, amount) with the public dummy key of padding slots and
// sets slot s to claim padding with that voucher: what a cheating prover would put in a slot
// to pass a real order off as padding.
func SignAsPadding(s *Slot, orderID [32]byte, seq uint64, amount *big.Int) error {
	key, err := paddingPrivateKey()
	if err != nil {
		return err
	}
	v, err := voucher.Sign(key, orderID, seq, amount)
	if err != nil {
		return err
	}
	ax, ay, err := key.Public().Point()
	if err != nil {
		return err
	}
	s.IsPadding = 1
	s.Key.A.X, s.Key.A.Y = ax, ay
	s.OrderID = new(big.Int).SetBytes(orderID[:])
	s.Seq = new(big.Int).SetUint64(seq)
	s.Amount = amount
	s.Sig.Assign(tedwards.BN254, v.Sig[:])
	return nil
}
