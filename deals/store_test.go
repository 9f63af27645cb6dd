package deals

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	unixfspb "github.com/ipfs/boxo/ipld/unixfs/pb"
	"github.com/ipfs/go-cid"
)

func TestImportResolveRoundTrip(t *testing.T) {
	src := makeTree(t, 1)
	carDir := t.TempDir()
	c := importTree(t, carDir, src)
	if c.Version() != 1 || c.Type() != cid.DagProtobuf {
		t.Fatalf("root %s: want a CIDv1 dag-pb directory", c)
	}
	// Importing the same data again gives the same CID and the same single CAR.
	if again := importTree(t, carDir, src); !again.Equals(c) {
		t.Fatalf("re-import gave %s, want %s", again, c)
	}
	if ents, _ := os.ReadDir(carDir); len(ents) != 1 {
		t.Fatalf("car dir has %d files, want 1", len(ents))
	}

	s := openStore(t, Config{CarDir: carDir})
	avail, err := s.Available(context.Background())
	if err != nil || len(avail) != 1 || !avail[0].Equals(c) {
		t.Fatalf("Available = %v, %v; want [%s]", avail, err, c)
	}
	var calls int
	var last, lastTotal int64
	path, release, err := s.Resolve(context.Background(), c, func(done, total int64) {
		if done < last {
			t.Errorf("progress went back: %d after %d", done, last)
		}
		calls++
		last, lastTotal = done, total
	})
	if err != nil {
		t.Fatal(err)
	}
	assertSameTree(t, src, path)
	assertReadOnly(t, path)
	if calls < 5 || last != lastTotal {
		t.Fatalf("progress: %d calls, last %d/%d; want several, ending done == total", calls, last, lastTotal)
	}

	// Cached: same path, no second unpack, even after the first release.
	release()
	release() // idempotent
	path2, release2, err := s.Resolve(context.Background(), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer release2()
	if path2 != path || s.Unpacks() != 1 {
		t.Fatalf("second resolve: path %s (want %s), %d unpacks (want 1)", path2, path, s.Unpacks())
	}
}

// A single file's CID resolves to the file itself (the driver bind-mounts it as a file), and
// a CARv1 (as an SP's unsealed payload usually is) works like the CARv2 Import writes.
func TestResolveFileFromCARv1(t *testing.T) {
	src := makeTree(t, 2)
	for _, name := range []string{"big.bin", "small.txt", "empty"} {
		t.Run(name, func(t *testing.T) {
			v2Dir := t.TempDir()
			c := importTree(t, v2Dir, filepath.Join(src, name))
			carDir := t.TempDir()
			v1 := carV1Bytes(t, ImportedPath(v2Dir, filepath.Join(src, name), c))
			if err := os.WriteFile(filepath.Join(carDir, "payload.car"), v1, 0o644); err != nil {
				t.Fatal(err)
			}
			s := openStore(t, Config{CarDir: carDir})
			path, release, err := s.Resolve(context.Background(), c, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer release()
			want, _ := os.ReadFile(filepath.Join(src, name))
			got, err := os.ReadFile(path)
			if err != nil || string(got) != string(want) {
				t.Fatalf("resolved %s: %d bytes (%v), want %d", path, len(got), err, len(want))
			}
			if info, _ := os.Stat(path); info.Mode().Perm() != 0o444 {
				t.Fatalf("mode %v, want 0444", info.Mode().Perm())
			}
		})
	}
}

func TestConcurrentResolversUnpackOnce(t *testing.T) {
	carDir := t.TempDir()
	c := importTree(t, carDir, makeTree(t, 3))
	s := openStore(t, Config{CarDir: carDir})
	const n = 8
	var wg sync.WaitGroup
	paths := make([]string, n)
	releases := make([]func(), n)
	errs := make([]error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			paths[i], releases[i], errs[i] = s.Resolve(context.Background(), c, nil)
		}()
	}
	close(start)
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if paths[i] != paths[0] {
			t.Fatalf("resolver %d got %s, resolver 0 got %s", i, paths[i], paths[0])
		}
	}
	if got := s.Unpacks(); got != 1 {
		t.Fatalf("%d unpacks for %d concurrent resolvers, want 1", got, n)
	}
	if _, refs := refsOf(s, c); refs != n {
		t.Fatalf("%d references, want %d", refs, n)
	}
	for _, r := range releases {
		r()
	}
	if _, refs := refsOf(s, c); refs != 0 {
		t.Fatalf("%d references after all releases, want 0", refs)
	}
}

func refsOf(s *Store, c cid.Cid) (bool, int) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	e, ok := s.cache.entries[c]
	if !ok {
		return false, 0
	}
	return true, e.refs
}

