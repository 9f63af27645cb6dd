package prover

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
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

// Other goroutines drawing from crypto/rand while the dev setup runs (a bridge serving, a
// test chain) neither shift the seeded stream, which would give keys the committed verifier
// rejects, nor receive its public, predictable bytes.
func TestDevSetupIgnoresConcurrentRandomness(t *testing.T) {
	c := tinyCompiled(t)
	want, err := devSetup(c)
	if err != nil {
		t.Fatal(err)
	}
	seeded := map[[32]byte]bool{}
	stream := newSeedStream(append([]byte(devSeedDomain), c.hash[:]...))
	for range 4096 {
		var b [32]byte
		if _, err := io.ReadFull(stream, b[:]); err != nil {
			t.Fatal(err)
		}
		seeded[b] = true
	}
	stop := make(chan struct{})
	drawn := make(chan [][32]byte)
	go func() {
		var got [][32]byte
		for {
			select {
			case <-stop:
				drawn <- got
				return
			default:
			}
			var b [32]byte
			if _, err := io.ReadFull(rand.Reader, b[:]); err != nil {
				panic(err)
			}
			got = append(got, b)
		}
	}()
	got, err := devSetup(c)
	close(stop)
	draws := <-drawn
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(vkBytes(t, want), vkBytes(t, got)) {
		t.Fatalf("dev keys changed while another goroutine drew %d times from crypto/rand", len(draws))
	}
	for _, b := range draws {
		if seeded[b] {
			t.Fatalf("a concurrent reader got bytes of the public seeded stream: %x", b)
		}
	}
	t.Logf("%d concurrent draws during the setup", len(draws))
}

// tinyKeys derives the tiny circuit's keys once per test binary.
var tinyKeys = sync.OnceValues(func() (*keys, error) {
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &committing{})
	if err != nil {
		return nil, err
	}
	return devSetup(&compiled{k: 0, ccs: ccs.(*cs.R1CS), hash: [32]byte{1}})
})

