package driver

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/docker/docker/api/types/mount"
	"github.com/hashicorp/nomad/plugins/drivers"
	pstructs "github.com/hashicorp/nomad/plugins/shared/structs"
	"github.com/ipfs/go-cid"

	"github.com/shaleprotocol/shale/deals"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

// ErrNoDeals is returned when a task mounts deal data on a node without a deals {} block.
var ErrNoDeals = errors.New("deal data not configured")

// DealsConfig is the plugin config's deals {} block: where this node's deal data comes from.
type DealsConfig struct {
	CarDir     string `codec:"car_dir"`
	GatewayURL string `codec:"gateway_url"`
	CacheDir   string `codec:"cache_dir"`
	CacheMax   string `codec:"cache_max"`
	// PieceURL is a /piece/{pieceCid} server (Curio, booster-http, another shale node).
	PieceURL string `codec:"piece_url"`
	// PieceListen serves this node's car store as /piece/{pieceCid}; empty means off.
	PieceListen string `codec:"piece_listen"`
	// PieceStall aborts a piece download that sends nothing for this long (default 30s).
	PieceStall string `codec:"piece_stall"`
}

// mountPiece parses the mount's PieceCID and size (bytes, or with a unit such as "32GiB").
func mountPiece(m MountConfig) (deals.Piece, error) {
	var size uint64
	if m.PieceSize != "" {
		n, err := lease.ParseSize(m.PieceSize)
		if err != nil {
			return deals.Piece{}, fmt.Errorf("piece_size: %w", err)
		}
		size = n
	}
	return deals.ParsePiece(m.PieceCID, size)
}

// openDeals opens the node's deal store and its read-only view (see dealView).
func (d *Driver) openDeals(c *Config) (*deals.Store, *dealView, error) {
	dc := c.Deals
	cfg := deals.Config{CarDir: dc.CarDir, GatewayURL: dc.GatewayURL, CacheDir: dc.CacheDir, PieceURL: dc.PieceURL}
	if dc.PieceStall != "" {
		v, err := time.ParseDuration(dc.PieceStall) // checked by Config.validate
		if err != nil {
			return nil, nil, fmt.Errorf("%w: deals.piece_stall: %v", ErrInvalidConfig, err)
		}
		cfg.PieceStall = v
	}
	if cfg.CacheDir == "" {
		cfg.CacheDir = filepath.Join(c.StateDir, "deal-cache")
	}
	if dc.CacheMax != "" {
		n, err := lease.ParseSize(dc.CacheMax)
		if err != nil || n > 1<<62 {
			return nil, nil, fmt.Errorf("%w: deals.cache_max: %v", ErrInvalidConfig, err)
		}
		cfg.CacheMaxBytes = int64(n)
	}
	if err := os.MkdirAll(cfg.CacheDir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("deals cache %s: %w", cfg.CacheDir, err)
	}
	view, err := openDealView(cfg.CacheDir, filepath.Join(c.StateDir, "deal-view"))
	if err != nil {
		return nil, nil, err
	}
	s, err := deals.Open(d.ctx, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("open deal store: %w", err)
	}
	if dc.PieceListen != "" {
		addr, done, err := s.ServePieces(d.ctx, deals.PieceServerConfig{Listen: dc.PieceListen})
		if err != nil {
			_ = s.Close()
			return nil, nil, fmt.Errorf("deals.piece_listen: %w", err)
		}
		d.logger.Info("serving pieces", "addr", addr.String())
		go func() {
			if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
				d.logger.Error("piece server stopped", "error", err)
			}
		}()
	}
	return s, view, nil
}

// dealView is a read-only, nosuid, nodev bind mount of the deal cache. Containers get their
// datasets from it, so those flags come from the source mount: Docker's own read-only bind
// option would make runc remount the bind without nosuid,nodev.
type dealView struct {
	cache, dir string
}

const viewFlags = syscall.MS_RDONLY | syscall.MS_NOSUID | syscall.MS_NODEV

func openDealView(cache, dir string) (*dealView, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("deal view %s: %w", dir, err)
	}
	var st syscall.Statfs_t
	mounted := false
	if err := syscall.Statfs(dir, &st); err == nil && st.Flags&viewFlags == viewFlags {
		var cs, vs syscall.Stat_t
		// Same device and inode as the cache: a view left by an earlier plugin process.
		mounted = syscall.Stat(cache, &cs) == nil && syscall.Stat(dir, &vs) == nil && cs.Dev == vs.Dev && cs.Ino == vs.Ino
	}
	if !mounted {
		if err := syscall.Mount(cache, dir, "", syscall.MS_BIND, ""); err != nil {
			return nil, fmt.Errorf("deal view: bind %s on %s: %w", cache, dir, err)
		}
		if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|viewFlags, ""); err != nil {
			return nil, fmt.Errorf("deal view: remount %s ro,nosuid,nodev: %w", dir, err)
		}
	}
	return &dealView{cache: cache, dir: dir}, nil
}

// path maps a path the store returned into the view.
func (v *dealView) path(p string) (string, error) {
	rel, err := filepath.Rel(v.cache, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("deal data path %s is outside the cache %s", p, v.cache)
	}
	return filepath.Join(v.dir, rel), nil
}

