package prover

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16/bn254/mpcsetup"
)

// The production key ceremony (README.md) wraps gnark's groth16/bn254/mpcsetup:
//
//	phase 1 (powers of tau, circuit-size only): init → contribute × n → seal with a beacon
//	phase 2 (circuit-specific):                 init → contribute × m → seal with a beacon
//
// Every step reads and writes files, so participants run `go run ./prover/cmd/setup` on their
// own machines and pass files along. Sealing verifies every contribution in order.

// MPCPhase1Init writes the initial phase-1 object for Settlement(k).
func MPCPhase1Init(k int, w io.Writer) error {
	c, err := compile(k)
	if err != nil {
		return err
	}
	p := mpcsetup.NewPhase1(c.domainSize())
	return writeBuffered(w, p.WriteTo, "phase 1 init")
}

// MPCPhase1Contribute reads the previous phase-1 object, adds fresh randomness and writes it.
func MPCPhase1Contribute(r io.Reader, w io.Writer) error {
	var p mpcsetup.Phase1
	if _, err := p.ReadFrom(bufio.NewReader(r)); err != nil {
		return fmt.Errorf("prover: phase 1 contribute: read: %w", err)
	}
	p.Contribute()
	return writeBuffered(w, p.WriteTo, "phase 1 contribute")
}

// MPCPhase1Seal verifies the phase-1 contributions in order, seals them with the public
// beacon and writes the circuit-independent SRS.
func MPCPhase1Seal(k int, beacon []byte, contributions []io.Reader, w io.Writer) error {
	c, err := compile(k)
	if err != nil {
		return err
	}
	commons, err := phase1Seal(c, beacon, contributions)
	if err != nil {
		return err
	}
	return writeBuffered(w, commons.WriteTo, "phase 1 seal")
}

func phase1Seal(c *compiled, beacon []byte, contributions []io.Reader) (*mpcsetup.SrsCommons, error) {
	if len(beacon) == 0 {
		return nil, errors.New("prover: phase 1 seal: empty beacon")
	}
	ps := make([]*mpcsetup.Phase1, len(contributions))
	for i, r := range contributions {
		ps[i] = new(mpcsetup.Phase1)
		if _, err := ps[i].ReadFrom(bufio.NewReader(r)); err != nil {
			return nil, fmt.Errorf("prover: phase 1 seal: contribution %d: %w", i+1, err)
		}
	}
	commons, err := mpcsetup.VerifyPhase1(c.domainSize(), beacon, ps...)
	if err != nil {
		return nil, fmt.Errorf("prover: phase 1 seal: %w", err)
	}
	return &commons, nil
}

// MPCPhase2Init writes the initial phase-2 object for Settlement(k) from the sealed phase 1.
func MPCPhase2Init(k int, commons io.Reader, w io.Writer) error {
	c, err := compile(k)
	if err != nil {
		return err
	}
	srs, err := readCommons(commons)
	if err != nil {
		return err
	}
	var p mpcsetup.Phase2
	p.Initialize(c.ccs, srs)
	return writeBuffered(w, p.WriteTo, "phase 2 init")
}

// MPCPhase2Contribute reads the previous phase-2 object, adds fresh randomness and writes it.
func MPCPhase2Contribute(r io.Reader, w io.Writer) error {
	var p mpcsetup.Phase2
	if _, err := p.ReadFrom(bufio.NewReader(r)); err != nil {
		return fmt.Errorf("prover: phase 2 contribute: read: %w", err)
	}
	p.Contribute()
	return writeBuffered(w, p.WriteTo, "phase 2 contribute")
}

// MPCPhase2Seal verifies the phase-2 contributions, seals them with the beacon and writes the
// proving and verifying keys into dir in the layout LoadDir reads.
func MPCPhase2Seal(k int, commons io.Reader, beacon []byte, contributions []io.Reader, dir string) error {
	c, err := compile(k)
	if err != nil {
		return err
	}
	srs, err := readCommons(commons)
	if err != nil {
		return err
	}
	ks, err := phase2Seal(c, srs, beacon, contributions)
	if err != nil {
		return err
	}
	_, err = writeKeys(dir, ks)
	return err
}

func phase2Seal(c *compiled, srs *mpcsetup.SrsCommons, beacon []byte, contributions []io.Reader) (*keys, error) {
	if len(beacon) == 0 {
		return nil, errors.New("prover: phase 2 seal: empty beacon")
	}
	ps := make([]*mpcsetup.Phase2, len(contributions))
	for i, r := range contributions {
		ps[i] = new(mpcsetup.Phase2)
		if _, err := ps[i].ReadFrom(bufio.NewReader(r)); err != nil {
			return nil, fmt.Errorf("prover: phase 2 seal: contribution %d: %w", i+1, err)
		}
	}
	pk, vk, err := mpcsetup.VerifyPhase2(c.ccs, srs, beacon, ps...)
	if err != nil {
		return nil, fmt.Errorf("prover: phase 2 seal: %w", err)
	}
	return keysFrom(pk, vk)
}

// LoadDir loads Settlement(k) keys from dir (e.g. the output of MPCPhase2Seal). Unlike Load it
// never derives anything: production provers use this.
func LoadDir(ctx context.Context, k int, dir string) (*Prover, error) {
	return Open(ctx, k, Options{Dir: dir})
}

func (c *compiled) domainSize() uint64 { return ecc.NextPowerOfTwo(uint64(c.ccs.GetNbConstraints())) }

func readCommons(r io.Reader) (*mpcsetup.SrsCommons, error) {
	var srs mpcsetup.SrsCommons
	if _, err := srs.ReadFrom(bufio.NewReader(r)); err != nil {
		return nil, fmt.Errorf("prover: read phase 1 result: %w", err)
	}
	return &srs, nil
}

func writeBuffered(w io.Writer, write func(io.Writer) (int64, error), what string) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	if _, err := write(bw); err != nil {
		return fmt.Errorf("prover: %s: write: %w", what, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("prover: %s: write: %w", what, err)
	}
	return nil
}
