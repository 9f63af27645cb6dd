// Package deals resolves deal data by CID to a verified, read-only local path: from a directory
// of CAR files or a trustless gateway, unpacked once into a shared, reference-counted cache.
package deals

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/ipfs/go-cid"
)

// Sentinel errors the driver branches on; every returned error also names the CID.
var (
	// ErrNotFound: no backend holds the CID.
	ErrNotFound = errors.New("deal data not found")
	// ErrVerification: a block's bytes do not hash to its CID, or the DAG is malformed or unsafe.
	ErrVerification = errors.New("deal data failed verification")
	// ErrIncomplete: a block of the DAG is missing, or the source stopped mid-stream.
	ErrIncomplete = errors.New("deal data incomplete")
	// ErrNoSpace: the cache's file system filled up during the unpack.
	ErrNoSpace = errors.New("deal cache is out of disk space")
	// ErrUnsupported: the DAG is not UnixFS (or a UnixFS kind we do not mount).
	ErrUnsupported = errors.New("deal data not supported")
	// ErrClosed: the Store was closed.
	ErrClosed = errors.New("deal store closed")
)

// Config selects the backends and the cache. At least one of CarDir and GatewayURL is needed.
type Config struct {
	// CarDir is a directory of CAR files (v1 or v2), indexed by their root CIDs.
	CarDir string
	// GatewayURL is a trustless gateway base URL (serves /ipfs/<cid>?format=car), e.g. Kubo,
	// booster-http or Lassie on the SP's LAN.
	GatewayURL string
	// CacheDir holds unpacked datasets, temp dirs and the persisted CAR index. Required.
	CacheDir string
	// CacheMaxBytes bounds the unpacked data kept while unreferenced; <= 0 means no bound.
	// Referenced entries are never removed, so the cache may exceed it while they are mounted.
	CacheMaxBytes int64
	// HTTPClient for the gateway; nil means a client without a total timeout (datasets are
	// large; the caller's context bounds the request).
	HTTPClient *http.Client
	// PollInterval is how often CarDir is rescanned for Changed; 0 means 10s.
	PollInterval time.Duration
	// PieceURL is the base URL of a /piece/{pieceCid} server (FRC-0066: Curio, booster-http,
	// another node's shale-driver) that pieces not in CarDir are fetched from.
	PieceURL string
	// PieceStall aborts a piece download that sends nothing for this long; 0 means 30s.
	PieceStall time.Duration
	// PieceMinRate (bytes/s) bounds a piece download's total time to PieceStall plus the
	// piece's largest payload at this rate; 0 means 1 MiB/s.
	PieceMinRate int64
}

// Store resolves CIDs through its backends into its cache. Safe for concurrent use.
type Store struct {
	cfg     Config
	cars    *carIndex    // nil without CarDir
	gateway *gateway     // nil without GatewayURL
	pieces  *pieceSource // nil without PieceURL
	cache   *cache

	changed   chan struct{}
	stop      chan struct{}
	stopped   sync.WaitGroup
	closeOnce sync.Once

	mu       sync.Mutex
	closed   bool
	inflight map[cid.Cid]*flight

	unpacks atomic.Int64 // completed fetch+unpack runs; tests assert singleflight with it
}

// flight is one in-progress fetch of a CID that concurrent resolvers wait on.
type flight struct {
	done    chan struct{}
	err     error
	waiters int // resolvers waiting on it, under Store.mu (tests wait for a follower with it)
}

