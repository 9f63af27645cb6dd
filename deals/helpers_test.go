package deals

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/boxo/ipld/unixfs"
	unixfspb "github.com/ipfs/boxo/ipld/unixfs/pb"
	"github.com/ipfs/go-cid"
	car "github.com/ipld/go-car/v2"
	"github.com/ipld/go-car/v2/blockstore"
)

// Unpacks counts completed fetch+unpack runs (singleflight assertions).
func (s *Store) Unpacks() int64 { return s.unpacks.Load() }

// pseudoRandom returns n deterministic bytes for seed.
func pseudoRandom(seed uint64, n int) []byte {
	var key [32]byte
	key[0] = byte(seed)
	key[1] = byte(seed >> 8)
	r := rand.NewChaCha8(key)
	b := make([]byte, n)
	_, _ = r.Read(b)
	return b
}

// makeTree writes a small dataset exercising the UnixFS shapes Import produces: a multi-chunk
// file (dag-pb root over raw leaves), single-chunk and empty files, nesting, a symlink.
func makeTree(t testing.TB, seed uint64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "dataset")
	files := map[string][]byte{
		"big.bin":           pseudoRandom(seed, 1<<20+12345), // 5 chunks
		"small.txt":         []byte("hello deal data\n"),
		"empty":             nil,
		"nested/a/deep.bin": pseudoRandom(seed+1, 70000),
		"nested/b.csv":      []byte("x,y\n1,2\n"),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("small.txt", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// treeSums maps every path under root to the sha256 of a file, "dir" or "-> target".
func treeSums(t testing.TB, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			out[rel] = "-> " + target
		case d.IsDir():
			out[rel] = "dir"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			out[rel] = hex.EncodeToString(sum[:])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func assertSameTree(t testing.TB, want, got string) {
	t.Helper()
	w, g := treeSums(t, want), treeSums(t, got)
	if len(w) != len(g) {
		t.Fatalf("tree %s has %d entries, want %d:\n got %v\nwant %v", got, len(g), len(w), keys(g), keys(w))
	}
	for k, v := range w {
		if g[k] != v {
			t.Fatalf("%s: got %q, want %q", k, g[k], v)
		}
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// assertReadOnly checks the mode bits the driver relies on: files 0444, directories 0555.
func assertReadOnly(t testing.TB, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
		case info.IsDir() && info.Mode().Perm() != 0o555:
			t.Errorf("%s: dir mode %v, want 0555", p, info.Mode().Perm())
		case info.Mode().IsRegular() && info.Mode().Perm() != 0o444:
			t.Errorf("%s: file mode %v, want 0444", p, info.Mode().Perm())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// assertNothingHalfDone checks a failed resolve left no temp dir and no cache entry.
func assertNothingHalfDone(t testing.TB, cacheDir string) {
	t.Helper()
	for _, d := range []string{tmpDir, objectsDir} {
		ents, err := os.ReadDir(filepath.Join(cacheDir, d))
		if err != nil {
			t.Fatal(err)
		}
		if len(ents) != 0 {
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			t.Fatalf("%s/ not empty after a failed resolve: %s", d, strings.Join(names, ", "))
		}
	}
}

func openStore(t testing.TB, cfg Config) *Store {
	t.Helper()
	if cfg.CacheDir == "" {
		cfg.CacheDir = filepath.Join(t.TempDir(), "cache")
	}
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func importTree(t testing.TB, carDir, src string) cid.Cid {
	t.Helper()
	c, err := Import(context.Background(), carDir, src)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// carV1Bytes returns the CARv1 payload of a CAR file (Import writes CARv2).
func carV1Bytes(t testing.TB, path string) []byte {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "v1.car")
	if err := car.ExtractV1File(path, dst); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// flipInside flips one byte in the middle of the first occurrence of needle in b (a block's
// data, located by content so the CAR framing stays intact).
func flipInside(t testing.TB, b, needle []byte) []byte {
	t.Helper()
	i := bytes.Index(b, needle)
	if i < 0 {
		t.Fatal("needle not found in CAR")
	}
	out := bytes.Clone(b)
	out[i+len(needle)/2] ^= 0x01
	return out
}

func ctxTimeout(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// makeWideDir writes a directory big enough that Import (like Kubo) shards it as a HAMT:
// boxo switches when the links' estimated size passes 256 KiB.
func makeWideDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "wide")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pad := strings.Repeat("n", 200)
	for i := range 1300 {
		name := fmt.Sprintf("%05d-%s", i, pad)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name[:5]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rootType reads the UnixFS type of a CAR's root block.
func rootType(t testing.TB, carPath string, c cid.Cid) unixfspb.Data_DataType {
	t.Helper()
	bs, err := blockstore.OpenReadOnly(carPath)
	if err != nil {
		t.Fatal(err)
	}
	defer bs.Close()
	blk, err := bs.Get(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	pn, err := merkledag.DecodeProtobuf(blk.RawData())
	if err != nil {
		t.Fatal(err)
	}
	fs, err := unixfs.FSNodeFromBytes(pn.Data())
	if err != nil {
		t.Fatal(err)
	}
	return fs.Type()
}
