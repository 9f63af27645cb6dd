package prover

import (
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
	"reflect"
	"runtime"
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
	root, err := cacheRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "prover", fmt.Sprintf("K%d-%s", c.k, hex.EncodeToString(c.hash[:8]))), nil
}

// keys are a proving/verifying key pair for one compiled circuit.
type keys struct {
	pk *groth16bn254.ProvingKey
	vk *groth16bn254.VerifyingKey
}

// loadOrDeriveDevKeys returns the cached development keys for c, deriving and caching them on
// a miss. Deriving K=4 takes minutes; loading takes seconds. Keys derived but not cached (a
// full disk) are still returned, and the failure goes to warn: they are correct, only the
// next start has to derive them again.
func loadOrDeriveDevKeys(ctx context.Context, c *compiled, progress progressFunc, warn func(error)) (*keys, []byte, bool, error) {
	dir, err := c.cacheDir()
	if err != nil {
		return nil, nil, false, err
	}
	k, pkSum, fromDump, err := readKeys(dir, progress)
	if err == nil {
		return k, pkSum, fromDump, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, nil, false, fmt.Errorf("cached development keys in %s unusable (delete the directory to re-derive them): %w", dir, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, false, err
	}
	progress.report(fmt.Sprintf("deriving development keys for K=%d (no cache in %s; this takes minutes)", c.k, dir), 0, 0)
	k, err = devSetup(c)
	if err != nil {
		return nil, nil, false, err
	}
	progress.report("writing keys to "+dir, 0, 0)
	if pkSum, err = writeKeys(dir, k); err != nil {
		warn(fmt.Errorf("development keys derived but not cached (the next start derives them again; free space in %s): %w", dir, err))
		return k, nil, false, nil
	}
	return k, pkSum, false, nil
}

// check rejects keys of another circuit or a verifying key from another setup than the
// proving key's.
func (c *compiled) check(k *keys, where string) error {
	if got, want := len(k.pk.InfinityA), c.ccs.GetNbInternalVariables()+c.ccs.GetNbPublicVariables()+c.ccs.GetNbSecretVariables(); got != want {
		return fmt.Errorf("%w: keys in %s are for a circuit with %d wires, Settlement(%d) has %d (keys for another K?)", ErrKeysMismatch, where, got, c.k, want)
	}
	if !k.pk.G1.Alpha.Equal(&k.vk.G1.Alpha) || !k.pk.G1.Beta.Equal(&k.vk.G1.Beta) || !k.pk.G1.Delta.Equal(&k.vk.G1.Delta) {
		return fmt.Errorf("%w: in %s, %s and %s come from different setups", ErrKeysMismatch, where, pkFile, vkFile)
	}
	return nil
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
// parameter: it reads crypto/rand.Reader, so that reader is swapped while it runs for one that
// serves the seeded stream only to reads made from inside gnark's Setup (seen on the caller's
// stack) and real randomness to every other reader. A bridge derives its keys while it serves,
// and tests derive them next to a running chain: their draws neither become predictable nor
// shift the stream (which would give keys the committed verifier rejects).
func devSetup(c *compiled) (*keys, error) {
	devSetupMu.Lock()
	defer devSetupMu.Unlock()
	saved := rand.Reader
	rand.Reader = &setupReader{seeded: newSeedStream(append([]byte(devSeedDomain), c.hash[:]...)), real: saved}
	defer func() { rand.Reader = saved }()
	var k keys
	k.pk, k.vk = new(groth16bn254.ProvingKey), new(groth16bn254.VerifyingKey)
	if err := groth16bn254.Setup(c.ccs, k.pk, k.vk); err != nil {
		return nil, fmt.Errorf("prover: dev setup Settlement(%d): %w", c.k, err)
	}
	return &k, nil
}

// gnarkSetup is the function whose reads of crypto/rand.Reader the seeded stream serves.
var gnarkSetup = runtime.FuncForPC(reflect.ValueOf(groth16bn254.Setup).Pointer()).Name()

// setupReader serves seeded bytes to reads whose call stack passes through gnark's Setup, and
// real randomness to any other goroutine or caller.
type setupReader struct {
	mu     sync.Mutex
	seeded io.Reader
	real   io.Reader
}

func (r *setupReader) Read(p []byte) (int, error) {
	if !calledFrom(gnarkSetup) {
		return r.real.Read(p)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seeded.Read(p)
}

// calledFrom reports whether fn is on the calling goroutine's stack.
func calledFrom(fn string) bool {
	pcs := make([]uintptr, 128)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	for {
		f, more := frames.Next()
		if f.Function == fn {
			return true
		}
		if !more {
			return false
		}
	}
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
