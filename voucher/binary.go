package voucher

import (
	"encoding/binary"
	"fmt"
	"math/big"
)

// Binary layout, version 1 (all integers big-endian; the only variable part is the amount):
//
//	offset  size  field
//	0       1     version (1)
//	1       1     kind (1 voucher, 2 terminate)
//	2       32    order id (canonical BN254 scalar field element)
//	34      8     seq
//	42      1     L = amount length, 0..16
//	43      L     amount, minimal: no leading zero byte; zero is L = 0
//	43+L    64    signature (compressed R, then S)
//
// Decoders accept exactly this form and nothing else, so every message has one encoding.
const (
	binaryVersion = 1
	kindVoucher   = 1
	kindTerminate = 2

	binaryHeader = 43
	// MaxBinarySize is the largest valid encoding.
	MaxBinarySize = binaryHeader + MaxAmountBytes + SignatureSize
)

func encodeBinary(kind byte, orderID [32]byte, seq uint64, amount *big.Int, sig [SignatureSize]byte) ([]byte, error) {
	if err := checkAmount(amount); err != nil {
		return nil, fmt.Errorf("voucher: encode: %w", err)
	}
	a := amount.Bytes() // minimal big-endian; empty for zero
	out := make([]byte, 0, binaryHeader+len(a)+SignatureSize)
	out = append(out, binaryVersion, kind)
	out = append(out, orderID[:]...)
	out = binary.BigEndian.AppendUint64(out, seq)
	out = append(out, byte(len(a)))
	out = append(out, a...)
	out = append(out, sig[:]...)
	return out, nil
}

func decodeBinary(kind byte, b []byte) (orderID [32]byte, seq uint64, amount *big.Int, sig [SignatureSize]byte, err error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("voucher: decode binary: "+format+": %w", append(args, ErrMalformed)...)
	}
	if len(b) > MaxBinarySize {
		return orderID, 0, nil, sig, fail("%d bytes, max %d", len(b), MaxBinarySize)
	}
	if len(b) < binaryHeader+SignatureSize {
		return orderID, 0, nil, sig, fail("%d bytes, too short", len(b))
	}
	if b[0] != binaryVersion {
		return orderID, 0, nil, sig, fail("version %d, want %d", b[0], binaryVersion)
	}
	if b[1] != kind {
		return orderID, 0, nil, sig, fail("kind %d, want %d", b[1], kind)
	}
	copy(orderID[:], b[2:34])
	if err := checkOrderID(orderID); err != nil {
		return orderID, 0, nil, sig, fail("%v", err)
	}
	seq = binary.BigEndian.Uint64(b[34:42])
	l := int(b[42])
	if l > MaxAmountBytes {
		return orderID, 0, nil, sig, fail("amount length %d, max %d", l, MaxAmountBytes)
	}
	if want := binaryHeader + l + SignatureSize; len(b) != want {
		return orderID, 0, nil, sig, fail("%d bytes, want %d for amount length %d", len(b), want, l)
	}
	if l > 0 && b[binaryHeader] == 0 {
		return orderID, 0, nil, sig, fail("amount has a leading zero byte")
	}
	amount = new(big.Int).SetBytes(b[binaryHeader : binaryHeader+l])
	copy(sig[:], b[binaryHeader+l:])
	return orderID, seq, amount, sig, nil
}

// MarshalBinary encodes the voucher in the version-1 binary layout.
func (v Voucher) MarshalBinary() ([]byte, error) {
	return encodeBinary(kindVoucher, v.OrderID, v.Seq, v.Amount, v.Sig)
}

// DecodeBinary decodes a version-1 binary voucher. It rejects trailing bytes, oversize and
// non-canonical input; it does not check the signature (call Verify).
func DecodeBinary(b []byte) (*Voucher, error) {
	id, seq, amount, sig, err := decodeBinary(kindVoucher, b)
	if err != nil {
		return nil, err
	}
	return &Voucher{OrderID: id, Seq: seq, Amount: amount, Sig: sig}, nil
}

// MarshalBinary encodes the terminate message in the version-1 binary layout (kind 2).
func (t Terminate) MarshalBinary() ([]byte, error) {
	return encodeBinary(kindTerminate, t.OrderID, t.Seq, t.FinalAmount, t.Sig)
}

// DecodeTerminateBinary decodes a version-1 binary terminate message, as strictly as
// DecodeBinary.
func DecodeTerminateBinary(b []byte) (*Terminate, error) {
	id, seq, amount, sig, err := decodeBinary(kindTerminate, b)
	if err != nil {
		return nil, err
	}
	return &Terminate{OrderID: id, Seq: seq, FinalAmount: amount, Sig: sig}, nil
}
