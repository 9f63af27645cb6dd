package deals

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/shaleprotocol/shale/internal/fsutil"

	"github.com/ipfs/go-cid"
	"golang.org/x/sys/unix"
)

// On-disk layout of the cache dir:
//
//	objects/<cid>/content    the unpacked file or directory (0444 / 0555): what Resolve returns
//	objects/<cid>/meta.json  size and source, written before the entry is published
//	tmp/                     unpacks in progress and entries being deleted; emptied at open
//
// An entry appears only by renaming a complete, fsynced temp dir into objects/, so a crash
// never leaves a half dataset visible; the entry dir's mtime records its last release (LRU).
const (
	objectsDir  = "objects"
	tmpDir      = "tmp"
	contentName = "content"
	metaName    = "meta.json"
)

type cache struct {
	dir     string
	maxSize int64

	mu      sync.Mutex
	entries map[cid.Cid]*entry
	size    int64 // sum of entry sizes
}

type entry struct {
	c        cid.Cid
	root     cid.Cid // the unpacked DAG's root: c itself, or the root of piece c's CAR
	piece    uint64  // padded piece size when c is a PieceCID
	size     int64
	refs     int
	lastUsed time.Time
}

type entryMeta struct {
	CID    string `json:"cid"`
	Size   int64  `json:"size"`
	Source string `json:"source"`
	// Root is the DAG root unpacked into content, when it differs from CID (a piece).
	Root string `json:"root,omitempty"`
	// PieceSize is the padded piece size when CID is a PieceCID.
	PieceSize uint64 `json:"piece_size,omitempty"`
}

// openCache creates the layout, removes what a crash left in tmp/, and loads the entries.
func openCache(dir string, maxSize int64) (*cache, error) {
	c := &cache{dir: dir, maxSize: maxSize, entries: map[cid.Cid]*entry{}}
	for _, d := range []string{objectsDir, tmpDir} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, fmt.Errorf("deals cache: %w", err)
		}
	}
	stale, err := os.ReadDir(filepath.Join(dir, tmpDir))
	if err != nil {
		return nil, fmt.Errorf("deals cache: %w", err)
	}
	for _, e := range stale {
		if err := removeAll(filepath.Join(dir, tmpDir, e.Name())); err != nil {
			return nil, fmt.Errorf("deals cache: remove stale temp dir: %w", err)
		}
	}
	objs, err := os.ReadDir(filepath.Join(dir, objectsDir))
	if err != nil {
		return nil, fmt.Errorf("deals cache: %w", err)
	}
	for _, o := range objs {
		p := filepath.Join(dir, objectsDir, o.Name())
		e, err := loadEntry(p, o.Name())
		if err != nil {
			// Not ours or damaged: never serve it; move it aside and drop it.
			d, err := c.moveAside(p)
			if err != nil {
				return nil, err
			}
			if err := removeAll(d); err != nil {
				return nil, fmt.Errorf("deals cache: %w", err)
			}
			continue
		}
		c.entries[e.c] = e
		c.size += e.size
	}
	c.mu.Lock()
	victims := c.collectLocked()
	c.mu.Unlock()
	return c, c.removeVictims(victims)
}

func loadEntry(p, name string) (*entry, error) {
	k, err := cid.Decode(name)
	if err != nil || k.String() != name {
		return nil, fmt.Errorf("not a CID: %q", name)
	}
	b, err := os.ReadFile(filepath.Join(p, metaName))
	if err != nil {
		return nil, err
	}
	var m entryMeta
	if err := json.Unmarshal(b, &m); err != nil || m.CID != name {
		return nil, fmt.Errorf("bad %s in %s", metaName, p)
	}
	if _, err := os.Lstat(filepath.Join(p, contentName)); err != nil {
		return nil, err
	}
	root := k
	if m.Root != "" {
		if root, err = cid.Decode(m.Root); err != nil {
			return nil, fmt.Errorf("bad root in %s: %w", p, err)
		}
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	return &entry{c: k, root: root, piece: m.PieceSize, size: m.Size, lastUsed: st.ModTime()}, nil
}

func (c *cache) contentPath(k cid.Cid) string {
	return filepath.Join(c.dir, objectsDir, k.String(), contentName)
}

// entryInfo is what an entry holds besides its content.
type entryInfo struct {
	root      cid.Cid // the DAG root unpacked (the key itself for a payload CID)
	pieceSize uint64  // padded piece size, for a PieceCID key
}

// acquireInfo returns the cached path of k and its info with a reference taken, if present.
func (c *cache) acquireInfo(k cid.Cid) (string, entryInfo, func(), bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok {
		return "", entryInfo{}, nil, false
	}
	e.refs++
	return c.contentPath(k), entryInfo{e.root, e.piece}, c.releaser(e), true
}

// releaser returns an idempotent release for one reference to e.
func (c *cache) releaser(e *entry) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			now := time.Now()
			c.mu.Lock()
			e.refs--
			e.lastUsed = now
			victims := c.collectLocked()
			c.mu.Unlock()
			// Persist the LRU order for the next Open; best effort (the entry may be gone).
			_ = os.Chtimes(filepath.Join(c.dir, objectsDir, e.c.String()), now, now)
			_ = c.removeVictims(victims)
		})
	}
}