// dealMounts resolves every mount {} of the task to a verified local path, posting progress
// as task events, and returns the read-only bind mounts plus one release for all of them.
// On error nothing stays referenced.
func (d *Driver) dealMounts(ctx context.Context, task *drivers.TaskConfig, ms []MountConfig) ([]mount.Mount, func(), error) {
	if len(ms) == 0 {
		return nil, func() {}, nil
	}
	d.mu.RLock()
	store, view := d.deals, d.dealView
	d.mu.RUnlock()
	if store == nil {
		return nil, nil, fmt.Errorf("%w: task %q mounts deal data but this node's plugin config has no deals {} block", ErrNoDeals, task.Name)
	}
	var releases []func()
	releaseAll := func() {
		for _, r := range releases {
			r()
		}
	}
	out := make([]mount.Mount, 0, len(ms))
	for _, m := range ms {
		path, release, err := d.resolveMount(ctx, task, store, m)
		if err != nil {
			releaseAll()
			return nil, nil, err
		}
		releases = append(releases, release)
		src, err := view.path(path)
		if err != nil {
			releaseAll()
			return nil, nil, err
		}
		// Read-only through the view's own flags (ro,nosuid,nodev), not Docker's option.
		out = append(out, mount.Mount{Type: mount.TypeBind, Source: src, Target: m.Path,
			BindOptions: &mount.BindOptions{Propagation: mount.PropagationRPrivate}})
	}
	return out, releaseAll, nil
}

// resolveMount resolves one mount by payload CID or by piece.
func (d *Driver) resolveMount(ctx context.Context, task *drivers.TaskConfig, store *deals.Store, m MountConfig) (string, func(), error) {
	payload := cid.Undef
	if m.CID != "" {
		c, err := cid.Decode(m.CID)
		if err != nil {
			return "", nil, fmt.Errorf("%w: mount %s: %v", ErrInvalidConfig, m.CID, err)
		}
		payload = c
	}
	if m.PieceCID == "" && deals.IsPieceCID(payload) {
		// A lease names deal data by one CID; a v2 PieceCID there is a piece (its size is in
		// it), and the node advertises its pieces as datasets under that CID too.
		m.PieceCID, payload = m.CID, cid.Undef
	}
	if m.PieceCID == "" {
		d.emit(task, fmt.Sprintf("Resolving deal data %s for %s", payload, m.Path), map[string]string{"cid": payload.String()})
		path, release, err := store.Resolve(ctx, payload, d.progressEvents(task, payload.String()))
		if err != nil {
			return "", nil, fmt.Errorf("deal data for %s: %w", m.Path, err)
		}
		return path, release, nil
	}
	p, err := mountPiece(m)
	if err != nil {
		return "", nil, fmt.Errorf("%w: mount %s: %w", ErrInvalidConfig, m.Path, err)
	}
	d.emit(task, fmt.Sprintf("Resolving piece %s for %s", p, m.Path), map[string]string{"piece_cid": p.V1().String()})
	path, release, err := store.ResolvePiece(ctx, p, payload, d.progressEvents(task, "piece "+p.String()))
	if err != nil {
		return "", nil, fmt.Errorf("deal data for %s: %w", m.Path, err)
	}
	return path, release, nil
}

// progressEvents posts a task event at most every 5 s and at completion, so large datasets
// show progress without flooding Nomad.
func (d *Driver) progressEvents(task *drivers.TaskConfig, c string) func(done, total int64) {
	var mu sync.Mutex
	var last time.Time
	return func(done, total int64) {
		mu.Lock()
		defer mu.Unlock()
		finished := total > 0 && done >= total
		if !finished && time.Since(last) < 5*time.Second {
			return
		}
		last = time.Now()
		msg := fmt.Sprintf("Deal data %s: %s verified", c, lease.FormatSize(uint64(done)))
		if total > 0 {
			msg = fmt.Sprintf("Deal data %s: %s of %s verified (%d%%)", c, lease.FormatSize(uint64(done)), lease.FormatSize(uint64(total)), done*100/total)
		}
		d.emit(task, msg, map[string]string{"cid": c})
	}
}

// datasetAttributes fingerprints one attribute per locally held CID, which lease jobs
// constrain on (leasejob.DatasetAttr) so Nomad places them next to their data.
func (d *Driver) datasetAttributes(ctx context.Context, attrs map[string]*pstructs.Attribute) error {
	d.mu.RLock()
	store := d.deals
	d.mu.RUnlock()
	if store == nil {
		return nil
	}
	cids, err := store.Available(ctx)
	if err != nil {
		return err
	}
	for _, c := range cids {
		attrs[leasejob.DatasetAttr(c.String())] = pstructs.NewBoolAttribute(true)
	}
	pieces, err := store.Pieces(ctx)
	if err != nil {
		return err
	}
	// Both spellings, so a constraint may use either; the v1 one carries the padded size,
	// which a v1 CID does not. The v2 CID is also a dataset: a lease's mount { cid } may name
	// a piece, and placement, the bridge's checks and register key on dataset attributes.
	for _, p := range pieces {
		attrs[leasejob.DatasetAttr(p.V2().String())] = pstructs.NewBoolAttribute(true)
		attrs[leasejob.PieceAttr(p.V2().String())] = pstructs.NewBoolAttribute(true)
		attrs[leasejob.PieceAttr(p.V1().String())] = pstructs.NewIntAttribute(int64(p.PaddedSize), "")
	}
	return nil
}

// dealsChanged signals a fingerprint refresh when the node's set of datasets changes.
func (d *Driver) dealsChanged() <-chan struct{} {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.deals == nil {
		return nil
	}
	return d.deals.Changed()
}
