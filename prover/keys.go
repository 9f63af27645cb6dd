package prover

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	cs "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

// DefaultK is the batch size the committed contracts/src/SettlementVerifier.sol is built for.
const DefaultK = 4

// MaxK bounds K so a typo cannot ask for a circuit that exhausts memory. K = 128 (≈6M
// constraints) needs tens of GB of RAM for its key derivation; see bench/RESULTS.md.
const MaxK = 128

// devSeedDomain seeds the deterministic development setup. Changing it changes every dev key.
const devSeedDomain = "shale/prover/dev-setup/v1"

// ErrBadK means K is outside [1, MaxK].
var ErrBadK = errors.New("prover: K out of range")

// compiled is a compiled Settlement(K) with its constraint-system hash.
type compiled struct {
	k    int
	ccs  *cs.R1CS
	hash [32]byte // sha256 of the serialized constraint system
}

var compileCache sync.Map // int → *compiled; compiling K=4 takes about a second

// compile builds Settlement(k) and hashes its constraint system, so any change to the circuit
// (or to gnark's compiler output) gives new cache paths and never reuses stale keys.
func compile(k int) (*compiled, error) {
	if k < 1 || k > MaxK {
		return nil, fmt.Errorf("prover: K=%d: %w", k, ErrBadK)
	}
	if c, ok := compileCache.Load(k); ok {
		return c.(*compiled), nil
	}
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, NewCircuit(k))
	if err != nil {
		return nil, fmt.Errorf("prover: compile Settlement(%d): %w", k, err)
	}
	r, ok := ccs.(*cs.R1CS)
	if !ok {
		return nil, fmt.Errorf("prover: compile Settlement(%d): unexpected constraint system %T", k, ccs)
	}
	h := sha256.New()
	if _, err := r.WriteTo(h); err != nil {
		return nil, fmt.Errorf("prover: hash Settlement(%d): %w", k, err)
	}
	c := &compiled{k: k, ccs: r}
	copy(c.hash[:], h.Sum(nil))
	actual, _ := compileCache.LoadOrStore(k, c)
	return actual.(*compiled), nil
}

// CacheDir is where keys for Settlement(k) live: $SHALE_CACHE/prover/K<k>-<hash> when
// SHALE_CACHE is set, else os.UserCacheDir()/shale/prover/K<k>-<hash>, where <hash> is the
// first 16 hex digits of the constraint-system hash.
func CacheDir(k int) (string, error) {
	c, err := compile(k)
	if err != nil {
		return "", err
	}
	return c.cacheDir()
}

func (c *compiled) cacheDir() (string, error) {
	root := os.Getenv("SHALE_CACHE")
	if root == "" {
		ucd, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("prover: cache dir (set SHALE_CACHE): %w", err)
		}
		root = filepath.Join(ucd, "shale")
	}
	return filepath.Join(root, "prover", fmt.Sprintf("K%d-%s", c.k, hex.EncodeToString(c.hash[:8]))), nil
}

// keys are a proving/verifying key pair for one compiled circuit.
type keys struct {
	pk *groth16bn254.ProvingKey
	vk *groth16bn254.VerifyingKey
}

// loadOrDeriveDevKeys returns the cached development keys for c, deriving and caching them on
// a miss. Deriving K=4 takes minutes on a laptop; loading takes seconds.
func loadOrDeriveDevKeys(ctx context.Context, c *compiled) (*keys, error) {
	dir, err := c.cacheDir()
	if err != nil {
		return nil, err
	}
	if k, err := readKeys(dir); err == nil {
		return k, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("prover: cached keys in %s unusable (delete the directory to re-derive): %w", dir, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	k, err := devSetup(c)
	if err != nil {
		return nil, err
	}
	if err := writeKeys(dir, k); err != nil {
		return nil, err
	}
	return k, nil
}

var devSetupMu sync.Mutex

// devSetup runs gnark's Groth16 setup with its toxic waste drawn from a public, fixed seed
// (devSeedDomain ‖ circuit hash), so every machine derives the same keys and the committed
// Solidity verifier matches them.
//
// INSECURE, DEVELOPMENT ONLY: anyone can recompute the toxic waste and forge proofs. Production
// keys come from the MPC ceremony in README.md (groth16/bn254/mpcsetup with real contributions).
//
// Why not mpcsetup sealed with a beacon and no contributions (docs/protocols.md, "Prover
// keys")? It is deterministic too, but its phase-2 Lagrange step over a 2^19 domain
// (Settlement(4) has ~350k constraints, most of them sha2's lookup tables) takes tens of
// minutes on two cores, against about a minute here. gnark's Setup has no randomness
// parameter: it reads crypto/rand.Reader, so we swap that reader for a seeded stream while it
// runs. The swap is process-wide; the mutex serialises our own setups, and no other code in a
// dev/test process should draw randomness concurrently (it would both get predictable bytes
// and shift the stream).
func devSetup(c *compiled) (*keys, error) {
	devSetupMu.Lock()
	defer devSetupMu.Unlock()
	saved := rand.Reader
	rand.Reader = newSeedStream(append([]byte(devSeedDomain), c.hash[:]...))
	defer func() { rand.Reader = saved }()
	var k keys
	k.pk, k.vk = new(groth16bn254.ProvingKey), new(groth16bn254.VerifyingKey)
	if err := groth16bn254.Setup(c.ccs, k.pk, k.vk); err != nil {
		return nil, fmt.Errorf("prover: dev setup Settlement(%d): %w", c.k, err)
	}
	return &k, nil
}

// seedStream is SHA-256 in counter mode: block i = sha256(seed ‖ i). Deterministic, public.
type seedStream struct {
	seed []byte
	ctr  uint64
	buf  []byte
}

func newSeedStream(seed []byte) io.Reader { return &seedStream{seed: seed} }

func (s *seedStream) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(s.buf) == 0 {
			var c [8]byte
			binary.BigEndian.PutUint64(c[:], s.ctr)
			s.ctr++
			d := sha256.Sum256(append(append([]byte{}, s.seed...), c[:]...))
			s.buf = d[:]
		}
		m := copy(p[n:], s.buf)
		s.buf = s.buf[m:]
		n += m
	}
	return n, nil
}

