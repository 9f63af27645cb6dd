package prover

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	nativemimc "github.com/consensys/gnark-crypto/ecc/bn254/fr/mimc"
	tedwards "github.com/consensys/gnark-crypto/ecc/twistededwards"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/algebra/native/twistededwards"
	"github.com/consensys/gnark/std/hash/mimc"
	"github.com/consensys/gnark/std/hash/poseidon2"
	"github.com/consensys/gnark/std/hash/sha2"
	"github.com/consensys/gnark/std/hash/sha3"
	"github.com/consensys/gnark/std/math/uints"
)

// Go benchmarks of the circuits, for profiling; they write nothing. TestBenchCircuit
// (circuit_bench_test.go, -tags bench) measures the same circuits for bench/RESULTS.md.
//
//	go test ./prover -run '^$' -bench . -benchtime 1x -timeout 60m
//
// Constraint counts are reported as custom metrics; ns/op is compile time except in
// BenchmarkProve, where it is one Groth16 proof.

func compileCount(b *testing.B, c frontend.Circuit) int {
	b.Helper()
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
	if err != nil {
		b.Fatal(err)
	}
	return ccs.GetNbConstraints()
}

// BenchmarkConstraints reports Settlement(K) size and the marginal cost of one more slot.
func BenchmarkConstraints(b *testing.B) {
	for _, k := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("K=%d", k), func(b *testing.B) {
			var n, n1 int
			for range b.N {
				n = compileCount(b, NewCircuit(k))
				n1 = compileCount(b, NewCircuit(k+1))
			}
			b.ReportMetric(float64(n), "constraints")
			b.ReportMetric(float64(n1-n), "constraints/extra-slot")
			b.ReportMetric(float64(n)/float64(k), "constraints/slot")
		})
	}
}

