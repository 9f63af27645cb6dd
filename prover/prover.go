package prover

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"sync"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/frontend"
)

// ProofSize is the length of the calldata proof: A (64) ‖ B (128) ‖ C (64) ‖ the BSB22
// commitment sha2's lookups use (64) ‖ its proof of knowledge (64).
const ProofSize = 8*fp.Bytes + 2*2*fp.Bytes

// ErrInvalidProof means a proof does not verify against the commitment.
var ErrInvalidProof = errors.New("prover: invalid proof")

// Prover proves and verifies Settlement(K) with one key pair.
type Prover struct {
	c    *compiled
	keys *keys
}

// Load compiles Settlement(k) and loads its development keys from the cache directory,
// deriving and caching them on first use (see devSetup: deterministic and insecure).
func Load(ctx context.Context, k int) (*Prover, error) {
	return Open(ctx, k, Options{})
}

// Options says where Open finds the keys and whom it tells how far it got.
type Options struct {
	// Dir holds the keys, e.g. the MPC ceremony's output; they are never derived. Empty: the
	// development keys in the cache directory, derived on a miss.
	Dir string
	// Progress, when set, receives each step of the load.
	Progress func(Progress)
	// Warn, when set, receives problems that do not stop the load (keys that could not be
	// cached, say).
	Warn func(error)
}

