package deals

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/ipfs/go-cid"
	car "github.com/ipld/go-car/v2"
	"github.com/shaleprotocol/shale/internal/fsutil"
)

// CAR describes one CAR file of a car store.
type CAR struct {
	Path  string    `json:"path"`
	Size  int64     `json:"size"`
	Roots []cid.Cid `json:"roots"`
	// Piece is the file as a Filecoin piece (its bytes, padded to the smallest piece size);
	// zero when the file is not a CAR or too large for a piece.
	Piece Piece `json:"-"`
	// Err is why the file could not be read as a CAR (then Roots is empty).
	Err string `json:"error,omitempty"`
}

// isCARName picks the files a store indexes: *.car, not hidden (Import writes its temp files
// as dot files, so a half-written CAR is never indexed).
func isCARName(name string) bool {
	return strings.HasSuffix(name, ".car") && !strings.HasPrefix(name, ".")
}

// List reads the CAR files of carDir in name order: their headers, and all their bytes for
// their pieces.
func List(ctx context.Context, carDir string) ([]CAR, error) {
	ix := newCarIndex(carDir, "")
	if _, err := ix.refresh(ctx); err != nil {
		return nil, err
	}
	if _, err := ix.hashPieces(ctx); err != nil {
		return nil, err
	}
	return ix.list(), nil
}

// carIndex maps root CIDs to CAR files. Refreshing stats every file but reads only the
// headers of new or changed ones; with a state path the index survives restarts, so a large
// store is not reopened file by file at every start.
type carIndex struct {
	dir   string
	state string // persisted index; "" for none

	mu     sync.Mutex
	loaded bool
	files  map[string]carFile // by file name
	byRoot map[cid.Cid]string // root -> file name (first in name order)
	// byPiece maps a piece root (CommP) to its file name, first in name order.
	byPiece map[[nodeSize]byte]string
	// hashing serializes hashPieces, so one file is never hashed twice at once.
	hashing sync.Mutex
}

// carFile is the persisted record of one CAR file, reused while size and mtime are unchanged.
type carFile struct {
	Size    int64    `json:"size"`
	ModTime int64    `json:"mtime_ns"`
	Roots   []string `json:"roots"`
	// Piece is the file's v2 PieceCID, computed once per size and mtime (a full read).
	Piece string `json:"piece,omitempty"`
	Err   string `json:"error,omitempty"`
}

type carIndexState struct {
	Version int                `json:"version"`
	Dir     string             `json:"dir"`
	Files   map[string]carFile `json:"files"`
}

func newCarIndex(dir, state string) *carIndex {
	return &carIndex{dir: dir, state: state, files: map[string]carFile{}, byRoot: map[cid.Cid]string{}, byPiece: map[[nodeSize]byte]string{}}
}

// refresh rescans the directory and reports whether the set of roots changed.
func (ix *carIndex) refresh(ctx context.Context) (bool, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if !ix.loaded {
		ix.load()
		ix.loaded = true
	}
	ents, err := os.ReadDir(ix.dir)
	if err != nil {
		return false, fmt.Errorf("car store %s: %w", ix.dir, err)
	}
	files := make(map[string]carFile, len(ents))
	dirty := false
	for _, e := range ents {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		if !isCARName(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue // vanished meanwhile, or not a file
		}
		old, ok := ix.files[e.Name()]
		if ok && old.Size == info.Size() && old.ModTime == info.ModTime().UnixNano() {
			files[e.Name()] = old
			continue
		}
		f := carFile{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
		roots, err := readRoots(filepath.Join(ix.dir, e.Name()))
		if err != nil {
			f.Err = err.Error()
		}
		for _, r := range roots {
			f.Roots = append(f.Roots, r.String())
		}
		files[e.Name()] = f
		dirty = true
	}
	if len(files) != len(ix.files) {
		dirty = true
	}
	before, beforePieces := ix.byRoot, len(ix.byPiece)
	ix.files = files
	ix.byRoot = map[cid.Cid]string{}
	ix.indexPiecesLocked()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		for _, r := range files[n].Roots {
			if k, err := cid.Decode(r); err == nil {
				if _, dup := ix.byRoot[k]; !dup {
					ix.byRoot[k] = n
				}
			}
		}
	}
	if dirty {
		ix.save()
	}
	changed := len(before) != len(ix.byRoot) || beforePieces != len(ix.byPiece)
	for k := range before {
		if _, ok := ix.byRoot[k]; !ok {
			changed = true
		}
	}
	return changed, nil
}

// readRoots reads a CAR's header (v1, or v2 and its inner v1 header) without its blocks.
func readRoots(path string) ([]cid.Cid, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br, err := car.NewBlockReader(f)
	if err != nil {
		return nil, fmt.Errorf("not a CAR: %w", err)
	}
	return br.Roots, nil
}

// load reads the persisted index; a missing or unreadable one just means a full rescan.
func (ix *carIndex) load() {
	if ix.state == "" {
		return
	}
	b, err := os.ReadFile(ix.state)
	if err != nil {
		return
	}
	var st carIndexState
	if json.Unmarshal(b, &st) != nil || st.Version != 1 || st.Dir != ix.dir || st.Files == nil {
		return
	}
	ix.files = st.Files
}