// Open prepares the cache (removing temp dirs a crash left behind), loads the persisted CAR
// index and refreshes it, and starts watching CarDir for changes.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.CacheDir == "" {
		return nil, errors.New("deals: CacheDir is required")
	}
	if cfg.CarDir == "" && cfg.GatewayURL == "" && cfg.PieceURL == "" {
		return nil, errors.New("deals: configure CarDir, GatewayURL, PieceURL or several")
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 10 * time.Second
	}
	c, err := openCache(cfg.CacheDir, cfg.CacheMaxBytes)
	if err != nil {
		return nil, err
	}
	s := &Store{
		cfg: cfg, cache: c,
		changed: make(chan struct{}, 1), stop: make(chan struct{}),
		inflight: map[cid.Cid]*flight{},
	}
	if cfg.GatewayURL != "" {
		g, err := newGateway(cfg.GatewayURL, cfg.HTTPClient)
		if err != nil {
			return nil, err
		}
		s.gateway = g
	}
	if cfg.PieceURL != "" {
		p, err := newPieceSource(cfg)
		if err != nil {
			return nil, err
		}
		s.pieces = p
	}
	if cfg.CarDir != "" {
		s.cars = newCarIndex(cfg.CarDir, filepath.Join(cfg.CacheDir, "carindex.json"))
		if _, err := s.cars.refresh(ctx); err != nil {
			return nil, err
		}
		// New files are hashed for their pieces here once (the index keeps them), so the
		// first fingerprint already lists them; later ones are hashed by watch.
		if _, err := s.cars.hashPieces(ctx); err != nil {
			return nil, err
		}
		s.stopped.Add(1)
		go s.watch()
	}
	return s, nil
}

// Resolve returns a read-only local path holding the UnixFS file or directory c, fetching and
// verifying it first unless it is cached. Concurrent calls for one CID share a single fetch.
// progress, if not nil, is called from the fetching goroutine after each verified block with
// bytes done and the total (-1 if unknown); callers waiting on another's fetch get no calls.
// release must be called once the path is no longer mounted; until then the entry is never
// garbage-collected.
func (s *Store) Resolve(ctx context.Context, c cid.Cid, progress func(done, total int64)) (path string, release func(), err error) {
	if !c.Defined() {
		return "", nil, fmt.Errorf("resolve: %w: undefined CID", ErrNotFound)
	}
	p, _, rel, err := s.resolveKey(ctx, c, func() (string, entryInfo, func(), error) {
		p, rel, err := s.fetch(ctx, c, progress)
		return p, entryInfo{root: c}, rel, err
	})
	return p, rel, err
}

// resolveKey returns the cache entry under key, referenced once. Unless it is cached, it runs
// fetch (which installs the entry) or waits for the caller already running one.
func (s *Store) resolveKey(ctx context.Context, key cid.Cid, fetch func() (string, entryInfo, func(), error)) (path string, info entryInfo, release func(), err error) {
	c := key
	for {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return "", entryInfo{}, nil, fmt.Errorf("resolve %s: %w", c, ErrClosed)
		}
		if p, r, rel, ok := s.cache.acquireInfo(c); ok {
			s.mu.Unlock()
			return p, r, rel, nil
		}
		if f, ok := s.inflight[c]; ok {
			f.waiters++
			s.mu.Unlock()
			select {
			case <-f.done:
			case <-ctx.Done():
				return "", entryInfo{}, nil, fmt.Errorf("resolve %s: %w", c, ctx.Err())
			}
			// The fetching caller's own cancellation is not our failure: try again (and
			// become the fetcher) while our context is still live.
			if f.err != nil && !(isContextErr(f.err) && ctx.Err() == nil) {
				return "", entryInfo{}, nil, f.err
			}
			continue
		}
		f := &flight{done: make(chan struct{})}
		s.inflight[c] = f
		s.mu.Unlock()

		p, r, rel, err := fetch()

		s.mu.Lock()
		delete(s.inflight, c)
		f.err = err
		close(f.done)
		s.mu.Unlock()
		if err != nil {
			return "", entryInfo{}, nil, err
		}
		s.unpacks.Add(1)
		return p, r, rel, nil
	}
}