// Open compiles Settlement(k) and loads its keys. After loading the portable files it keeps
// a fast copy of the proving key in the cache (see keystore.go) and uses it from then on.
// Errors wrap ErrKeysCorrupt or ErrKeysMismatch when the files are at fault.
func Open(ctx context.Context, k int, opt Options) (*Prover, error) {
	progress := progressFunc(opt.Progress)
	warn := func(err error) {
		if opt.Warn != nil {
			opt.Warn(err)
		}
	}
	progress.report(fmt.Sprintf("compiling Settlement(%d)", k), 0, 0)
	c, err := compile(k)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var (
		ks       *keys
		pkSum    []byte
		fromDump bool
		where    = opt.Dir
	)
	if opt.Dir == "" {
		if where, err = c.cacheDir(); err != nil {
			return nil, err
		}
		ks, pkSum, fromDump, err = loadOrDeriveDevKeys(ctx, c, progress, warn)
	} else {
		ks, pkSum, fromDump, err = readKeys(opt.Dir, progress)
		if errors.Is(err, os.ErrNotExist) {
			err = fmt.Errorf("no %s in %s (write the keys with `go run ./prover/cmd/setup p2-seal -keys %s`)", sumFile, opt.Dir, opt.Dir)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("load Settlement(%d) keys: %w", k, err)
	}
	if err := c.check(ks, where); err != nil {
		return nil, err
	}
	if pkSum != nil && !fromDump {
		progress.report("caching a fast copy of the proving key", 0, 0)
		if err := writeDump(pkSum, ks.pk); err != nil {
			warn(fmt.Errorf("fast copy of the proving key not cached (the next start decodes %s again): %w", pkFile, err))
		}
	}
	return &Prover{c: c, keys: ks}, nil
}

// K is the number of slots per batch.
func (p *Prover) K() int { return p.c.k }

// NbConstraints is the circuit's R1CS constraint count.
func (p *Prover) NbConstraints() int { return p.c.ccs.GetNbConstraints() }

// Prove proves a batch of at most K items (the rest is padding) and returns the proof bytes
// exactly as the Solidity verifyProof(bytes proof, uint256[1] input) takes them, and the
// commitment, which is input[0]. gnark cannot be interrupted: on cancellation Prove returns
// ctx.Err() at once while the abandoned proof finishes in the background.
func (p *Prover) Prove(ctx context.Context, items []Item) ([]byte, *big.Int, error) {
	a, c, err := assignment(p.c.k, items)
	if err != nil {
		return nil, nil, err
	}
	proof, err := p.prove(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	return proof, c, nil
}

// prove runs gnark on a full assignment (no native checks), so tests can hand the circuit
// witnesses that native checks would have refused.
func (p *Prover) prove(ctx context.Context, a *Settlement) ([]byte, error) {
	w, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
	if err != nil {
		return nil, fmt.Errorf("prover: witness: %w", err)
	}
	type result struct {
		proof groth16.Proof
		err   error
	}
	done := make(chan result, 1)
	go func() {
		// Keccak hash-to-field matches the exported Solidity verifier's commitment handling.
		pr, err := groth16.Prove(p.c.ccs, p.keys.pk, w, solidity.WithProverTargetSolidityVerifier(backend.GROTH16))
		done <- result{pr, err}
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-done:
		if r.err != nil {
			return nil, fmt.Errorf("prover: prove Settlement(%d): %w", p.c.k, r.err)
		}
		bp, ok := r.proof.(*groth16bn254.Proof)
		if !ok {
			return nil, fmt.Errorf("prover: unexpected proof type %T", r.proof)
		}
		return bp.MarshalSolidity(), nil
	}
}

// Verify checks calldata proof bytes against a commitment natively, with the same rules as
// the Solidity verifier. Errors wrap ErrInvalidProof.
func (p *Prover) Verify(proof []byte, commitment *big.Int) error {
	return verify(p.keys.vk, proof, commitment)
}

func verify(vk *groth16bn254.VerifyingKey, proof []byte, commitment *big.Int) error {
	pr, err := ParseProof(proof)
	if err != nil {
		return err
	}
	if commitment == nil || commitment.Sign() < 0 || commitment.Cmp(fr.Modulus()) >= 0 {
		return fmt.Errorf("prover: commitment %v not a field element: %w", commitment, ErrInvalidProof)
	}
	pub, err := frontend.NewWitness(&Settlement{Commitment: commitment}, ecc.BN254.ScalarField(), frontend.PublicOnly())
	if err != nil {
		return fmt.Errorf("prover: public witness: %w", err)
	}
	if err := groth16.Verify(pr, vk, pub, solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16)); err != nil {
		return fmt.Errorf("prover: %v: %w", err, ErrInvalidProof)
	}
	return nil
}

// ParseProof decodes calldata proof bytes (MarshalSolidity layout) into a gnark proof.
func ParseProof(b []byte) (*groth16bn254.Proof, error) {
	if len(b) != ProofSize {
		return nil, fmt.Errorf("prover: proof is %d bytes, want %d: %w", len(b), ProofSize, ErrInvalidProof)
	}
	// MarshalSolidity is gnark's raw encoding minus the 4-byte commitment count; put it back.
	const base = 8 * fp.Bytes
	raw := make([]byte, 0, len(b)+4)
	raw = append(raw, b[:base]...)
	raw = binary.BigEndian.AppendUint32(raw, 1)
	raw = append(raw, b[base:]...)
	var pr groth16bn254.Proof
	n, err := pr.ReadFrom(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("prover: decode proof: %v: %w", err, ErrInvalidProof)
	}
	if n != int64(len(raw)) {
		return nil, fmt.Errorf("prover: decode proof: %d trailing bytes: %w", int64(len(raw))-n, ErrInvalidProof)
	}
	return &pr, nil
}

// ExportSolidity writes the Solidity verifier for these keys: gnark's generated contract,
// renamed from Verifier to SettlementVerifier, with function verifyProof(bytes calldata proof,
// uint256[1] calldata input) public view that reverts on an invalid proof.
func (p *Prover) ExportSolidity(w io.Writer) error {
	var buf bytes.Buffer
	if err := p.keys.vk.ExportSolidity(&buf, solidity.WithPragmaVersion("^0.8.24")); err != nil {
		return fmt.Errorf("prover: export solidity: %w", err)
	}
	// gnark names the contract "Verifier" and offers no option; the declaration is unique.
	out := bytes.Replace(buf.Bytes(), []byte("\ncontract Verifier {"), []byte("\ncontract SettlementVerifier {"), 1)
	if bytes.Equal(out, buf.Bytes()) {
		return errors.New("prover: export solidity: contract declaration not found; gnark's template changed")
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("prover: export solidity: %w", err)
	}
	return nil
}

var (
	defaultMu      sync.Mutex
	defaultProvers = map[int]*Prover{}
)

// Prove proves items with the shared Settlement(DefaultK) prover, loading it on first use.
func Prove(ctx context.Context, items []Item) ([]byte, *big.Int, error) {
	p, err := shared(ctx, DefaultK)
	if err != nil {
		return nil, nil, err
	}
	return p.Prove(ctx, items)
}

// Verify verifies a Settlement(DefaultK) proof natively.
func Verify(ctx context.Context, proof []byte, commitment *big.Int) error {
	p, err := shared(ctx, DefaultK)
	if err != nil {
		return err
	}
	return p.Verify(proof, commitment)
}

func shared(ctx context.Context, k int) (*Prover, error) {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	if p, ok := defaultProvers[k]; ok {
		return p, nil
	}
	p, err := Load(ctx, k)
	if err != nil {
		return nil, err
	}
	defaultProvers[k] = p
	return p, nil
}