// GC: past CacheMaxBytes the least recently released unreferenced entries go first;
// referenced entries stay even when that leaves the cache over its bound.
func TestGarbageCollectionLRU(t *testing.T) {
	carDir := t.TempDir()
	const size = 300 << 10
	var cids []cid.Cid
	for i := range 4 {
		p := filepath.Join(t.TempDir(), "f.bin")
		if err := os.WriteFile(p, pseudoRandom(uint64(100+i), size), 0o644); err != nil {
			t.Fatal(err)
		}
		cids = append(cids, importTree(t, carDir, p))
	}
	a, b, c, d := cids[0], cids[1], cids[2], cids[3]
	s := openStore(t, Config{CarDir: carDir, CacheMaxBytes: 2*size + size/2}) // room for two
	ctx := context.Background()
	resolve := func(k cid.Cid) (string, func()) {
		t.Helper()
		p, rel, err := s.Resolve(ctx, k, nil)
		if err != nil {
			t.Fatal(err)
		}
		return p, rel
	}
	cached := func() []cid.Cid {
		s.cache.mu.Lock()
		defer s.cache.mu.Unlock()
		var out []cid.Cid
		for _, k := range cids {
			if _, ok := s.cache.entries[k]; ok {
				out = append(out, k)
			}
		}
		return out
	}

	_, relA := resolve(a)
	relA()
	time.Sleep(10 * time.Millisecond)
	_, relB := resolve(b)
	relB() // a and b unreferenced and within the bound: both stay
	if got := cached(); !slices.Equal(got, []cid.Cid{a, b}) {
		t.Fatalf("cached %v, want [a b]", got)
	}
	pathC, relC := resolve(c) // over the bound: a, released before b, goes
	if got := cached(); !slices.Equal(got, []cid.Cid{b, c}) {
		t.Fatalf("cached %v, want [b c]: a was released first", got)
	}
	if _, err := os.Stat(filepath.Join(s.cfg.CacheDir, objectsDir, a.String())); !os.IsNotExist(err) {
		t.Fatalf("a still on disk: %v", err)
	}
	_, relD := resolve(d) // b is the only unreferenced entry: it goes
	if got := cached(); !slices.Equal(got, []cid.Cid{c, d}) {
		t.Fatalf("cached %v, want [c d]", got)
	}
	_, relA = resolve(a) // three referenced: over the bound, yet none may go
	if got := cached(); !slices.Equal(got, []cid.Cid{a, c, d}) {
		t.Fatalf("cached %v, want [a c d] (all referenced)", got)
	}
	if _, err := os.Stat(pathC); err != nil {
		t.Fatalf("referenced entry c removed: %v", err)
	}
	relC()
	relD()
	relA()
	if n, total := s.cache.stats(); n != 2 || total > s.cfg.CacheMaxBytes {
		t.Fatalf("cache holds %d entries, %d bytes; want 2 within %d", n, total, s.cfg.CacheMaxBytes)
	}
	if ents, _ := os.ReadDir(filepath.Join(s.cfg.CacheDir, tmpDir)); len(ents) != 0 {
		t.Fatalf("tmp/ holds %d leftovers after GC", len(ents))
	}
}

// A restart keeps the cache (no second unpack), drops what a crash left in tmp/, and
// reuses the persisted CAR index.
func TestReopenKeepsCacheAndCleansTemp(t *testing.T) {
	carDir := t.TempDir()
	c := importTree(t, carDir, makeTree(t, 4))
	cacheDir := filepath.Join(t.TempDir(), "cache")
	s := openStore(t, Config{CarDir: carDir, CacheDir: cacheDir})
	path, release, err := s.Resolve(context.Background(), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	release()
	s.Close()

	// A crash mid-unpack leaves a temp dir behind, read-only parts included.
	stale := filepath.Join(cacheDir, tmpDir, c.String()+".123", contentName, "sub")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(stale), 0o555); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(cacheDir, "carindex.json")); err != nil {
		t.Fatalf("CAR index not persisted: %v", err)
	}

	s2 := openStore(t, Config{CarDir: carDir, CacheDir: cacheDir})
	if ents, _ := os.ReadDir(filepath.Join(cacheDir, tmpDir)); len(ents) != 0 {
		t.Fatalf("stale temp dir survived Open")
	}
	path2, release2, err := s2.Resolve(context.Background(), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer release2()
	if path2 != path || s2.Unpacks() != 0 {
		t.Fatalf("after reopen: path %s (want %s), %d unpacks (want 0)", path2, path, s2.Unpacks())
	}
}

func TestChangedSignalsNewCAR(t *testing.T) {
	carDir := t.TempDir()
	s := openStore(t, Config{CarDir: carDir, PollInterval: 20 * time.Millisecond})
	if avail, _ := s.Available(context.Background()); len(avail) != 0 {
		t.Fatalf("empty store has %v", avail)
	}
	c := importTree(t, carDir, makeTree(t, 5))
	select {
	case <-s.Changed():
	case <-time.After(10 * time.Second):
		t.Fatal("no change signalled after an import")
	}
	avail, err := s.Available(context.Background())
	if err != nil || len(avail) != 1 || !avail[0].Equals(c) {
		t.Fatalf("Available = %v, %v; want [%s]", avail, err, c)
	}
}

// Large directories are HAMT-sharded UnixFS; they unpack like plain ones.
func TestResolveShardedDirectory(t *testing.T) {
	src := makeWideDir(t)
	carDir := t.TempDir()
	c := importTree(t, carDir, src)
	if typ := rootType(t, ImportedPath(carDir, src, c), c); typ != unixfspb.Data_HAMTShard {
		t.Fatalf("root of %d-entry dir is %s, want a HAMT shard", 1300, typ)
	}
	s := openStore(t, Config{CarDir: carDir})
	path, release, err := s.Resolve(ctxTimeout(t, 2*time.Minute), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	assertSameTree(t, src, path)
	assertReadOnly(t, path)
}
