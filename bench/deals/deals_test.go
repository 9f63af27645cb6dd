//go:build bench

package dealsbench

import (
	"github.com/shaleprotocol/shale/bench"

	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/shaleprotocol/shale/deals"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

const (
	bigSize   = 1 << 30 // the ≥ 1 GiB dataset
	smallSize = 1 << 20
	runs      = 3    // unpack runs and sha256sum runs, interleaved
	hits      = 2000 // cached resolves per size
)

func TestDealsResolveThroughput(t *testing.T) {
	mach := bench.StartMachine()
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Fatal("sha256sum missing (coreutils)")
	}
	// Generated data stays out of git, under .cache/, and is reused between runs.
	work := filepath.Join(testsupport.CacheDir(t), "bench-deals")
	big := dataset(t, filepath.Join(work, "big.bin"), bigSize, 1)
	small := dataset(t, filepath.Join(work, "small.bin"), smallSize, 2)
	carDir := filepath.Join(work, "cars")
	ctx := context.Background()
	bigCID, err := deals.Import(ctx, carDir, big)
	if err != nil {
		t.Fatal(err)
	}
	smallCID, err := deals.Import(ctx, carDir, small)
	if err != nil {
		t.Fatal(err)
	}

	// Warm the page cache for both sides (the CAR for us, the raw file for sha256sum), so
	// both measure CPU and write paths rather than the first cold read.
	for _, p := range []string{big, deals.ImportedPath(carDir, big, bigCID)} {
		warm(t, p)
	}
	var ours, base []time.Duration
	for i := range runs {
		base = append(base, timeSHA256Sum(t, big))
		ours = append(ours, timeUnpack(t, work, carDir, bigCID, i))
	}
	mo, mb := median(ours), median(base)
	mbps := func(d time.Duration) float64 { return float64(bigSize) / d.Seconds() / (1 << 20) }
	ratio := mbps(mo) / mbps(mb)
	t.Logf("unpack+verify median %s (%.0f MiB/s); sha256sum median %s (%.0f MiB/s); ratio %.2f", mo, mbps(mo), mb, mbps(mb), ratio)

	// Cached resolve: the same store, entries already unpacked.
	cacheDir := filepath.Join(work, "cache-hits")
	_ = removeTree(cacheDir)
	defer removeTree(cacheDir)
	s, err := deals.Open(ctx, deals.Config{CarDir: carDir, CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hit := map[string]time.Duration{}
	for _, tc := range []struct {
		name string
		c    cid.Cid
	}{{"1 MiB", smallCID}, {"1 GiB", bigCID}} {
		_, rel, err := s.Resolve(ctx, tc.c, nil)
		if err != nil {
			t.Fatal(err)
		}
		rel()
		var lat []time.Duration
		for range hits {
			start := time.Now()
			_, rel, err := s.Resolve(ctx, tc.c, nil)
			lat = append(lat, time.Since(start))
			if err != nil {
				t.Fatal(err)
			}
			rel()
		}
		hit[tc.name] = median(lat)
		t.Logf("cached resolve %s: median %s", tc.name, hit[tc.name])
	}

	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	body := fmt.Sprintf(`Command: `+"`go test -tags bench -run TestDealsResolveThroughput -count=1 -v ./bench/deals`"+` (part of `+"`make bench`"+`)

%s

### Unpack + verify vs sha256sum (%d runs each, interleaved, page cache warm)

Dataset: %d MiB of deterministic pseudo-random bytes (ChaCha8), imported with `+"`deals.Import`"+`
(UnixFS, CIDv1, raw leaves, 256 KiB chunks) into a CARv2: %s.
`+"`Resolve`"+` reads the CAR, hashes every block (sha2-256) against its CID, writes the file
into a fresh cache dir, flushes it (syncfs) and renames it into place. The baseline only hashes the raw
file: `+"`sha256sum big.bin`"+`.

| | median time | throughput |
| --- | --- | --- |
| `+"`Resolve`"+` (read CAR, verify every block, write, syncfs) | %s | %.0f MiB/s |
| `+"`sha256sum`"+` of the same bytes | %s | %.0f MiB/s |

Ratio (Resolve throughput / sha256sum throughput): **%.2f×** (target ≥ 0.7×: %s).
All runs: Resolve %s; sha256sum %s.

Reading the ratio: Go's sha2-256 uses the CPU's SHA extensions, while Debian's coreutils
sha256sum (not linked to OpenSSL) hashes in portable C, so the hash itself costs us less; our
extra work is the CAR read, the write of every byte and the flush to disk. On a loaded shared machine
the absolute figures move run to run; the runs are interleaved so load hits both sides alike.

### Resolve of an already-cached CID (%d resolves + releases each, median)

| dataset | median latency |
| --- | --- |
| 1 MiB file | %s |
| 1 GiB file | %s |

Ratio 1 GiB / 1 MiB: %.2f (target: independent of size — a cache hit is a map lookup and a
reference count, no I/O).
`,
		mach,
		runs, bigSize>>20, bigCID,
		mo.Round(time.Millisecond), mbps(mo), mb.Round(time.Millisecond), mbps(mb),
		ratio, verdict(ratio >= 0.7), fmtDurations(ours), fmtDurations(base),
		hits, hit["1 MiB"], hit["1 GiB"], float64(hit["1 GiB"])/float64(hit["1 MiB"]))
	out := filepath.Join(testsupport.Root(t), "bench", "RESULTS.md")
	if err := bench.WriteSection(out, "Deals: resolve throughput and cached-resolve latency", body); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", out)
}

// dataset writes n deterministic pseudo-random bytes to path unless it is already there.
func dataset(t *testing.T, path string, n int64, seed byte) string {
	t.Helper()
	if info, err := os.Stat(path); err == nil && info.Size() == n {
		return path
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var key [32]byte
	key[0] = seed
	f, err := os.Create(path + ".tmp")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(f, rand.NewChaCha8(key), n); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		t.Fatal(err)
	}
	return path
}

func warm(t *testing.T, path string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(io.Discard, f); err != nil {
		t.Fatal(err)
	}
}

func timeSHA256Sum(t *testing.T, path string) time.Duration {
	start := time.Now()
	if out, err := exec.Command("sha256sum", path).CombinedOutput(); err != nil {
		t.Fatalf("sha256sum: %v\n%s", err, out)
	}
	return time.Since(start)
}

// timeUnpack resolves c into a fresh cache dir (a cold cache: the full unpack+verify).
func timeUnpack(t *testing.T, work, carDir string, c cid.Cid, i int) time.Duration {
	cacheDir := filepath.Join(work, fmt.Sprintf("cache-%d", i))
	_ = removeTree(cacheDir)
	defer removeTree(cacheDir)
	s, err := deals.Open(context.Background(), deals.Config{CarDir: carDir, CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	_, rel, err := s.Resolve(context.Background(), c, nil)
	d := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	rel()
	return d
}

// removeTree removes a cache dir whose content is read-only (0555 dirs).
func removeTree(dir string) error {
	return exec.Command("sh", "-c", `chmod -R u+w "$1" 2>/dev/null; rm -rf "$1"`, "sh", dir).Run()
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func fmtDurations(ds []time.Duration) string {
	var parts []string
	for _, d := range ds {
		parts = append(parts, d.Round(time.Millisecond).String())
	}
	return strings.Join(parts, ", ")
}
