package voucher

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"math/big"
	"os"
	"strings"

	"github.com/shaleprotocol/shale/internal/fsutil"

	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"
	"github.com/consensys/gnark-crypto/hash"
)

// PublicKeySize is the length of a compressed payment public key.
const PublicKeySize = 32

// SignatureSize is the length of an EdDSA signature: compressed R then S, big-endian.
const SignatureSize = 64

// keyFileHeader starts every private key file so a wrong file is rejected early.
const keyFileHeader = "shale-payment-key-v1"

// PublicKey is a compressed BN254 twisted-Edwards EdDSA public key (gnark-crypto encoding).
// It is a value type so it can be compared and used as a map key.
type PublicKey [PublicKeySize]byte

// PrivateKey is a client's payment key. It signs vouchers and terminate messages.
type PrivateKey struct {
	k eddsa.PrivateKey
}

// GenerateKey makes a new payment key from rand (crypto/rand.Reader in production).
func GenerateKey(rand io.Reader) (*PrivateKey, error) {
	k, err := eddsa.GenerateKey(rand)
	if err != nil {
		return nil, fmt.Errorf("voucher: generate key: %w", err)
	}
	return &PrivateKey{k: *k}, nil
}

// Public returns the compressed public key.
func (k *PrivateKey) Public() PublicKey {
	var p PublicKey
	copy(p[:], k.k.PublicKey.Bytes())
	return p
}

// sign signs a 32-byte field-element message with MiMC as the EdDSA hash.
func (k *PrivateKey) sign(msg [32]byte) ([SignatureSize]byte, error) {
	var out [SignatureSize]byte
	sig, err := k.k.Sign(msg[:], hash.MIMC_BN254.New())
	if err != nil {
		return out, fmt.Errorf("voucher: sign: %w", err)
	}
	copy(out[:], sig)
	return out, nil
}

// SaveKey writes the key to path with mode 0600, replacing it atomically and durably, so a
// crash never leaves a half-written key.
func (k *PrivateKey) SaveKey(path string) error {
	body := keyFileHeader + "\n" + hex.EncodeToString(k.k.Bytes()) + "\n"
	if err := fsutil.WriteDurable(path, []byte(body), 0o600); err != nil {
		return fmt.Errorf("voucher: save key: %w", err)
	}
	return nil
}

// LoadKey reads a key written by SaveKey. It refuses a file that group or others can read,
// as ssh does, because a leaked payment key lets anyone sign vouchers against the escrow.
func LoadKey(path string) (*PrivateKey, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("voucher: load key: %w", err)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("voucher: load key %s: mode %#o, want 0600 (chmod 600 %s): %w",
			path, perm, path, ErrKeyPermissions)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("voucher: load key: %w", err)
	}
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	if len(lines) != 2 || lines[0] != keyFileHeader {
		return nil, fmt.Errorf("voucher: load key %s: not a %s file", path, keyFileHeader)
	}
	b, err := hex.DecodeString(lines[1])
	if err != nil {
		return nil, fmt.Errorf("voucher: load key %s: %w", path, err)
	}
	var k PrivateKey
	n, err := k.k.SetBytes(b)
	if err != nil {
		return nil, fmt.Errorf("voucher: load key %s: %w", path, err)
	}
	if n != len(b) {
		return nil, fmt.Errorf("voucher: load key %s: %d trailing bytes", path, len(b)-n)
	}
	return &k, nil
}

// ParsePublicKey parses the hex form "0x" + 64 lowercase or uppercase hex digits and checks
// that the key is a non-identity point of the prime-order subgroup.
func ParsePublicKey(s string) (PublicKey, error) {
	var p PublicKey
	if len(s) != 2+2*PublicKeySize || (s[:2] != "0x" && s[:2] != "0X") {
		return p, fmt.Errorf("voucher: public key %q: want 0x and 64 hex digits: %w", s, ErrBadPublicKey)
	}
	if _, err := hex.Decode(p[:], []byte(s[2:])); err != nil {
		return p, fmt.Errorf("voucher: public key %q: %v: %w", s, err, ErrBadPublicKey)
	}
	if _, err := p.point(); err != nil {
		return p, err
	}
	return p, nil
}

// String returns the canonical hex form: "0x" + 64 lowercase hex digits.
func (p PublicKey) String() string { return "0x" + hex.EncodeToString(p[:]) }

// point decompresses and validates the key.
func (p PublicKey) point() (*eddsa.PublicKey, error) {
	var pk eddsa.PublicKey
	if _, err := pk.SetBytes(p[:]); err != nil {
		return nil, fmt.Errorf("voucher: public key %s: %v: %w", p, err, ErrBadPublicKey)
	}
	// SetBytes accepts any curve point; refuse small-order and identity keys, and keys whose
	// compression is not canonical, so one key has exactly one byte form.
	if pk.A.IsZero() || !pk.A.IsInSubGroup() || !bytes.Equal(pk.Bytes(), p[:]) {
		return nil, fmt.Errorf("voucher: public key %s: not a canonical subgroup point: %w", p, ErrBadPublicKey)
	}
	return &pk, nil
}

// Point returns the affine coordinates (Ax, Ay) of the key, as the order id and the
// settlement circuit use them.
func (p PublicKey) Point() (ax, ay *big.Int, err error) {
	pk, err := p.point()
	if err != nil {
		return nil, nil, err
	}
	ax, ay = new(big.Int), new(big.Int)
	pk.A.X.BigInt(ax)
	pk.A.Y.BigInt(ay)
	return ax, ay, nil
}
