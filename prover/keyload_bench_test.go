//go:build bench

// Key load time against key size:
//
//	SHALE_BENCH_REPORT=$PWD/bench/keyload.md SHALE_BENCH_KEYLOAD_K=4,32 go test -tags bench ./prover -run TestBenchKeyLoad -count=1 -v -timeout 3h
//
// Each K's development keys must be in the cache ($SHALE_CACHE; SHALE_BENCH_CACHE_<K>
// overrides it for one K) or they are derived first, which takes minutes (K=32: tens).
package prover

import (
	"bufio"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"

	"github.com/shaleprotocol/shale/bench"
)

// oldReadPK is the load path before the fast copy: a buffered read through a sha256 tee into
// gnark's raw decoder (no subgroup checks), the digest compared at the end.
func oldReadPK(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	var pk groth16bn254.ProvingKey
	if _, err := pk.UnsafeReadFrom(bufio.NewReaderSize(io.TeeReader(f, h), 1<<20)); err != nil {
		return err
	}
	_, err = io.Copy(h, f)
	return err
}

// rounds is how many times each load runs; the fastest run counts.
const rounds = 5

// fastest runs every method once per round, the order rotating from round to round so that
// none always pays for the memory the previous one freed, and returns each method's fastest
// run: the cores are shared, the minimum is the least disturbed.
func fastest(t *testing.T, rounds int, methods []func() error) []time.Duration {
	t.Helper()
	out := make([]time.Duration, len(methods))
	for r := 0; r < rounds; r++ {
		for j := range methods {
			i := (j + r) % len(methods)
			runtime.GC()
			start := time.Now()
			if err := methods[i](); err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); out[i] == 0 || d < out[i] {
				out[i] = d
			}
		}
	}
	return out
}

func TestBenchKeyLoad(t *testing.T) {
	mach := bench.StartMachine()
	ks := []int{4}
	if v := os.Getenv("SHALE_BENCH_KEYLOAD_K"); v != "" {
		ks = nil
		for _, s := range strings.Split(v, ",") {
			k, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				t.Fatalf("SHALE_BENCH_KEYLOAD_K=%q: %v", v, err)
			}
			ks = append(ks, k)
		}
	}
	var rows []string
	for _, k := range ks {
		if dir := os.Getenv(fmt.Sprintf("SHALE_BENCH_CACHE_%d", k)); dir != "" {
			t.Setenv("SHALE_CACHE", dir)
		}
		start := time.Now()
		c, err := compile(k)
		if err != nil {
			t.Fatal(err)
		}
		compileTime := time.Since(start)
		if _, err := Load(context.Background(), k); err != nil { // derives on a miss; writes the fast copy
			t.Fatal(err)
		}
		dir, err := c.cacheDir()
		if err != nil {
			t.Fatal(err)
		}
		sums, err := readSums(filepath.Join(dir, sumFile))
		if err != nil {
			t.Fatal(err)
		}
		dd, err := dumpDir(sums[pkFile])
		if err != nil {
			t.Fatal(err)
		}
		pkPath, dumpPath := filepath.Join(dir, pkFile), filepath.Join(dd, dumpFile)
		size := func(p string) int64 {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			return fi.Size()
		}
		dsums, err := readSums(filepath.Join(dd, dumpSumFile))
		if err != nil {
			t.Fatal(err)
		}
		methods := []func() error{
			func() error { return oldReadPK(pkPath) },
			func() error {
				var pk groth16bn254.ProvingKey
				return readVerified(pkPath, sums[pkFile], nil, func(r io.Reader) error { _, err := pk.UnsafeReadFrom(r); return err })
			},
			func() error {
				var pk groth16bn254.ProvingKey
				return readVerified(dumpPath, dsums[dumpFile], nil, pk.ReadDump)
			},
			func() error { _, err := Open(context.Background(), k, Options{}); return err },
		}
		times := fastest(t, rounds, methods)
		oldT, rawT, dumpT, openT := times[0], times[1], times[2], times[3]
		// gnark's compressed encoding halves the file but decompresses every point (a square
		// root each); measured at small K only, where it already loses.
		compressed, compressedSize := "—", "—"
		if k <= 4 {
			var pk groth16bn254.ProvingKey
			if err := readVerified(pkPath, sums[pkFile], nil, func(r io.Reader) error { _, err := pk.UnsafeReadFrom(r); return err }); err != nil {
				t.Fatal(err)
			}
			cpath := filepath.Join(t.TempDir(), "pk.compressed")
			f, err := os.Create(cpath)
			if err != nil {
				t.Fatal(err)
			}
			bw := bufio.NewWriterSize(f, 1<<20)
			if _, err := pk.WriteTo(bw); err != nil {
				t.Fatal(err)
			}
			if err := bw.Flush(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			ct := fastest(t, 2, []func() error{func() error {
				f, err := os.Open(cpath)
				if err != nil {
					return err
				}
				defer f.Close()
				var pk groth16bn254.ProvingKey
				_, err = pk.UnsafeReadFrom(bufio.NewReaderSize(f, 1<<20))
				return err
			}})
			compressed, compressedSize = ms(ct[0]), fmt.Sprintf("%.0f MB", float64(size(cpath))/1e6)
		}
		row := fmt.Sprintf("| %d | %d | %.0f MB | %.0f MB | %s | %s | %s | %s | **%.1f×** | %s | %s | %s |", k, c.ccs.GetNbConstraints(),
			float64(size(pkPath))/1e6, float64(size(dumpPath))/1e6, compressedSize, ms(oldT), ms(rawT), ms(dumpT), float64(oldT)/float64(dumpT), ms(openT), compressed, ms(compileTime))
		t.Log(row)
		rows = append(rows, row)
	}
	body := fmt.Sprintf(`- command: `+"`SHALE_BENCH_REPORT=<file> SHALE_BENCH_KEYLOAD_K=4,32 go test -tags bench ./prover -run TestBenchKeyLoad -count=1 -v -timeout 3h`"+`
- %s; times are the fastest runs, upper bounds when the load was high
- every time is the fastest of 5 runs (each round runs every method once, in an order rotating from round to round) with the files in the page cache (the machine is shared: dropping the caches is not ours to do); a cold start adds the disk read of the file sizes shown
- old: the previous load path (buffered read through a sha256 tee into gnark's raw `+"`UnsafeReadFrom`"+`); raw + verify: the same decoder over a memory map whose sha256 is checked first; dump: gnark's `+"`WriteDump`/`ReadDump`"+` memory layout (the fast copy kept in the cache after the first load), sha256 checked first; Open: everything the bridge's background loader does with a warm cache (compiled circuit cached in-process, verifying key, checks); compressed: gnark's WriteTo and UnsafeReadFrom (point compression, no digest), fastest of 2, K ≤ 4 only; compile: Settlement(K) compiled and hashed once per process

| K | constraints | pk.bin | pk.dump | compressed | old load | raw + verify | dump + verify | old / dump | Open | compressed load | compile |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
%s

The bridge no longer waits for any of this: it serves and moves orders within seconds of starting, and the keys load in the background (docs/bridge-readiness.md).`,
		strings.ReplaceAll(mach.String(), "  \n", "\n- "), strings.Join(rows, "\n"))
	if out := os.Getenv("SHALE_BENCH_REPORT"); out != "" {
		if err := bench.WriteSection(out, "Prover key load time against key size", body); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Log(body)
	}
}

func ms(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
