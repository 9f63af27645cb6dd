package deals

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
)

// pieceNode is an SP node with one imported dataset, serving its store over /piece on loopback.
type pieceNode struct {
	store   *Store
	url     string
	piece   Piece
	payload cid.Cid
	bytes   []byte // the piece's payload: the CAR file as stored
	src     string
}

func startPieceNode(t *testing.T, seed uint64) pieceNode {
	t.Helper()
	src := makeTree(t, seed)
	carDir := t.TempDir()
	c := importTree(t, carDir, src)
	s := openStore(t, Config{CarDir: carDir})
	cars, err := List(context.Background(), carDir)
	if err != nil || len(cars) != 1 || cars[0].Piece.PaddedSize == 0 {
		t.Fatalf("List = %+v, %v; want one CAR with its piece", cars, err)
	}
	b, err := os.ReadFile(cars[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addr, done, err := s.ServePieces(ctx, PieceServerConfig{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("piece server: %v", err)
		}
	})
	return pieceNode{store: s, url: "http://" + addr.String(), piece: cars[0].Piece, payload: c, bytes: b, src: src}
}

// One SP node feeds another through its /piece server: the v2 CID alone, the v1 CID with its
// size, and either with the payload CID all mount the same verified tree, fetched once.
func TestPieceFromAnotherNode(t *testing.T) {
	a := startPieceNode(t, 11)
	b := openStore(t, Config{PieceURL: a.url, PieceStall: 5 * time.Second})

	var last, lastTotal int64
	path, rel, err := b.ResolvePiece(ctxTimeout(t, time.Minute), a.piece, cid.Undef, func(done, total int64) { last, lastTotal = done, total })
	if err != nil {
		t.Fatal(err)
	}
	defer rel()
	assertSameTree(t, a.src, path)
	assertReadOnly(t, path)
	if last == 0 || last != lastTotal {
		t.Fatalf("progress ended at %d/%d", last, lastTotal)
	}
	v1, err := ParsePiece(a.piece.V1().String(), a.piece.PaddedSize)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		p       Piece
		payload cid.Cid
	}{{"v1 and size", v1, cid.Undef}, {"v2 and payload", a.piece, a.payload}, {"v1 and payload", v1, a.payload}} {
		p2, rel2, err := b.ResolvePiece(context.Background(), tc.p, tc.payload, nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		rel2()
		if p2 != path {
			t.Fatalf("%s: path %s, want the cached %s", tc.name, p2, path)
		}
	}
	if b.Unpacks() != 1 {
		t.Fatalf("%d unpacks, want 1", b.Unpacks())
	}
	// The cached CommP under another piece size is no piece: refused, not served.
	wrong, _ := ParsePiece(a.piece.V1().String(), a.piece.PaddedSize*2)
	if _, _, err := b.ResolvePiece(context.Background(), wrong, cid.Undef, nil); !errors.Is(err, ErrVerification) || !strings.Contains(err.Error(), "wrong piece size") {
		t.Fatalf("cached piece under a wrong size: %v", err)
	}
	// The serving node mounts its own piece from its car store, hashing the file again.
	pa, rela, err := a.store.ResolvePiece(context.Background(), a.piece, a.payload, nil)
	if err != nil {
		t.Fatal(err)
	}
	rela()
	assertSameTree(t, a.src, pa)
}

// The /piece server answers HEAD and Range requests for both CID forms, and 404 otherwise.
func TestPieceServerHTTP(t *testing.T) {
	a := startPieceNode(t, 12)
	for _, name := range []string{a.piece.V2().String(), a.piece.V1().String()} {
		resp, err := http.Head(a.url + "/piece/" + name)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.ContentLength != int64(len(a.bytes)) || resp.Header.Get("Accept-Ranges") != "bytes" {
			t.Fatalf("HEAD %s: %s, %d bytes, Accept-Ranges %q", name, resp.Status, resp.ContentLength, resp.Header.Get("Accept-Ranges"))
		}
		req, _ := http.NewRequest(http.MethodGet, a.url+"/piece/"+name, nil)
		req.Header.Set("Range", "bytes=1000-1099")
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusPartialContent || !bytes.Equal(got, a.bytes[1000:1100]) {
			t.Fatalf("Range GET %s: %s, %d bytes", name, resp.Status, len(got))
		}
	}
	other := Piece{Root: [32]byte{1}, PaddedSize: 4096, Payload: 4000}
	for path, want := range map[string]int{
		"/piece/" + other.V2().String(): 404,
		"/piece/" + a.payload.String():  400,
		"/piece/nope":                   400,
	} {
		resp, err := http.Get(a.url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Fatalf("GET %s: %s, want %d", path, resp.Status, want)
		}
	}
}

// A stream cut off mid-way resumes with a Range request instead of starting over.
func TestPieceResumesWithRange(t *testing.T) {
	a := startPieceNode(t, 13)
	var ranges atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Range") == "" {
			// Promise everything, send a third, drop the connection.
			w.Header().Set("Content-Length", fmt.Sprint(len(a.bytes)))
			_, _ = w.Write(a.bytes[:len(a.bytes)/3])
			panic(http.ErrAbortHandler)
		}
		ranges.Add(1)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.bytes))
	}))
	t.Cleanup(srv.Close)
	b := openStore(t, Config{PieceURL: srv.URL})
	path, rel, err := b.ResolvePiece(ctxTimeout(t, time.Minute), a.piece, a.payload, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rel()
	assertSameTree(t, a.src, path)
	if ranges.Load() != 1 {
		t.Fatalf("%d Range requests, want 1", ranges.Load())
	}
}

