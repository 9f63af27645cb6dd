package lease

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/mimc"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"
)

// OrderID derives the id of an order (docs/protocols.md, "Order ids"). It is the single
// implementation in the repository; the settlement circuit mirrors it with gnark's
// std/hash/mimc, so the encoding below is a protocol constant:
//
//	(Ax, Ay) = eddsa.PublicKey.SetBytes(paymentKey)   // gnark-crypto bn254 twisted Edwards,
//	                                                  // 32-byte compressed form
//	h = mimc.NewMiMC()                                // gnark-crypto ecc/bn254/fr/mimc
//	h.Write(be32(chainID))                            // each Write is ONE field element:
//	h.Write(be32(contract))                           // a 32-byte big-endian block,
//	h.Write(be32(client))                             // 20-byte addresses left-padded with zeros
//	h.Write(be32(Ax))
//	h.Write(be32(Ay))
//	h.Write(be32(nonce))
//	orderID = h.Sum(nil)                              // 32 bytes, big-endian field element
//
// Six field elements in that order, no length prefix or domain tag. chainID and nonce
// must be below the BN254 scalar field modulus r (else they would alias a smaller value
// in-circuit; ErrFieldOverflow), and the nonce must be non-zero so that zero can mark
// padding slots in the settlement circuit. Addresses are always below r (160 bits).
func OrderID(chainID *big.Int, contract, client [20]byte, paymentKey [32]byte, nonce *big.Int) ([32]byte, error) {
	var id [32]byte
	if chainID == nil || nonce == nil {
		return id, errors.New("order id: chain id and nonce are required")
	}
	if err := checkField("chain id", chainID); err != nil {
		return id, err
	}
	if err := checkField("nonce", nonce); err != nil {
		return id, err
	}
	if nonce.Sign() == 0 {
		return id, errors.New("order id: nonce must not be zero")
	}
	var pk eddsa.PublicKey
	if _, err := pk.SetBytes(paymentKey[:]); err != nil {
		return id, fmt.Errorf("order id: payment key is not a compressed BN254 EdDSA public key: %w", err)
	}
	ax, ay := pk.A.X.Bytes(), pk.A.Y.Bytes()
	h := mimc.NewMiMC()
	for _, block := range [][]byte{
		chainID.FillBytes(make([]byte, 32)),
		leftPad32(contract[:]),
		leftPad32(client[:]),
		ax[:],
		ay[:],
		nonce.FillBytes(make([]byte, 32)),
	} {
		if _, err := h.Write(block); err != nil {
			return id, fmt.Errorf("order id: hashing: %w", err)
		}
	}
	copy(id[:], h.Sum(nil))
	return id, nil
}

// checkField rejects values that are not canonical BN254 scalar field elements.
func checkField(name string, v *big.Int) error {
	if v.Sign() < 0 || v.Cmp(fr.Modulus()) >= 0 {
		return fmt.Errorf("order id: %s %s: %w", name, v, ErrFieldOverflow)
	}
	return nil
}

func leftPad32(b []byte) []byte {
	out := make([]byte, 32)
	copy(out[32-len(b):], b)
	return out
}
