package prover

import (
	"bytes"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	cs "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

// committing is a tiny circuit with a BSB22 commitment, so the dev setup's Pedersen key
// randomness is exercised too, as in Settlement.
type committing struct {
	X frontend.Variable
	Y frontend.Variable `gnark:",public"`
}

func (c *committing) Define(api frontend.API) error {
	cm, err := api.(frontend.Committer).Commit(c.X)
	if err != nil {
		return err
	}
	api.AssertIsDifferent(cm, 0)
	api.AssertIsEqual(api.Mul(c.X, c.X), c.Y)
	return nil
}

func tinyCompiled(t *testing.T) *compiled {
	t.Helper()
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &committing{})
	if err != nil {
		t.Fatal(err)
	}
	return &compiled{k: 0, ccs: ccs.(*cs.R1CS), hash: [32]byte{1}}
}

func vkBytes(t *testing.T, k *keys) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := k.vk.WriteRawTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDevSetupDeterministic checks the property the committed verifier relies on: the same
// circuit always gets the same keys, and a different circuit hash gets different ones.
func TestDevSetupDeterministic(t *testing.T) {
	c := tinyCompiled(t)
	a, err := devSetup(c)
	if err != nil {
		t.Fatal(err)
	}
	b, err := devSetup(c)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(vkBytes(t, a), vkBytes(t, b)) {
		t.Fatal("dev setup is not deterministic")
	}
	c2 := *c
	c2.hash[0] = 2
	d, err := devSetup(&c2)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(vkBytes(t, a), vkBytes(t, d)) {
		t.Fatal("dev setup ignores the circuit hash")
	}
}

func TestKeyCache(t *testing.T) {
	c := tinyCompiled(t)
	k, err := devSetup(c)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "K0-test")
	if _, err := readKeys(dir); !os.IsNotExist(err) {
		t.Fatalf("empty cache: %v, want not-exist", err)
	}
	if err := writeKeys(dir, k); err != nil {
		t.Fatal(err)
	}
	got, err := readKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(vkBytes(t, got), vkBytes(t, k)) {
		t.Fatal("cached vk differs")
	}
	// A corrupted key file is refused, not silently used.
	pk := filepath.Join(dir, pkFile)
	raw, err := os.ReadFile(pk)
	if err != nil {
		t.Fatal(err)
	}
	raw[len(raw)-1] ^= 1
	if err := os.WriteFile(pk, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readKeys(dir); err == nil {
		t.Fatal("corrupted cache accepted")
	}
}

func TestCacheDirNamesCircuit(t *testing.T) {
	t.Setenv("SHALE_CACHE", "/cache-root")
	c := tinyCompiled(t)
	c.k = 3
	dir, err := c.cacheDir()
	if err != nil {
		t.Fatal(err)
	}
	if want := "/cache-root/prover/K3-0100000000000000"; dir != want {
		t.Fatalf("cache dir %s, want %s", dir, want)
	}
	if _, err := CacheDir(0); err == nil {
		t.Fatal("K=0 accepted")
	}
}

func TestCommitmentPadding(t *testing.T) {
	// Explicit zero slots and implicit padding must commit identically, as the contract pads.
	a, err := Commitment(4, []Settled{{[32]byte{1}, bigInt(5)}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Commitment(4, []Settled{{[32]byte{1}, bigInt(5)}, {[32]byte{}, bigInt(0)}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Cmp(b) != 0 || a.BitLen() > 253 {
		t.Fatalf("commitments %x / %x", a, b)
	}
	if _, err := Commitment(1, make([]Settled, 2)); err == nil {
		t.Fatal("oversize batch accepted")
	}
}

func bigInt(v int64) *big.Int { return big.NewInt(v) }