// tempDir makes a fresh directory for unpacking k.
func (c *cache) tempDir(k cid.Cid) (string, error) {
	return os.MkdirTemp(filepath.Join(c.dir, tmpDir), k.String()+".")
}

// install publishes the unpacked temp dir (holding content) as k's entry, referenced once.
func (c *cache) install(k cid.Cid, tmp string, size int64, source string, info entryInfo) (string, func(), error) {
	m := entryMeta{CID: k.String(), Size: size, Source: source, PieceSize: info.pieceSize}
	if !info.root.Equals(k) {
		m.Root = info.root.String()
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", nil, err
	}
	if err := fsutil.WriteNew(filepath.Join(tmp, metaName), b, 0o444); err != nil {
		return "", nil, err
	}
	// One syncfs flushes every file and directory of the unpacked tree before the rename
	// publishes it (per-file fsync would cost a disk flush per file).
	if err := syncFS(tmp); err != nil {
		return "", nil, err
	}
	objects := filepath.Join(c.dir, objectsDir)
	if err := os.Rename(tmp, filepath.Join(objects, k.String())); err != nil {
		return "", nil, err
	}
	// The rename is durable only once the parent directory is synced.
	if err := fsutil.SyncDir(objects); err != nil {
		return "", nil, err
	}
	e := &entry{c: k, root: info.root, piece: info.pieceSize, size: size, refs: 1, lastUsed: time.Now()}
	c.mu.Lock()
	c.entries[k] = e
	c.size += size
	victims := c.collectLocked()
	c.mu.Unlock()
	if err := c.removeVictims(victims); err != nil {
		return "", nil, err
	}
	return c.contentPath(k), c.releaser(e), nil
}

// collectLocked picks unreferenced entries, least recently released first, until the cache
// fits maxSize, unlists them and renames them into tmp/ (atomic, and under the lock so a
// concurrent install of the same CID cannot collide with them). It returns the renamed dirs
// for removeVictims to delete outside the lock. Referenced entries are never picked.
func (c *cache) collectLocked() []string {
	if c.maxSize <= 0 {
		return nil
	}
	var dead []string
	for c.size > c.maxSize {
		var oldest *entry
		for _, e := range c.entries {
			if e.refs == 0 && (oldest == nil || e.lastUsed.Before(oldest.lastUsed)) {
				oldest = e
			}
		}
		if oldest == nil {
			break
		}
		delete(c.entries, oldest.c)
		c.size -= oldest.size
		name := oldest.c.String()
		if d, err := c.moveAside(filepath.Join(c.dir, objectsDir, name)); err == nil {
			dead = append(dead, d)
		}
	}
	return dead
}

// removeVictims deletes the trees collectLocked moved aside.
func (c *cache) removeVictims(dead []string) error {
	var first error
	for _, d := range dead {
		if err := removeAll(d); err != nil && first == nil {
			first = fmt.Errorf("deals cache: %w", err)
		}
	}
	return first
}

// moveAside renames p into a fresh dir under tmp/, which Open empties after a crash.
func (c *cache) moveAside(p string) (string, error) {
	dead, err := os.MkdirTemp(filepath.Join(c.dir, tmpDir), "gc.")
	if err != nil {
		return "", fmt.Errorf("deals cache: %w", err)
	}
	if err := os.Rename(p, filepath.Join(dead, "x")); err != nil {
		_ = os.Remove(dead)
		return "", fmt.Errorf("deals cache: remove %s: %w", filepath.Base(p), err)
	}
	return dead, nil
}

// stats reports the cache's entry count and bytes (for tests and operators).
func (c *cache) stats() (entries int, size int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.size
}

// syncFS flushes the file system holding path (syncfs(2)), reporting write-back errors.
func syncFS(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return fmt.Errorf("syncfs %s: %w", path, err)
	}
	return nil
}
