package voucher

import (
	"fmt"
	"math/big"
)

// Ledger tracks the last accepted voucher of one order and checks each new one against it:
// right order, valid signature, seq strictly increasing, amount never decreasing and never
// above the escrow. It is not safe for concurrent use; callers serialise per order.
type Ledger struct {
	pub     PublicKey
	orderID [32]byte
	escrow  *big.Int
	last    *Voucher
}

// NewLedger starts a ledger for orderID paid by pub with the given escrow cap. last may be nil
// (nothing accepted yet) or the previously accepted voucher, e.g. reloaded from disk.
func NewLedger(pub PublicKey, orderID [32]byte, escrow *big.Int, last *Voucher) (*Ledger, error) {
	if _, err := pub.point(); err != nil {
		return nil, fmt.Errorf("voucher: new ledger: %w", err)
	}
	if err := checkOrderID(orderID); err != nil {
		return nil, fmt.Errorf("voucher: new ledger: %w", err)
	}
	if escrow == nil || escrow.Sign() < 0 {
		return nil, fmt.Errorf("voucher: new ledger: escrow %v: %w", escrow, ErrInvalidAmount)
	}
	l := &Ledger{pub: pub, orderID: orderID, escrow: new(big.Int).Set(escrow)}
	if last != nil {
		if err := l.Check(last); err != nil {
			return nil, fmt.Errorf("voucher: new ledger: last voucher: %w", err)
		}
		l.last = last.Clone()
	}
	return l, nil
}

// Check reports whether v would be accepted, without recording it. Seq 0 is never accepted,
// so the first voucher has seq >= 1; amounts start from zero.
func (l *Ledger) Check(v *Voucher) error {
	if v.OrderID != l.orderID {
		return fmt.Errorf("voucher: order %x, ledger tracks %x: %w", v.OrderID, l.orderID, ErrWrongOrder)
	}
	if err := checkAmount(v.Amount); err != nil {
		return err
	}
	var lastSeq uint64
	lastAmount := new(big.Int)
	if l.last != nil {
		lastSeq, lastAmount = l.last.Seq, l.last.Amount
	}
	if v.Seq <= lastSeq {
		return fmt.Errorf("voucher: seq %d after %d: %w", v.Seq, lastSeq, ErrSeqNotIncreasing)
	}
	if v.Amount.Cmp(lastAmount) < 0 {
		return fmt.Errorf("voucher: amount %s after %s: %w", v.Amount, lastAmount, ErrAmountDecreased)
	}
	if v.Amount.Cmp(l.escrow) > 0 {
		return fmt.Errorf("voucher: amount %s above escrow %s: %w", v.Amount, l.escrow, ErrOverEscrow)
	}
	// The signature is checked last: it is the expensive step, and cheap rejections first
	// blunt a flood of junk vouchers.
	return v.Verify(l.pub)
}

// Accept checks v and, if it passes, records it as the last accepted voucher.
func (l *Ledger) Accept(v *Voucher) error {
	if err := l.Check(v); err != nil {
		return err
	}
	l.last = v.Clone()
	return nil
}

// Last returns a copy of the last accepted voucher, or nil if none was accepted.
func (l *Ledger) Last() *Voucher {
	if l.last == nil {
		return nil
	}
	return l.last.Clone()
}

// Escrow returns the escrow cap.
func (l *Ledger) Escrow() *big.Int { return new(big.Int).Set(l.escrow) }
