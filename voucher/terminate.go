package voucher

import (
	"crypto/sha256"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// terminateTag is the domain-separation field element that starts every terminate message,
// so a terminate signature can never be replayed as a voucher (whose message has no tag and
// three elements) or the other way round. It is sha256("shale/terminate/v1") reduced mod r.
var terminateTag = func() []byte {
	d := sha256.Sum256([]byte("shale/terminate/v1"))
	var e fr.Element
	e.SetBytes(d[:])
	b := e.Bytes()
	return b[:]
}()

// Terminate is the client's signed request to end a lease now, naming the final voucher
// (Seq, FinalAmount) it considers the receipt.
type Terminate struct {
	OrderID     [32]byte
	Seq         uint64
	FinalAmount *big.Int
	Sig         [SignatureSize]byte
}

// TerminateMessage is MiMC(tag, orderID, seq, finalAmount), each a 32-byte big-endian block.
func TerminateMessage(orderID [32]byte, seq uint64, finalAmount *big.Int) ([32]byte, error) {
	if err := checkOrderID(orderID); err != nil {
		return [32]byte{}, err
	}
	if err := checkAmount(finalAmount); err != nil {
		return [32]byte{}, err
	}
	return mimcSum(terminateTag, orderID[:], fieldBlock(new(big.Int).SetUint64(seq)), fieldBlock(finalAmount))
}

// SignTerminate makes a terminate message signed by key.
func SignTerminate(key *PrivateKey, orderID [32]byte, seq uint64, finalAmount *big.Int) (*Terminate, error) {
	msg, err := TerminateMessage(orderID, seq, finalAmount)
	if err != nil {
		return nil, fmt.Errorf("voucher: sign terminate: %w", err)
	}
	sig, err := key.sign(msg)
	if err != nil {
		return nil, err
	}
	return &Terminate{OrderID: orderID, Seq: seq, FinalAmount: new(big.Int).Set(finalAmount), Sig: sig}, nil
}

// Verify checks the terminate signature under pub (errors wrap ErrBadSignature).
func (t *Terminate) Verify(pub PublicKey) error {
	msg, err := TerminateMessage(t.OrderID, t.Seq, t.FinalAmount)
	if err != nil {
		return fmt.Errorf("voucher: verify terminate: %w", err)
	}
	if err := verifySig(pub, msg, t.Sig); err != nil {
		return fmt.Errorf("voucher: terminate: %w", err)
	}
	return nil
}