// Key files: pk.bin and vk.bin in gnark's raw (uncompressed) encoding, and keys.sha256 with
// their digests, written last, so a half-written cache is detected and never trusted.
const (
	pkFile  = "pk.bin"
	vkFile  = "vk.bin"
	sumFile = "keys.sha256"
)

func writeKeys(dir string, k *keys) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("prover: cache keys: %w", err)
	}
	pkSum, err := writeAtomic(filepath.Join(dir, pkFile), k.pk.WriteRawTo)
	if err != nil {
		return err
	}
	vkSum, err := writeAtomic(filepath.Join(dir, vkFile), k.vk.WriteRawTo)
	if err != nil {
		return err
	}
	_, err = writeAtomic(filepath.Join(dir, sumFile), func(w io.Writer) (int64, error) {
		n, err := fmt.Fprintf(w, "%x  %s\n%x  %s\n", pkSum, pkFile, vkSum, vkFile)
		return int64(n), err
	})
	return err
}

// writeAtomic writes via a temporary file and rename, returning the content's sha256.
func writeAtomic(path string, write func(io.Writer) (int64, error)) ([]byte, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("prover: write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
	if _, err := write(bw); err != nil {
		f.Close()
		return nil, fmt.Errorf("prover: write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return nil, fmt.Errorf("prover: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("prover: write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return nil, fmt.Errorf("prover: write %s: %w", path, err)
	}
	return h.Sum(nil), nil
}

func readKeys(dir string) (*keys, error) {
	sums, err := os.ReadFile(filepath.Join(dir, sumFile))
	if err != nil {
		return nil, err // includes os.ErrNotExist: not derived yet
	}
	var k keys
	k.pk, k.vk = new(groth16bn254.ProvingKey), new(groth16bn254.VerifyingKey)
	for _, f := range []struct {
		name string
		read func(io.Reader) (int64, error)
	}{{pkFile, k.pk.UnsafeReadFrom}, {vkFile, k.vk.UnsafeReadFrom}} {
		got, err := readChecked(filepath.Join(dir, f.name), f.read)
		if err != nil {
			return nil, err
		}
		// UnsafeReadFrom skips subgroup checks for speed; the digest recorded at write time
		// is what makes that safe against a corrupted or swapped file.
		if want := fmt.Sprintf("%x  %s\n", got, f.name); !containsLine(string(sums), want) {
			return nil, fmt.Errorf("prover: %s: digest mismatch with %s", f.name, sumFile)
		}
	}
	return &k, nil
}

func readChecked(path string, read func(io.Reader) (int64, error)) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("prover: read %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := read(bufio.NewReaderSize(io.TeeReader(f, h), 1<<20)); err != nil {
		return nil, fmt.Errorf("prover: read %s: %w", path, err)
	}
	// Every byte read from f goes through the tee once (read-ahead included); the key reader
	// may stop before EOF, so hash whatever remains too and trailing junk is caught.
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("prover: read %s: %w", path, err)
	}
	return h.Sum(nil), nil
}

func containsLine(s, line string) bool {
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		if i < len(s) {
			i++
		}
		if s[:i] == line {
			return true
		}
		s = s[i:]
	}
	return false
}

// groth16 interface assertions keep the concrete bn254 types honest with the generic API.
var (
	_ groth16.ProvingKey   = (*groth16bn254.ProvingKey)(nil)
	_ groth16.VerifyingKey = (*groth16bn254.VerifyingKey)(nil)
)

// keysFrom narrows gnark's generic keys to the bn254 types this package stores.
func keysFrom(pk groth16.ProvingKey, vk groth16.VerifyingKey) (*keys, error) {
	bpk, ok1 := pk.(*groth16bn254.ProvingKey)
	bvk, ok2 := vk.(*groth16bn254.VerifyingKey)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("prover: unexpected key types %T, %T", pk, vk)
	}
	return &keys{pk: bpk, vk: bvk}, nil
}
