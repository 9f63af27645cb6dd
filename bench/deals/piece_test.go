//go:build bench

package dealsbench

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/shaleprotocol/shale/bench"
	"github.com/shaleprotocol/shale/deals"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// TestPieceCommPThroughput measures CommP over a 1 GiB file against sha256sum of the same
// bytes, and the latency of mounting an already-cached piece at 1 MiB and 1 GiB.
func TestPieceCommPThroughput(t *testing.T) {
	mach := bench.StartMachine()
	work := filepath.Join(testsupport.CacheDir(t), "bench-deals")
	big := dataset(t, filepath.Join(work, "big.bin"), bigSize, 1)
	small := dataset(t, filepath.Join(work, "small.bin"), smallSize, 2)
	ctx := context.Background()
	warm(t, big)

	var ours, base []time.Duration
	var piece deals.Piece
	for range runs {
		base = append(base, timeSHA256Sum(t, big))
		start := time.Now()
		p, err := deals.PieceOfFile(ctx, big)
		if err != nil {
			t.Fatal(err)
		}
		ours = append(ours, time.Since(start))
		piece = p
	}
	mo, mb := median(ours), median(base)
	mbps := func(d time.Duration) float64 { return float64(bigSize) / d.Seconds() / (1 << 20) }
	ratio := mbps(mo) / mbps(mb)
	t.Logf("CommP median %s (%.0f MiB/s); sha256sum median %s (%.0f MiB/s); ratio %.2f", mo, mbps(mo), mb, mbps(mb), ratio)

	// Cached piece mounts: the store's own CAR files as pieces, unpacked once.
	carDir := filepath.Join(work, "cars")
	pieces := map[string]deals.Piece{}
	for name, src := range map[string]string{"1 MiB": small, "1 GiB": big} {
		c, err := deals.Import(ctx, carDir, src)
		if err != nil {
			t.Fatal(err)
		}
		if pieces[name], err = deals.PieceOfFile(ctx, deals.ImportedPath(carDir, src, c)); err != nil {
			t.Fatal(err)
		}
	}
	cacheDir := filepath.Join(work, "cache-pieces")
	_ = removeTree(cacheDir)
	defer removeTree(cacheDir)
	s, err := deals.Open(ctx, deals.Config{CarDir: carDir, CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hit := map[string]time.Duration{}
	for _, name := range []string{"1 MiB", "1 GiB"} {
		p := pieces[name]
		_, rel, err := s.ResolvePiece(ctx, p, cid.Undef, nil)
		if err != nil {
			t.Fatal(err)
		}
		rel()
		var lat []time.Duration
		for range hits {
			start := time.Now()
			_, rel, err := s.ResolvePiece(ctx, p, cid.Undef, nil)
			lat = append(lat, time.Since(start))
			if err != nil {
				t.Fatal(err)
			}
			rel()
		}
		hit[name] = median(lat)
		t.Logf("cached piece mount %s: median %s", name, hit[name])
	}

	verdict := "met"
	if ratio < 0.5 {
		verdict = "NOT met"
	}
	body := fmt.Sprintf(`Command: `+"`go test -tags bench -run TestPieceCommPThroughput -count=1 -v ./bench/deals`"+`

%s

### CommP vs sha256sum (%d runs each, interleaved, page cache warm)

Dataset: %d MiB of pseudo-random bytes (ChaCha8); piece %s (%d-byte piece).
`+"`deals.PieceOfFile`"+` reads the file and computes its CommP: fr32 expansion, then a
sha256-trunc254 binary tree, which hashes about twice the bytes (every 32 padded bytes cost
one 64-byte hash), over 1 MiB subtrees on all CPUs. The baseline hashes the same bytes once:
`+"`sha256sum big.bin`"+`.

| | median time | throughput |
| --- | --- | --- |
| CommP (`+"`deals.PieceOfFile`"+`) | %s | %.0f MiB/s |
| `+"`sha256sum`"+` of the same bytes | %s | %.0f MiB/s |

Ratio (CommP throughput / sha256sum throughput): **%.2f×** (target ≥ 0.5×: %s).
All runs: CommP %s; sha256sum %s.

### Mount of an already-cached piece (%d resolves + releases each, median)

| piece | median latency |
| --- | --- |
| 1 MiB dataset | %s |
| 1 GiB dataset | %s |

Ratio 1 GiB / 1 MiB: %.2f (target: flat in the dataset's size — a hit is a map lookup, a size
and root comparison and a reference count; nothing is hashed or read again).
`,
		mach,
		runs, bigSize>>20, piece, piece.PaddedSize,
		mo.Round(time.Millisecond), mbps(mo), mb.Round(time.Millisecond), mbps(mb),
		ratio, verdict, fmtDurations(ours), fmtDurations(base),
		hits, hit["1 MiB"], hit["1 GiB"], float64(hit["1 GiB"])/float64(hit["1 MiB"]))
	out := filepath.Join(testsupport.Root(t), "bench", "RESULTS.md")
	if err := bench.WriteSection(out, "Deals: piece CommP throughput and cached piece mounts", body); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", out)
}