// save persists the index atomically; failures only cost a rescan.
func (ix *carIndex) save() {
	if ix.state == "" {
		return
	}
	b, err := json.Marshal(carIndexState{Version: 1, Dir: ix.dir, Files: ix.files})
	if err != nil {
		return
	}
	_ = fsutil.WriteDurable(ix.state, b, 0o644)
}

// lookup returns the path of a CAR whose roots include c, or "".
func (ix *carIndex) lookup(c cid.Cid) string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if n, ok := ix.byRoot[c]; ok {
		return filepath.Join(ix.dir, n)
	}
	return ""
}

func (ix *carIndex) roots() []cid.Cid {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	out := make([]cid.Cid, 0, len(ix.byRoot))
	for k := range ix.byRoot {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].KeyString() < out[j].KeyString() })
	return out
}

func (ix *carIndex) list() []CAR {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	names := make([]string, 0, len(ix.files))
	for n := range ix.files {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]CAR, 0, len(names))
	for _, n := range names {
		f := ix.files[n]
		c := CAR{Path: filepath.Join(ix.dir, n), Size: f.Size, Err: f.Err}
		if p, err := ParsePiece(f.Piece, 0); err == nil {
			c.Piece = p
		}
		for _, r := range f.Roots {
			if k, err := cid.Decode(r); err == nil {
				c.Roots = append(c.Roots, k)
			}
		}
		out = append(out, c)
	}
	return out
}

// hashPieces computes the piece of every indexed file that has none yet: a full read each,
// done without holding the index lock so lookups and refreshes go on meanwhile. A file that
// changed during its hashing keeps no piece (the next refresh and hashPieces redo it). It
// reports whether any piece was added.
func (ix *carIndex) hashPieces(ctx context.Context) (bool, error) {
	ix.hashing.Lock()
	defer ix.hashing.Unlock()
	type todo struct {
		name          string
		size, modTime int64
	}
	ix.mu.Lock()
	var work []todo
	for n, f := range ix.files {
		if f.Piece == "" && f.Err == "" {
			work = append(work, todo{n, f.Size, f.ModTime})
		}
	}
	ix.mu.Unlock()
	sort.Slice(work, func(i, j int) bool { return work[i].name < work[j].name })
	added := false
	for _, w := range work {
		p, err := pieceOfFile(ctx, filepath.Join(ix.dir, w.name))
		if isContextErr(err) {
			return added, err
		}
		ix.mu.Lock()
		f, ok := ix.files[w.name]
		if ok && f.Size == w.size && f.ModTime == w.modTime && f.Piece == "" {
			f.Piece = pieceField(p, err)
			ix.files[w.name] = f
			ix.indexPiecesLocked()
			added = added || err == nil
		}
		ix.mu.Unlock()
	}
	if len(work) > 0 {
		ix.mu.Lock()
		ix.save()
		ix.mu.Unlock()
	}
	return added, nil
}

// indexPiecesLocked rebuilds byPiece from files (first file in name order wins).
func (ix *carIndex) indexPiecesLocked() {
	names := make([]string, 0, len(ix.files))
	for n := range ix.files {
		names = append(names, n)
	}
	sort.Strings(names)
	ix.byPiece = map[[nodeSize]byte]string{}
	for _, n := range names {
		if p, err := ParsePiece(ix.files[n].Piece, 0); err == nil {
			if _, dup := ix.byPiece[p.Root]; !dup {
				ix.byPiece[p.Root] = n
			}
		}
	}
}

// lookupPiece returns the path of the CAR file whose bytes are the piece with root r, or "".
func (ix *carIndex) lookupPiece(r [nodeSize]byte) string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if n, ok := ix.byPiece[r]; ok {
		return filepath.Join(ix.dir, n)
	}
	return ""
}

// pieces lists the pieces of the store's files, in file name order.
func (ix *carIndex) pieces() []Piece {
	var out []Piece
	for _, c := range ix.list() {
		if c.Piece.PaddedSize != 0 {
			out = append(out, c.Piece)
		}
	}
	return out
}

// noPiece marks a file that is no piece (too small or too large), so it is not hashed again.
const noPiece = "none"

func pieceField(p Piece, err error) string {
	if err != nil {
		return noPiece
	}
	return p.V2().String()
}

// PieceOfFile computes the piece a file's bytes make, padded to the smallest piece size.
func PieceOfFile(ctx context.Context, path string) (Piece, error) { return pieceOfFile(ctx, path) }

// pieceOfFile computes the CommP of a file's bytes padded to the smallest piece.
func pieceOfFile(ctx context.Context, path string) (Piece, error) {
	f, err := os.Open(path)
	if err != nil {
		return Piece{}, err
	}
	defer f.Close()
	cp := NewCommP()
	n, err := io.Copy(cp, &ctxReader{ctx, f})
	if err != nil {
		return Piece{}, err
	}
	root, padded, err := cp.Sum(0)
	if err != nil {
		return Piece{}, err
	}
	return Piece{Root: root, PaddedSize: padded, Payload: uint64(n)}, nil
}
