package deals

import (
	"context"
	"encoding/binary"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	car "github.com/ipld/go-car/v2"
	"github.com/ipld/go-car/v2/blockstore"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

// Every failure names the CID, matches its sentinel, and leaves no temp dir and no entry.
func TestResolveFailures(t *testing.T) {
	src := makeTree(t, 7)
	bigData, err := os.ReadFile(filepath.Join(src, "big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	goodDir := t.TempDir()
	root := importTree(t, goodDir, src)
	goodCAR := ImportedPath(goodDir, src, root)
	v1 := carV1Bytes(t, goodCAR)
	// A data block's bytes, located by content: the middle of big.bin's third chunk.
	needle := bigData[600<<10 : 600<<10+64]
	tampered := flipInside(t, v1, needle)
	unknown, err := cid.Decode(testsupport.CID(t, "nobody stores this"))
	if err != nil {
		t.Fatal(err)
	}

	// The gateway cases use an httptest server serving a tampered or truncated copy of a real
	// CAR (the one Import wrote): a real gateway (Kubo) verifies blocks itself and cannot be
	// made to send wrong ones or to cut off at a chosen byte.
	serve := func(body []byte, hangUp bool) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasPrefix(r.URL.Path, "/ipfs/"+root.String()) || r.URL.Query().Get("format") != "car" {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/vnd.ipld.car; version=1")
			_, _ = w.Write(body)
			if hangUp {
				// Drop the connection mid-response, as a crashing gateway would.
				w.(http.Flusher).Flush()
				if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
					conn.Close()
				}
			}
		}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	// A CAR missing one block: everything but big.bin's third chunk.
	missingDir := t.TempDir()
	writeCARWithout(t, goodCAR, filepath.Join(missingDir, "missing.car"), needle)

	tests := []struct {
		name    string
		cfg     func(t *testing.T) Config
		c       cid.Cid
		want    error
		message string // what a person reads, besides the CID
	}{
		{
			name:    "unknown CID in car store",
			cfg:     func(t *testing.T) Config { return Config{CarDir: goodDir} },
			c:       unknown,
			want:    ErrNotFound,
			message: "deal data not found in car store",
		},
		{
			name: "CAR with a corrupted data block",
			cfg: func(t *testing.T) Config {
				dir := t.TempDir()
				if err := os.WriteFile(filepath.Join(dir, "corrupt.car"), tampered, 0o644); err != nil {
					t.Fatal(err)
				}
				return Config{CarDir: dir}
			},
			c:       root,
			want:    ErrVerification,
			message: "deal data failed verification: block ",
		},
		{
			name:    "CAR missing a block",
			cfg:     func(t *testing.T) Config { return Config{CarDir: missingDir} },
			c:       root,
			want:    ErrIncomplete,
			message: "missing",
		},
		{
			name:    "gateway sends a wrong block",
			cfg:     func(t *testing.T) Config { return Config{GatewayURL: serve(tampered, false)} },
			c:       root,
			want:    ErrVerification,
			message: "from gateway: deal data failed verification: block ",
		},
		{
			name:    "gateway cuts off mid-block",
			cfg:     func(t *testing.T) Config { return Config{GatewayURL: serve(v1[:len(v1)*6/10], true)} },
			c:       root,
			want:    ErrIncomplete,
			message: "gateway stream",
		},
		{
			name: "gateway stops cleanly at a block boundary",
			cfg: func(t *testing.T) Config {
				return Config{GatewayURL: serve(v1[:blockBoundary(t, v1, len(v1)/2)], false)}
			},
			c:       root,
			want:    ErrIncomplete,
			message: "missing",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg(t)
			s := openStore(t, cfg)
			path, release, err := s.Resolve(ctxTimeout(t, time.Minute), tt.c, nil)
			if err == nil {
				release()
				t.Fatalf("resolved to %s, want %v", path, tt.want)
			}
			t.Logf("error: %v", err)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %q is not %v", err, tt.want)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.c.String()) || !strings.Contains(msg, tt.message) {
				t.Fatalf("error %q should name %s and say %q", msg, tt.c, tt.message)
			}
			assertNothingHalfDone(t, s.cfg.CacheDir)
		})
	}
}