// Every bad piece is refused with an error naming it; nothing is mounted or left in the
// cache, and each ends within the client's own bounds (no test sleeps for them).
func TestPieceFailures(t *testing.T) {
	a := startPieceNode(t, 14)
	good := a.bytes
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 1
	v1Wrong, _ := ParsePiece(a.piece.V1().String(), a.piece.PaddedSize*2)
	other := startPieceNode(t, 15)

	serve := func(body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
		}
	}
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		piece   Piece
		payload cid.Cid
		want    error
		inMsg   string
	}{
		{name: "wrong bytes", handler: serve(flipped), want: ErrVerification, inMsg: "hash to CommP"},
		{name: "wrong piece size", handler: serve(good), piece: v1Wrong, want: ErrVerification, inMsg: "hash to CommP"},
		{name: "truncated piece", handler: serve(good[:len(good)-1000]), want: ErrIncomplete, inMsg: "PieceCID says"},
		{name: "piece of another CAR root", handler: serve(good), payload: other.payload, want: ErrVerification, inMsg: "not " + other.payload.String()},
		{name: "another node's piece", handler: serve(other.bytes), want: ErrVerification, inMsg: "hash to CommP"},
		{name: "cut off on every try", handler: func(w http.ResponseWriter, r *http.Request) {
			// Honours Range, yet drops every response after 100 bytes.
			var start int
			if _, err := fmt.Sscanf(r.Header.Get("Range"), "bytes=%d-", &start); err == nil {
				w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, len(good)-1, len(good)))
				w.Header().Set("Content-Length", fmt.Sprint(len(good)-start))
				w.WriteHeader(http.StatusPartialContent)
			} else {
				w.Header().Set("Content-Length", fmt.Sprint(len(good)))
				w.WriteHeader(http.StatusOK)
			}
			_, _ = w.Write(good[start : start+100])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}, want: ErrIncomplete, inMsg: "after 400 bytes: unexpected EOF"},
		{name: "cut off, then Range ignored", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(len(good)))
			w.WriteHeader(200)
			if r.Header.Get("Range") == "" {
				_, _ = w.Write(good[:1000])
				w.(http.Flusher).Flush()
				panic(http.ErrAbortHandler)
			}
			_, _ = w.Write(good)
		}, want: ErrIncomplete, inMsg: "ignored a Range request from byte 1000"},
		{name: "silent after headers", handler: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}, want: ErrIncomplete, inMsg: "sent nothing"},
		{name: "slow trickle", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(len(good)))
			for i := 0; i < len(good); i += 1000 {
				if _, err := w.Write(good[i:min(i+1000, len(good))]); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(100 * time.Millisecond):
				}
			}
		}, want: ErrIncomplete, inMsg: "too slow"},
		{name: "endless", handler: func(w http.ResponseWriter, r *http.Request) {
			chunk := bytes.Repeat([]byte{0xab}, 64<<10)
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, want: ErrVerification, inMsg: "more than"},
		{name: "not found", handler: http.NotFound, want: ErrNotFound, inMsg: "piece server"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			t.Cleanup(srv.Close)
			cacheDir := filepath.Join(t.TempDir(), "cache")
			// Deadlines for a 1.3 MB piece: 0.5 s of silence, or about 1.5 s in all.
			b := openStore(t, Config{PieceURL: srv.URL, CacheDir: cacheDir, PieceStall: 500 * time.Millisecond, PieceMinRate: int64(len(good))})
			p := tc.piece
			if p.PaddedSize == 0 {
				p = a.piece
			}
			start := time.Now()
			_, _, err := b.ResolvePiece(ctxTimeout(t, time.Minute), p, tc.payload, nil)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.inMsg) {
				t.Fatalf("got %v; want %v mentioning %q", err, tc.want, tc.inMsg)
			}
			if !strings.Contains(err.Error(), p.V1().String()) && !strings.Contains(err.Error(), p.V2().String()) {
				t.Fatalf("error does not name the piece: %v", err)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Fatalf("took %s", d)
			}
			assertNothingHalfDone(t, cacheDir)
		})
	}
}

// A CAR added to the store is found as a piece at once by a mount (indexed and hashed on the
// spot) and by the node's fingerprint after the next poll, which hashes it off the index lock.
func TestPieceOfCARAddedLater(t *testing.T) {
	carDir := t.TempDir()
	s := openStore(t, Config{CarDir: carDir, PollInterval: 20 * time.Millisecond})
	src := makeTree(t, 21)
	c := importTree(t, carDir, src)
	p, err := PieceOfFile(context.Background(), ImportedPath(carDir, src, c))
	if err != nil {
		t.Fatal(err)
	}
	path, rel, err := s.ResolvePiece(ctxTimeout(t, time.Minute), p, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	rel()
	assertSameTree(t, src, path)

	src2 := makeTree(t, 22)
	c2 := importTree(t, carDir, src2)
	p2, err := PieceOfFile(context.Background(), ImportedPath(carDir, src2, c2))
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.After(10 * time.Second)
	for {
		pieces, err := s.Pieces(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(pieces) == 2 && (pieces[0] == p2 || pieces[1] == p2) {
			return
		}
		select {
		case <-s.Changed():
		case <-deadline:
			t.Fatalf("Pieces = %v after 10 s; want %s and %s", pieces, p, p2)
		}
	}
}
