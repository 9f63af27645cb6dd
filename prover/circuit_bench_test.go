//go:build bench

package prover

import (
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	nativemimc "github.com/consensys/gnark-crypto/ecc/bn254/fr/mimc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"github.com/shaleprotocol/shale/bench"
)

// proverSection is the bench/RESULTS.md section TestBenchCircuit writes the top of, with three
// of its subsections; TestBenchSettlement (contracts) writes another subsection of it.
const proverSection = "Prover: constraints, prove time, commitment hash"

// benchInts reads a comma-separated list of K from env, or returns def.
func benchInts(t *testing.T, env string, def []int) []int {
	v := os.Getenv(env)
	if v == "" {
		return def
	}
	var out []int
	for _, s := range strings.Split(v, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || k < 1 || k > 128 {
			t.Fatalf("%s=%q: want K values from 1 to 128, comma-separated", env, v)
		}
		out = append(out, k)
	}
	return out
}

func compileT(t *testing.T, c frontend.Circuit) constraint.ConstraintSystem {
	t.Helper()
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
	if err != nil {
		t.Fatal(err)
	}
	return ccs
}

func size(t *testing.T, c frontend.Circuit) int { t.Helper(); return compileT(t, c).GetNbConstraints() }

// proveTime is the fastest of runs Groth16 proofs of w on ccs, with throwaway keys (setup not
// timed): the prove time depends on the circuit, not on which keys.
func proveTime(t *testing.T, ccs constraint.ConstraintSystem, w frontend.Circuit, runs int) time.Duration {
	t.Helper()
	pk, _, err := groth16.Setup(ccs)
	if err != nil {
		t.Fatal(err)
	}
	wit, err := frontend.NewWitness(w, ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	var best time.Duration
	for range runs {
		start := time.Now()
		if _, err := groth16.Prove(ccs, pk, wit); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); best == 0 || d < best {
			best = d
		}
	}
	return best
}