// writeCARWithout copies the blocks of src into a CARv1 at dst except the one containing
// needle.
func writeCARWithout(t *testing.T, src, dst string, needle []byte) {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	br, err := car.NewBlockReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rw, err := blockstore.OpenReadWrite(dst, br.Roots, car.WriteAsCarV1(true))
	if err != nil {
		t.Fatal(err)
	}
	dropped := 0
	for {
		blk, err := br.Next()
		if err != nil {
			break
		}
		if strings.Contains(string(blk.RawData()), string(needle)) {
			dropped++
			continue
		}
		if err := rw.Put(context.Background(), blk); err != nil {
			t.Fatal(err)
		}
	}
	if dropped != 1 {
		t.Fatalf("dropped %d blocks, want 1", dropped)
	}
	if err := rw.Finalize(); err != nil {
		t.Fatal(err)
	}
}

// blockBoundary returns the offset of the first block section boundary at or after min in
// a CARv1.
func blockBoundary(t *testing.T, v1 []byte, min int) int {
	t.Helper()
	br, err := car.NewBlockReader(strings.NewReader(string(v1)))
	if err != nil {
		t.Fatal(err)
	}
	for {
		md, err := br.SkipNext()
		if err != nil {
			t.Fatalf("no block boundary after %d", min)
		}
		section := uint64(md.Cid.ByteLen()) + md.Size // a section is varint(len) | CID | data
		end := int(md.SourceOffset) + len(binary.AppendUvarint(nil, section)) + int(section)
		if end >= min && end < len(v1) {
			return end
		}
	}
}

// A cache on a file system that fills up mid-unpack: a clear ENOSPC error, temp dir removed.
func TestResolveDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatal("mounting a tmpfs needs root (the test machine runs tests as root)")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "three-mib.bin")
	if err := os.WriteFile(p, pseudoRandom(9, 3<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	carDir := t.TempDir()
	c := importTree(t, carDir, p)

	cacheDir := filepath.Join(dir, "cache")
	if err := os.Mkdir(cacheDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", cacheDir).CombinedOutput(); err != nil {
		t.Fatalf("mount tmpfs: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", cacheDir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v\n%s", cacheDir, err, out)
		}
	})
	s := openStore(t, Config{CarDir: carDir, CacheDir: cacheDir})
	_, _, err := s.Resolve(ctxTimeout(t, time.Minute), c, nil)
	t.Logf("error: %v", err)
	if !errors.Is(err, ErrNoSpace) {
		t.Fatalf("error %v is not ErrNoSpace", err)
	}
	if msg := err.Error(); !strings.Contains(msg, c.String()) || !strings.Contains(msg, "no space left on device") {
		t.Fatalf("error %q should name %s and say no space left on device", msg, c)
	}
	assertNothingHalfDone(t, cacheDir)
}

// A resolve cancelled mid-unpack returns the context's error and leaves nothing behind; a
// concurrent resolver of the same CID whose own context is live takes over the fetch.
func TestResolveCancelledMidUnpack(t *testing.T) {
	carDir := t.TempDir()
	c := importTree(t, carDir, makeTree(t, 13))
	s := openStore(t, Config{CarDir: carDir})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, _, err := s.Resolve(ctx, c, func(done, total int64) {
		if done > 300<<10 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), c.String()) {
		t.Fatalf("error %v: want context.Canceled naming %s", err, c)
	}
	assertNothingHalfDone(t, s.cfg.CacheDir)

	// Leader cancelled while a follower waits: the follower fetches and succeeds.
	leaderCtx, cancelLeader := context.WithCancel(context.Background())
	defer cancelLeader()
	started := make(chan struct{})
	proceed := make(chan struct{})
	var once bool
	leaderErr := make(chan error, 1)
	go func() {
		_, _, err := s.Resolve(leaderCtx, c, func(done, total int64) {
			if !once {
				once = true
				close(started)
				<-proceed
				cancelLeader()
			}
		})
		leaderErr <- err
	}()
	<-started
	followerDone := make(chan error, 1)
	go func() {
		path, rel, err := s.Resolve(ctxTimeout(t, time.Minute), c, nil)
		if err == nil {
			defer rel()
			_, err = os.Stat(path)
		}
		followerDone <- err
	}()
	testsupport.Eventually(t, time.Minute, "the follower waiting on the leader's fetch", func() error {
		s.mu.Lock()
		defer s.mu.Unlock()
		if f := s.inflight[c]; f == nil || f.waiters == 0 {
			return errors.New("no follower yet")
		}
		return nil
	})
	unpacksBefore := s.unpacks.Load()
	close(proceed)
	if err := <-leaderErr; !errors.Is(err, context.Canceled) {
		t.Fatalf("leader: %v, want context.Canceled", err)
	}
	if err := <-followerDone; err != nil {
		t.Fatalf("follower: %v", err)
	}
	if n := s.unpacks.Load() - unpacksBefore; n != 1 {
		t.Fatalf("%d unpacks after the leader's cancellation, want 1 (the follower's)", n)
	}
}