// fetch unpacks c from the first backend that has it into a temp dir, then installs it in the
// cache, acquired once for the caller.
func (s *Store) fetch(ctx context.Context, c cid.Cid, progress func(done, total int64)) (string, func(), error) {
	var carPath string
	if s.cars != nil {
		carPath = s.cars.lookup(c)
		if carPath == "" {
			// A CAR imported since the last poll should not need to wait for the next one.
			if _, err := s.cars.refresh(ctx); err != nil {
				return "", nil, fmt.Errorf("resolve %s: %w", c, err)
			}
			carPath = s.cars.lookup(c)
		}
	}
	if carPath == "" && s.gateway == nil {
		return "", nil, fmt.Errorf("resolve %s: %w in car store %s", c, ErrNotFound, s.cfg.CarDir)
	}
	tmp, err := s.cache.tempDir(c)
	if err != nil {
		return "", nil, fmt.Errorf("resolve %s: %w", c, classify(err))
	}
	var size int64
	var source string
	if carPath != "" {
		source = carPath
		size, err = unpackCAR(ctx, carPath, c, filepath.Join(tmp, contentName), progress)
	} else {
		source = s.gateway.url(c)
		size, err = s.gateway.fetch(ctx, c, tmp, progress)
	}
	if err == nil {
		var p string
		var rel func()
		p, rel, err = s.cache.install(c, tmp, size, source, entryInfo{root: c})
		if err == nil {
			return p, rel, nil
		}
	}
	// Nothing half-done stays behind: the temp dir is the only thing written so far.
	if rerr := removeAll(tmp); rerr != nil && err == nil {
		err = rerr
	}
	return "", nil, fmt.Errorf("resolve %s: %w", c, classify(err))
}

// Available lists the CIDs the car store can serve (the roots of its CAR files), for the
// node's fingerprint. The gateway is not enumerable; cached entries may be collected any time.
func (s *Store) Available(ctx context.Context) ([]cid.Cid, error) {
	if s.cars == nil {
		return nil, nil
	}
	if _, err := s.cars.refresh(ctx); err != nil {
		return nil, err
	}
	return s.cars.roots(), nil
}

// Pieces lists the pieces the car store holds (its files, each padded to the smallest piece),
// for the node's fingerprint. It never hashes: files new since the last poll appear once
// watch has hashed them, and Changed fires then.
func (s *Store) Pieces(ctx context.Context) ([]Piece, error) {
	if s.cars == nil {
		return nil, nil
	}
	return s.cars.pieces(), nil
}

// Changed receives a value (coalesced) whenever the car store's set of root CIDs changed, so
// the driver can refresh its fingerprint. It is never closed.
func (s *Store) Changed() <-chan struct{} { return s.changed }

// watch polls CarDir: a rescan only stats the files and reads the header of new or changed
// ones, so polling stays cheap even with large stores.
func (s *Store) watch() {
	defer s.stopped.Done()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-s.stop
		cancel()
	}()
	t := time.NewTicker(s.cfg.PollInterval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			changed, err := s.cars.refresh(ctx)
			if err == nil {
				// Hashing a large new CAR takes a while; it holds no lock that resolves need.
				var added bool
				added, err = s.cars.hashPieces(ctx)
				changed = changed || added
			}
			if err == nil && changed {
				select {
				case s.changed <- struct{}{}:
				default:
				}
			}
		}
	}
}

// Close stops watching CarDir. Cached data stays on disk for the next Open; paths already
// returned stay valid.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
		close(s.stop)
		s.stopped.Wait()
	})
	return nil
}

// classify maps low-level failures onto the sentinels the driver branches on.
func classify(err error) error {
	if errors.Is(err, syscall.ENOSPC) && !errors.Is(err, ErrNoSpace) {
		return fmt.Errorf("%w: %w", ErrNoSpace, err)
	}
	return err
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// removeAll removes a tree whose directories may be read-only (0555): not a problem for root,
// but the store also runs unprivileged in tests and tools.
func removeAll(path string) error {
	_ = filepath.Walk(path, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.IsDir() && info.Mode().Perm()&0o200 == 0 {
			_ = os.Chmod(p, 0o755)
		}
		return nil
	})
	return os.RemoveAll(path)
}