// BenchmarkProve times one proof of a full batch with the cached dev keys (deriving them first
// if needed, outside the timer).
func BenchmarkProve(b *testing.B) {
	for _, k := range []int{1, DefaultK} {
		b.Run(fmt.Sprintf("K=%d", k), func(b *testing.B) {
			st := time.Now()
			p, err := Load(context.Background(), k)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("K=%d: keys ready in %v (cache %s)", k, time.Since(st), must(p.c.cacheDir()))
			items := benchItems(b, k)
			b.ResetTimer()
			for range b.N {
				if _, _, err := p.Prove(context.Background(), items); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(p.NbConstraints()), "constraints")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(k), "ms/lease")
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func benchItems(b *testing.B, k int) []Item {
	items := make([]Item, k)
	for i := range items {
		c := newClient(b, int64(i+1))
		items[i] = c.item(b, c.key, c.orderID(b), 1, 1000)
	}
	return items
}

// hashCircuit commits to 2K 32-byte values (K order ids and K amounts) with one hash, alone,
// to compare the commitment's in-circuit cost. Byte hashes get the values as range-checked
// bytes; field hashes get them as field elements (what the circuit holds anyway).
type hashCircuit struct {
	kind   string `gnark:"-"`
	Bytes  []uints.U8
	Fields []frontend.Variable
	Out    frontend.Variable `gnark:",public"`
}

func newHashCircuit(kind string, k int) *hashCircuit {
	return &hashCircuit{kind: kind, Bytes: make([]uints.U8, 64*k), Fields: make([]frontend.Variable, 2*k)}
}

func (c *hashCircuit) Define(api frontend.API) error {
	switch c.kind {
	case "sha256", "keccak256":
		bapi, err := uints.NewBytes(api)
		if err != nil {
			return err
		}
		in := make([]uints.U8, len(c.Bytes))
		for i := range in {
			in[i] = bapi.ValueOf(c.Bytes[i].Val)
		}
		var h interface {
			Write([]uints.U8)
			Sum() []uints.U8
		}
		if c.kind == "sha256" {
			h, err = sha2.New(api)
		} else {
			h, err = sha3.NewLegacyKeccak256(api)
		}
		if err != nil {
			return err
		}
		h.Write(in)
		out := digestShr3(api, bapi, h.Sum())
		api.AssertIsEqual(out, c.Out)
	case "mimc":
		h, err := mimc.NewMiMC(api)
		if err != nil {
			return err
		}
		h.Write(c.Fields...)
		api.AssertIsEqual(h.Sum(), c.Out)
	case "poseidon2":
		h, err := poseidon2.New(api)
		if err != nil {
			return err
		}
		h.Write(c.Fields...)
		api.AssertIsEqual(h.Sum(), c.Out)
	default:
		return fmt.Errorf("unknown hash %q", c.kind)
	}
	return nil
}

// BenchmarkCommitmentHash compares the commitment hash alone: sha256 (what ships), keccak256,
// MiMC and Poseidon2, for K slots.
func BenchmarkCommitmentHash(b *testing.B) {
	for _, kind := range []string{"sha256", "keccak256", "mimc", "poseidon2"} {
		for _, k := range []int{1, 4, 16} {
			b.Run(fmt.Sprintf("%s/K=%d", kind, k), func(b *testing.B) {
				var n, n1 int
				for range b.N {
					n = compileCount(b, newHashCircuit(kind, k))
					n1 = compileCount(b, newHashCircuit(kind, k+1))
				}
				b.ReportMetric(float64(n), "constraints")
				b.ReportMetric(float64(n1-n), "constraints/extra-slot")
			})
		}
	}
}

// settlementMiMC is Settlement with the commitment MiMC(orderId_0, amount_0, …) instead of
// sha256 >> 3, the alternative weighed in docs/architecture.md ("Why the commitment is sha256 >> 3").
type settlementMiMC struct {
	Commitment frontend.Variable `gnark:",public"`
	Slots      []Slot
}

func (c *settlementMiMC) Define(api frontend.API) error {
	curve, err := twistededwards.NewEdCurve(api, tedwards.BN254)
	if err != nil {
		return err
	}
	h, err := mimc.NewMiMC(api)
	if err != nil {
		return err
	}
	for i := range c.Slots {
		if err := checkSlot(api, curve, &c.Slots[i]); err != nil {
			return err
		}
		// Amount still needs its 128-bit range check; the order id needs none (field element).
		api.ToBinary(c.Slots[i].Amount, amountBits)
		h.Write(c.Slots[i].OrderID, c.Slots[i].Amount)
	}
	api.AssertIsEqual(h.Sum(), c.Commitment)
	return nil
}

// BenchmarkSettlementVariants compares whole circuits: shipped sha256 commitment vs MiMC.
func BenchmarkSettlementVariants(b *testing.B) {
	for _, k := range []int{1, 4, 16} {
		b.Run(fmt.Sprintf("sha256/K=%d", k), func(b *testing.B) {
			var n int
			for range b.N {
				n = compileCount(b, NewCircuit(k))
			}
			b.ReportMetric(float64(n), "constraints")
		})
		b.Run(fmt.Sprintf("mimc/K=%d", k), func(b *testing.B) {
			var n int
			for range b.N {
				n = compileCount(b, &settlementMiMC{Slots: make([]Slot, k)})
			}
			b.ReportMetric(float64(n), "constraints")
		})
	}
}

// BenchmarkProveMiMCVariant times the MiMC-commitment alternative at K=DefaultK with throwaway
// random keys (setup not timed); TestBenchCircuit records the ratio in bench/RESULTS.md.
func BenchmarkProveMiMCVariant(b *testing.B) {
	k := DefaultK
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &settlementMiMC{Slots: make([]Slot, k)})
	if err != nil {
		b.Fatal(err)
	}
	pk, _, err := groth16.Setup(ccs)
	if err != nil {
		b.Fatal(err)
	}
	a, _, err := assignment(k, benchItems(b, k))
	if err != nil {
		b.Fatal(err)
	}
	h := nativemimc.NewMiMC()
	for _, s := range a.Slots {
		for _, v := range []any{s.OrderID, s.Amount} {
			var e fr.Element
			if _, err := e.SetInterface(v); err != nil {
				b.Fatal(err)
			}
			h.Write(e.Marshal())
		}
	}
	w, err := frontend.NewWitness(&settlementMiMC{Commitment: new(big.Int).SetBytes(h.Sum(nil)), Slots: a.Slots}, ecc.BN254.ScalarField())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := groth16.Prove(ccs, pk, w); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(ccs.GetNbConstraints()), "constraints")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(k), "ms/lease")
}