// TestBenchCircuit measures the settlement circuit's size per K, the commitment hash alone
// (sha256, keccak256, MiMC, Poseidon2), the whole circuit with a sha256 against a MiMC
// commitment, and the two variants' prove times; with SHALE_BENCH_REPORT=<file> it writes them
// into the prover section. The K lists can be narrowed (SHALE_BENCH_CIRCUIT_K,
// SHALE_BENCH_HASH_K, SHALE_BENCH_VARIANT_K, SHALE_BENCH_PROVE_K) for a quick check.
func TestBenchCircuit(t *testing.T) {
	mach := bench.StartMachine()
	circuitK := benchInts(t, "SHALE_BENCH_CIRCUIT_K", []int{1, 2, 4, 8})
	hashK := benchInts(t, "SHALE_BENCH_HASH_K", []int{1, 4, 16})
	variantK := benchInts(t, "SHALE_BENCH_VARIANT_K", []int{1, 4, 16})
	proveK := benchInts(t, "SHALE_BENCH_PROVE_K", []int{DefaultK})[0]
	const proveRuns = 3

	var top strings.Builder
	fmt.Fprintf(&top, "- command: `SHALE_BENCH_REPORT=$PWD/bench/RESULTS.md go test -tags bench ./prover -run TestBenchCircuit -count=1 -v -timeout 2h` (part of `make bench`)\n")
	fmt.Fprintf(&top, "- %s\n", strings.ReplaceAll(mach.String(), "  \n", "\n- "))
	fmt.Fprintf(&top, "- circuit: `prover.Settlement(K)`, Groth16 over BN254, R1CS; commitment `uint256(sha256(orderId_0 ‖ amount_0 ‖ …)) >> 3` (the shipped definition)\n")

	var shipped strings.Builder
	fmt.Fprintf(&shipped, "| K | constraints | constraints / slot | marginal slot (K+1 − K) |\n| ---: | ---: | ---: | ---: |\n")
	for _, k := range circuitK {
		n, n1 := size(t, NewCircuit(k)), size(t, NewCircuit(k+1))
		fmt.Fprintf(&shipped, "| %d | %d | %d | %d |\n", k, n, n/k, n1-n)
		t.Logf("Settlement(%d): %d constraints, marginal %d", k, n, n1-n)
	}
	fmt.Fprintf(&shipped, "\nProve time per K with the dev keys, and gas: subsection \"Settlement(K) per lease\" below and section \"Contracts: gas per operation\" (`TestBenchSettlement`, `TestGasReport`).\n")

	var hashes strings.Builder
	fmt.Fprintf(&hashes, "Hashing K (orderId, amount) pairs = 64·K bytes or 2·K field elements, including the `>> 3`/byte plumbing for the byte hashes (`hashCircuit` in prover/bench_test.go); constraints:\n\n")
	fmt.Fprintf(&hashes, "| hash |")
	for _, k := range hashK {
		fmt.Fprintf(&hashes, " K=%d |", k)
	}
	// Per slot: the slope from the first to the last K (keccak256 absorbs 136-byte blocks, so
	// one more slot alone costs 0 or a whole block), or K+1 − K when only one K is measured.
	k0, k1 := hashK[0], hashK[len(hashK)-1]
	if k1 == k0 {
		k1 = k0 + 1
	}
	fmt.Fprintf(&hashes, " per slot (K=%d → %d) |\n| --- |%s ---: |\n", k0, k1, strings.Repeat(" ---: |", len(hashK)))
	perSlot := map[string]float64{}
	for _, kind := range []string{"sha256", "keccak256", "mimc", "poseidon2"} {
		fmt.Fprintf(&hashes, "| %s |", kind)
		n := map[int]int{}
		for _, k := range hashK {
			n[k] = size(t, newHashCircuit(kind, k))
			fmt.Fprintf(&hashes, " %d |", n[k])
		}
		if _, ok := n[k1]; !ok {
			n[k1] = size(t, newHashCircuit(kind, k1))
		}
		perSlot[kind] = float64(n[k1]-n[k0]) / float64(k1-k0)
		fmt.Fprintf(&hashes, " %.0f |\n", perSlot[kind])
	}
	fmt.Fprintf(&hashes, "\nPer-slot ratios: sha256 / MiMC = **%.0f×**, keccak256 / sha256 = %.2f×, sha256 / Poseidon2 = %.0f×.\n",
		perSlot["sha256"]/perSlot["mimc"], perSlot["keccak256"]/perSlot["sha256"], perSlot["sha256"]/perSlot["poseidon2"])

	var variants strings.Builder
	fmt.Fprintf(&variants, "`settlementMiMC` (prover/bench_test.go) is Settlement with the commitment MiMC(orderId_0, amount_0, …) instead of sha256 >> 3.\n\n")
	fmt.Fprintf(&variants, "| K | sha256: constraints | MiMC: constraints | ratio |\n| ---: | ---: | ---: | ---: |\n")
	for _, k := range variantK {
		s, m := size(t, NewCircuit(k)), size(t, &settlementMiMC{Slots: make([]Slot, k)})
		fmt.Fprintf(&variants, "| %d | %d | %d | %.1f× |\n", k, s, m, float64(s)/float64(m))
	}

	// Both variants proved on the same leases, each with throwaway keys of its own circuit.
	items := benchItemsT(t, proveK)
	a, _, err := assignment(proveK, items)
	if err != nil {
		t.Fatal(err)
	}
	shaT := proveTime(t, compileT(t, NewCircuit(proveK)), a, proveRuns)
	h := nativemimc.NewMiMC()
	for _, s := range a.Slots {
		for _, v := range []any{s.OrderID, s.Amount} {
			var e fr.Element
			if _, err := e.SetInterface(v); err != nil {
				t.Fatal(err)
			}
			h.Write(e.Marshal())
		}
	}
	mimcW := &settlementMiMC{Commitment: new(big.Int).SetBytes(h.Sum(nil)), Slots: a.Slots}
	mimcT := proveTime(t, compileT(t, &settlementMiMC{Slots: make([]Slot, proveK)}), mimcW, proveRuns)
	fmt.Fprintf(&variants, "\nProve time, K = %d, fastest of %d, throwaway keys (setup not timed): sha256 **%.2f s**, MiMC **%.2f s** (%.1f×).\n",
		proveK, proveRuns, shaT.Seconds(), mimcT.Seconds(), float64(shaT)/float64(mimcT))

	report := os.Getenv("SHALE_BENCH_REPORT")
	if report == "" {
		t.Logf("\n%s\n%s\n%s\n%s", top.String(), shipped.String(), hashes.String(), variants.String())
		return
	}
	for _, part := range []struct{ sub, body string }{
		{"", top.String()},
		{"Settlement(K), shipped (sha256 commitment)", shipped.String()},
		{"Commitment hash alone, in-circuit", hashes.String()},
		{"Whole circuit: sha256 vs MiMC commitment", variants.String()},
	} {
		if err := bench.WriteSubsection(report, proverSection, part.sub, part.body); err != nil {
			t.Fatal(err)
		}
	}
}

func benchItemsT(t *testing.T, k int) []Item {
	items := make([]Item, k)
	for i := range items {
		c := newClient(t, int64(i+1))
		items[i] = c.item(t, c.key, c.orderID(t), 1, 1000)
	}
	return items
}
