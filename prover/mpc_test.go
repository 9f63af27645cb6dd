package prover

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/groth16/bn254/mpcsetup"
	"github.com/consensys/gnark/frontend"
)

// TestMPCCeremony runs the production ceremony end to end on a tiny circuit: two phase-1 and
// one phase-2 contribution, sealed with a beacon, then a proof with the resulting keys.
func TestMPCCeremony(t *testing.T) {
	c := tinyCompiled(t)
	beacon := []byte("drand round 1234 (test)")
	var p1 [3]bytes.Buffer
	if _, err := mpcsetup.NewPhase1(c.domainSize()).WriteTo(&p1[0]); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(p1); i++ {
		if err := MPCPhase1Contribute(bytes.NewReader(p1[i-1].Bytes()), &p1[i]); err != nil {
			t.Fatal(err)
		}
	}
	srs, err := phase1Seal(c, beacon, []io.Reader{bytes.NewReader(p1[1].Bytes()), bytes.NewReader(p1[2].Bytes())})
	if err != nil {
		t.Fatal(err)
	}
	// Skipping a contribution breaks the transcript chain and must be caught.
	if _, err := phase1Seal(c, beacon, []io.Reader{bytes.NewReader(p1[2].Bytes())}); err == nil {
		t.Fatal("phase 1 seal accepted a broken chain")
	}
	var p2init, p2 bytes.Buffer
	var init mpcsetup.Phase2
	init.Initialize(c.ccs, srs)
	if _, err := init.WriteTo(&p2init); err != nil {
		t.Fatal(err)
	}
	if err := MPCPhase2Contribute(&p2init, &p2); err != nil {
		t.Fatal(err)
	}
	ks, err := phase2Seal(c, srs, beacon, []io.Reader{&p2})
	if err != nil {
		t.Fatal(err)
	}
	w, err := frontend.NewWitness(&committing{X: 3, Y: 9}, ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	proof, err := groth16.Prove(c.ccs, ks.pk, w)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := w.Public()
	if err != nil {
		t.Fatal(err)
	}
	if err := groth16.Verify(proof, ks.vk, pub); err != nil {
		t.Fatal(err)
	}
}

func TestLoadDir(t *testing.T) {
	p := loadTestProver(t)
	dir, err := p.c.cacheDir()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDir(context.Background(), testK, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDir(context.Background(), 1, dir); err == nil {
		t.Fatal("keys of Settlement(4) loaded for Settlement(1)")
	}
	if _, err := LoadDir(context.Background(), testK, t.TempDir()); err == nil {
		t.Fatal("empty directory loaded")
	}
}
