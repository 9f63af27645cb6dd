package prover

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite contracts/src/SettlementVerifier.sol from the deterministic dev keys")

// verifierPath is the committed verifier, relative to this package.
var verifierPath = filepath.Join("..", "contracts", "src", "SettlementVerifier.sol")

// TestVerifierFresh fails when the committed Solidity verifier differs from the one the
// deterministic dev keys of Settlement(DefaultK) produce, i.e. when the circuit changed and
// nobody regenerated it. Regenerate: go test ./prover -run TestVerifierFresh -update
func TestVerifierFresh(t *testing.T) {
	p := loadTestProver(t)
	var buf bytes.Buffer
	if err := p.ExportSolidity(&buf); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(verifierPath, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", verifierPath, buf.Len())
		return
	}
	got, err := os.ReadFile(verifierPath)
	if err != nil {
		t.Fatalf("%v (generate with: go test ./prover -run TestVerifierFresh -update)", err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Fatalf("%s is stale for Settlement(%d) (constraint system %x); regenerate with: go test ./prover -run TestVerifierFresh -update",
			verifierPath, p.K(), p.c.hash[:8])
	}
	for _, want := range []string{"contract SettlementVerifier {", "uint256[1] calldata input", "pragma solidity ^0.8.24;"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("verifier lacks %q", want)
		}
	}
}
