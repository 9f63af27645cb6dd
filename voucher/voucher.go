package voucher

import (
	"fmt"
	"math/big"
)

// Voucher is a client's signed promise that the provider has earned Amount attoFIL in total
// (cumulative) on the order. Seq orders vouchers; the last accepted one is the receipt.
type Voucher struct {
	OrderID [32]byte
	Seq     uint64
	Amount  *big.Int
	Sig     [SignatureSize]byte
}

// Sign makes a voucher for (orderID, seq, amount) signed by key.
func Sign(key *PrivateKey, orderID [32]byte, seq uint64, amount *big.Int) (*Voucher, error) {
	msg, err := Message(orderID, seq, amount)
	if err != nil {
		return nil, fmt.Errorf("voucher: sign seq %d: %w", seq, err)
	}
	sig, err := key.sign(msg)
	if err != nil {
		return nil, err
	}
	return &Voucher{OrderID: orderID, Seq: seq, Amount: new(big.Int).Set(amount), Sig: sig}, nil
}

// Message is the 32-byte field element this voucher's signature covers.
func (v *Voucher) Message() ([32]byte, error) { return Message(v.OrderID, v.Seq, v.Amount) }

// Verify checks the signature under pub; it returns an error wrapping ErrBadSignature when the
// signature does not verify.
func (v *Voucher) Verify(pub PublicKey) error {
	msg, err := v.Message()
	if err != nil {
		return fmt.Errorf("voucher: verify seq %d: %w", v.Seq, err)
	}
	if err := verifySig(pub, msg, v.Sig); err != nil {
		return fmt.Errorf("voucher: seq %d: %w", v.Seq, err)
	}
	return nil
}

// Clone returns a deep copy, so a stored voucher never aliases a caller's Amount.
func (v *Voucher) Clone() *Voucher {
	c := *v
	if v.Amount != nil {
		c.Amount = new(big.Int).Set(v.Amount)
	}
	return &c
}