func mustTinyKeys(t *testing.T) *keys {
	t.Helper()
	k, err := tinyKeys()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// The portable files round-trip; the first read keeps a fast copy, which later reads use and
// which gives the same keys.
func TestKeyCache(t *testing.T) {
	t.Setenv("SHALE_CACHE", t.TempDir())
	k := mustTinyKeys(t)
	dir := filepath.Join(t.TempDir(), "K0-test")
	if _, _, _, err := readKeys(dir, nil); !os.IsNotExist(err) {
		t.Fatalf("empty cache: %v, want not-exist", err)
	}
	pkSum, err := writeKeys(dir, k)
	if err != nil {
		t.Fatal(err)
	}
	got, sum, fromDump, err := readKeys(dir, nil)
	if err != nil || fromDump || !bytes.Equal(sum, pkSum) {
		t.Fatalf("first read: dump=%v sum ok=%v err=%v", fromDump, bytes.Equal(sum, pkSum), err)
	}
	if !bytes.Equal(vkBytes(t, got), vkBytes(t, k)) {
		t.Fatal("cached vk differs")
	}
	if err := writeDump(pkSum, got.pk); err != nil {
		t.Fatal(err)
	}
	var stages []string
	fast, _, fromDump, err := readKeys(dir, func(p Progress) { stages = append(stages, p.Stage) })
	if err != nil || !fromDump {
		t.Fatalf("second read: dump=%v err=%v", fromDump, err)
	}
	if !bytes.Equal(pkBytes(t, fast), pkBytes(t, k)) {
		t.Fatal("proving key from the fast copy differs")
	}
	if !slices.Contains(stages, "decoding "+dumpFile) {
		t.Fatalf("progress stages %q name no decoding of %s", stages, dumpFile)
	}

	// A damaged fast copy is only a cache: the portable file is used instead.
	dd, err := dumpDir(pkSum)
	if err != nil {
		t.Fatal(err)
	}
	flipLastByte(t, filepath.Join(dd, dumpFile))
	again, _, fromDump, err := readKeys(dir, nil)
	if err != nil || fromDump || !bytes.Equal(pkBytes(t, again), pkBytes(t, k)) {
		t.Fatalf("read with a corrupted fast copy: dump=%v err=%v", fromDump, err)
	}
}

// Every way a key directory can be damaged is refused with ErrKeysCorrupt and names the file;
// keys that are whole but belong elsewhere are refused with ErrKeysMismatch.
func TestBadKeyFiles(t *testing.T) {
	t.Setenv("SHALE_CACHE", t.TempDir())
	k := mustTinyKeys(t)
	other, err := devSetup(&compiled{k: 0, ccs: mustTinyCCS(t), hash: [32]byte{2}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		damage func(dir string)
		want   error
		says   string
	}{
		{"pk byte flipped", func(dir string) { flipLastByte(t, filepath.Join(dir, pkFile)) }, ErrKeysCorrupt, pkFile},
		{"vk byte flipped", func(dir string) { flipLastByte(t, filepath.Join(dir, vkFile)) }, ErrKeysCorrupt, vkFile},
		{"pk truncated", func(dir string) { truncate(t, filepath.Join(dir, pkFile), 0.5) }, ErrKeysCorrupt, pkFile},
		{"pk empty", func(dir string) { truncate(t, filepath.Join(dir, pkFile), 0) }, ErrKeysCorrupt, "empty"},
		{"pk missing", func(dir string) { noErr(t, os.Remove(filepath.Join(dir, pkFile))) }, ErrKeysCorrupt, "missing"},
		{"digest file garbled", func(dir string) {
			noErr(t, os.WriteFile(filepath.Join(dir, sumFile), []byte("not a digest\n"), 0o644))
		}, ErrKeysCorrupt, sumFile},
		{"vk of another setup", func(dir string) {
			sum, err := writeAtomic(filepath.Join(dir, vkFile), other.vk.WriteRawTo)
			noErr(t, err)
			sums, err := readSums(filepath.Join(dir, sumFile))
			noErr(t, err)
			noErr(t, os.WriteFile(filepath.Join(dir, sumFile), fmt.Appendf(nil, "%x  %s\n%x  %s\n", sums[pkFile], pkFile, sum, vkFile), 0o644))
		}, ErrKeysMismatch, "different setups"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := writeKeys(dir, k); err != nil {
				t.Fatal(err)
			}
			tc.damage(dir)
			c := &compiled{k: 0, ccs: mustTinyCCS(t)}
			got, _, _, err := readKeys(dir, nil)
			if err == nil {
				err = c.check(got, dir)
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("error %v, want %v naming %q", err, tc.want, tc.says)
			}
		})
	}
}

// Keys derived onto a full disk (a real 4 KiB tmpfs) are still usable; the failure is
// reported, and no partial file is left that a later start could trust.
func TestDeriveOntoFullDisk(t *testing.T) {
	root := t.TempDir()
	if err := syscall.Mount("tmpfs", root, "tmpfs", 0, "size=4k"); err != nil {
		t.Fatalf("mounting a tmpfs (the test needs root): %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(root, 0) })
	t.Setenv("SHALE_CACHE", root)
	c := &compiled{k: 0, ccs: mustTinyCCS(t), hash: [32]byte{1}}
	var warned []error
	k, pkSum, _, err := loadOrDeriveDevKeys(context.Background(), c, nil, func(err error) { warned = append(warned, err) })
	if err != nil {
		t.Fatal(err)
	}
	if pkSum != nil || len(warned) != 1 || !errors.Is(warned[0], syscall.ENOSPC) || !strings.Contains(warned[0].Error(), "not cached") {
		t.Fatalf("pkSum=%x warnings=%v, want one ENOSPC warning", pkSum, warned)
	}
	if !bytes.Equal(vkBytes(t, k), vkBytes(t, mustTinyKeys(t))) {
		t.Fatal("keys derived onto a full disk differ")
	}
	dir, err := c.cacheDir()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := readKeys(dir, nil); !os.IsNotExist(err) {
		t.Fatalf("after a failed write: %v, want no keys", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".tmp-*"))
	if len(left) != 0 {
		t.Fatalf("temporary files left on the full disk: %v", left)
	}
}

func mustTinyCCS(t *testing.T) *cs.R1CS {
	t.Helper()
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &committing{})
	if err != nil {
		t.Fatal(err)
	}
	return ccs.(*cs.R1CS)
}

func pkBytes(t *testing.T, k *keys) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := k.pk.WriteRawTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func flipLastByte(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	noErr(t, err)
	raw[len(raw)-1] ^= 1
	noErr(t, os.WriteFile(path, raw, 0o644))
}

func truncate(t *testing.T, path string, keep float64) {
	t.Helper()
	fi, err := os.Stat(path)
	noErr(t, err)
	noErr(t, os.Truncate(path, int64(float64(fi.Size())*keep)))
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
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
