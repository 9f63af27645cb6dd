// Command setup derives, caches and exports Settlement(K) keys: the deterministic dev keys, or
// the production MPC ceremony (gnark groth16/bn254/mpcsetup) step by step. See prover/README.md.
package main

import (
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/shaleprotocol/shale/internal/fsutil"

	"github.com/shaleprotocol/shale/prover"
)

const usage = `usage: go run ./prover/cmd/setup <command> [flags]

development (INSECURE: toxic waste derived from a public seed):
  dev          [-k K] [-sol FILE]               derive/load cached dev keys, optionally export the verifier

production ceremony (groth16/bn254/mpcsetup):
  p1-init      [-k K] -out FILE                 coordinator: empty phase-1 object
  p1-contribute -in FILE -out FILE              participant: add randomness to phase 1
  p1-seal      [-k K] -beacon HEX -out FILE C1 C2 ...   verify all phase-1 contributions, seal
  p2-init      [-k K] -srs FILE -out FILE       coordinator: phase-2 object from the sealed phase 1
  p2-contribute -in FILE -out FILE              participant: add randomness to phase 2
  p2-seal      [-k K] -srs FILE -beacon HEX -keys DIR C1 C2 ...   verify, seal, write pk/vk to DIR
  solidity     [-k K] -keys DIR -out FILE       export the Solidity verifier for keys in DIR
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "setup:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cmd string, args []string) error {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	k := fs.Int("k", prover.DefaultK, "slots per batch")
	in := fs.String("in", "", "input file")
	out := fs.String("out", "", "output file")
	sol := fs.String("sol", "", "write the Solidity verifier here")
	srs := fs.String("srs", "", "sealed phase-1 file")
	beaconHex := fs.String("beacon", "", "public random beacon, hex (e.g. a drand round announced in advance)")
	keysDir := fs.String("keys", "", "key directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	beacon := func() ([]byte, error) {
		b, err := hex.DecodeString(strings.TrimPrefix(*beaconHex, "0x"))
		if err != nil || len(b) == 0 {
			return nil, fmt.Errorf("-beacon: want non-empty hex: %v", err)
		}
		return b, nil
	}
	switch cmd {
	case "dev":
		fmt.Fprintln(os.Stderr, "WARNING: development keys are derived from a public seed; anyone can forge proofs. Never use them on a real chain.")
		p, err := prover.Load(ctx, *k)
		if err != nil {
			return err
		}
		dir, err := prover.CacheDir(*k)
		if err != nil {
			return err
		}
		fmt.Printf("Settlement(%d): %d constraints, keys in %s\n", *k, p.NbConstraints(), dir)
		if *sol != "" {
			return writeFile(*sol, p.ExportSolidity)
		}
		return nil
	case "p1-init":
		return writeFile(*out, func(w io.Writer) error { return prover.MPCPhase1Init(*k, w) })
	case "p1-contribute":
		return transform(*in, *out, prover.MPCPhase1Contribute)
	case "p1-seal":
		b, err := beacon()
		if err != nil {
			return err
		}
		return withFiles(fs.Args(), func(cs []io.Reader) error {
			return writeFile(*out, func(w io.Writer) error { return prover.MPCPhase1Seal(*k, b, cs, w) })
		})
	case "p2-init":
		return withFiles([]string{*srs}, func(r []io.Reader) error {
			return writeFile(*out, func(w io.Writer) error { return prover.MPCPhase2Init(*k, r[0], w) })
		})
	case "p2-contribute":
		return transform(*in, *out, prover.MPCPhase2Contribute)
	case "p2-seal":
		b, err := beacon()
		if err != nil {
			return err
		}
		if *keysDir == "" {
			return fmt.Errorf("-keys is required")
		}
		return withFiles(append([]string{*srs}, fs.Args()...), func(r []io.Reader) error {
			return prover.MPCPhase2Seal(*k, r[0], b, r[1:], *keysDir)
		})
	case "solidity":
		p, err := prover.LoadDir(ctx, *k, *keysDir)
		if err != nil {
			return err
		}
		return writeFile(*out, p.ExportSolidity)
	default:
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
}

// writeFile replaces path atomically, so a failed step leaves no truncated ceremony file behind.
func writeFile(path string, write func(io.Writer) error) error {
	if path == "" {
		return fmt.Errorf("-out is required")
	}
	return fsutil.ReplaceDurable(path, 0o644, write)
}

func transform(in, out string, step func(io.Reader, io.Writer) error) error {
	return withFiles([]string{in}, func(r []io.Reader) error {
		return writeFile(out, func(w io.Writer) error { return step(r[0], w) })
	})
}

func withFiles(paths []string, use func([]io.Reader) error) error {
	rs := make([]io.Reader, len(paths))
	for i, p := range paths {
		if p == "" {
			return fmt.Errorf("missing input file")
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		rs[i] = f
	}
	return use(rs)
}
