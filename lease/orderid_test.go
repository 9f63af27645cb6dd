package lease

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/mimc"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"
)

// testPaymentKey returns a deterministic compressed payment public key.
func testPaymentKey(t testing.TB, seed byte) [32]byte {
	t.Helper()
	priv, err := eddsa.GenerateKey(bytes.NewReader(bytes.Repeat([]byte{seed}, 64)))
	if err != nil {
		t.Fatal(err)
	}
	var pk [32]byte
	copy(pk[:], priv.PublicKey.Bytes())
	return pk
}

func addr(b byte) [20]byte {
	var a [20]byte
	for i := range a {
		a[i] = b
	}
	return a
}

// TestOrderIDVector pins the encoding: the settlement circuit and the contract tooling
// must produce exactly these ids for these inputs.
func TestOrderIDVector(t *testing.T) {
	tests := []struct {
		name     string
		chainID  int64
		contract [20]byte
		client   [20]byte
		key      string // compressed payment key, hex
		nonce    int64
		want     string
	}{
		{"dev chain", 31337, addr(0x11), addr(0x22), "3b577567a7ea092bb6cdf7a02a374501021f348182a52d18227e787c019f0c00", 1, "05b3c7bdb5b1076136a920108578bb6288e5db9ebc0e9eef712581ead20035dc"},
		{"calibration", 314159, addr(0xaa), addr(0xbb), "99f1da5b9516e331a6de192ce771b8ffc1fac75b95dbb70a39c192015de64b85", 42, "0c0adecbf8af23fe142302ba383e1781e58d8a0cb37dd60b2f3b5d3c848cb7dc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pk [32]byte
			if n, err := hex.Decode(pk[:], []byte(tt.key)); err != nil || n != 32 {
				t.Fatalf("bad key in table: %v", err)
			}
			id, err := OrderID(big.NewInt(tt.chainID), tt.contract, tt.client, pk, big.NewInt(tt.nonce))
			if err != nil {
				t.Fatal(err)
			}
			if got := hex.EncodeToString(id[:]); got != tt.want {
				t.Errorf("OrderID = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestOrderIDBindsEveryInput(t *testing.T) {
	pk, pk2 := testPaymentKey(t, 1), testPaymentKey(t, 2)
	base, err := OrderID(big.NewInt(1), addr(1), addr(2), pk, big.NewInt(3))
	if err != nil {
		t.Fatal(err)
	}
	variants := [][5]interface{}{
		{big.NewInt(2), addr(1), addr(2), pk, big.NewInt(3)},
		{big.NewInt(1), addr(9), addr(2), pk, big.NewInt(3)},
		{big.NewInt(1), addr(1), addr(9), pk, big.NewInt(3)},
		{big.NewInt(1), addr(1), addr(2), pk2, big.NewInt(3)},
		{big.NewInt(1), addr(1), addr(2), pk, big.NewInt(4)},
	}
	for i, v := range variants {
		id, err := OrderID(v[0].(*big.Int), v[1].([20]byte), v[2].([20]byte), v[3].([32]byte), v[4].(*big.Int))
		if err != nil || id == base {
			t.Errorf("variant %d: id %x, err %v; want a different id", i, id, err)
		}
	}
}

func TestOrderIDRejects(t *testing.T) {
	pk := testPaymentKey(t, 1)
	r := fr.Modulus()
	if _, err := OrderID(r, addr(1), addr(2), pk, big.NewInt(1)); !errors.Is(err, ErrFieldOverflow) {
		t.Errorf("chain id = r: err %v, want ErrFieldOverflow", err)
	}
	if _, err := OrderID(big.NewInt(1), addr(1), addr(2), pk, r); !errors.Is(err, ErrFieldOverflow) {
		t.Errorf("nonce = r: err %v, want ErrFieldOverflow", err)
	}
	if _, err := OrderID(big.NewInt(1), addr(1), addr(2), pk, new(big.Int).Sub(r, big.NewInt(1))); err != nil {
		t.Errorf("nonce = r-1: %v", err)
	}
	if _, err := OrderID(big.NewInt(1), addr(1), addr(2), pk, big.NewInt(0)); err == nil || err.Error() != "order id: nonce must not be zero" {
		t.Errorf("zero nonce: %v", err)
	}
	var bad [32]byte
	bad[0] = 0x05
	if _, err := OrderID(big.NewInt(1), addr(1), addr(2), bad, big.NewInt(1)); err == nil {
		t.Error("garbage payment key accepted")
	}
}

func TestLeaseID(t *testing.T) {
	var order [32]byte
	order[0], order[31] = 0x1f, 0xab
	id := LeaseID{ChainID: 31337, Order: order}
	want := "31337-0x1f000000000000000000000000000000000000000000000000000000000000ab"
	if id.String() != want {
		t.Fatalf("String() = %s", id)
	}
	if id.JobID() != "lease-31337-1f000000000000000000000000000000000000000000000000000000000000ab" || len(id.JobID()) > 128 {
		t.Fatalf("JobID() = %s", id.JobID())
	}
	back, err := ParseLeaseID(want)
	if err != nil || back != id {
		t.Fatalf("ParseLeaseID = %v, %v", back, err)
	}
	for _, bad := range []string{"", "31337", "31337-1f", "031337-0x" + want[8:], "31337-0x" + "1F" + want[10:], "31337-0x00", "x-0x" + want[8:], "-1-0x" + want[8:]} {
		if _, err := ParseLeaseID(bad); !errors.Is(err, ErrInvalidLeaseID) {
			t.Errorf("ParseLeaseID(%q) err = %v", bad, err)
		}
	}
}

// TestOrderIDAsFieldElements recomputes the id the way the settlement circuit sees it —
// six field elements fed to MiMC — to show the byte encoding adds nothing the circuit
// does not.
func TestOrderIDAsFieldElements(t *testing.T) {
	pk := testPaymentKey(t, 3)
	chain, nonce := big.NewInt(314), new(big.Int).Lsh(big.NewInt(1), 200)
	contract, client := addr(0xc0), addr(0xc1)
	id, err := OrderID(chain, contract, client, pk, nonce)
	if err != nil {
		t.Fatal(err)
	}
	var key eddsa.PublicKey
	if _, err := key.SetBytes(pk[:]); err != nil {
		t.Fatal(err)
	}
	elem := func(v *big.Int) fr.Element {
		var e fr.Element
		e.SetBigInt(v)
		return e
	}
	h := mimc.NewFieldHasher()
	for _, e := range []fr.Element{
		elem(chain),
		elem(new(big.Int).SetBytes(contract[:])),
		elem(new(big.Int).SetBytes(client[:])),
		key.A.X, key.A.Y,
		elem(nonce),
	} {
		h.WriteElement(e)
	}
	sum := h.SumElement()
	if want := sum.Bytes(); id != want {
		t.Fatalf("OrderID = %x, field-element hash = %x", id, want)
	}
}
