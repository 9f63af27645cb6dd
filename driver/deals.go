package driver

import (
	"context"
	"errors"
	"fmt"
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
)

// ErrNoDeals is returned when a task mounts deal data on a node without a deals {} block.
var ErrNoDeals = errors.New("deal data not configured")

// DealsConfig is the plugin config's deals {} block: where this node's deal data comes from.
type DealsConfig struct {
	CarDir     string `codec:"car_dir"`
	GatewayURL string `codec:"gateway_url"`
	CacheDir   string `codec:"cache_dir"`
	CacheMax   string `codec:"cache_max"`
}

// openDeals opens the node's deal store and its read-only view (see dealView).
func (d *Driver) openDeals(c *Config) (*deals.Store, *dealView, error) {
	dc := c.Deals
	cfg := deals.Config{CarDir: dc.CarDir, GatewayURL: dc.GatewayURL, CacheDir: dc.CacheDir}
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
		c, err := cid.Decode(m.CID)
		if err != nil {
			releaseAll()
			return nil, nil, fmt.Errorf("%w: mount %s: %v", ErrInvalidConfig, m.CID, err)
		}
		d.emit(task, fmt.Sprintf("Resolving deal data %s for %s", c, m.Path), map[string]string{"cid": c.String()})
		path, release, err := store.Resolve(ctx, c, d.progressEvents(task, c))
		if err != nil {
			releaseAll()
			return nil, nil, fmt.Errorf("deal data for %s: %w", m.Path, err)
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

// progressEvents posts a task event at most every 5 s and at completion, so large datasets
// show progress without flooding Nomad.
func (d *Driver) progressEvents(task *drivers.TaskConfig, c cid.Cid) func(done, total int64) {
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
		d.emit(task, msg, map[string]string{"cid": c.String()})
	}
}

// datasetAttributes fingerprints one attribute per locally held CID, which lease jobs
// constrain on (lease.DatasetAttribute) so Nomad places them next to their data.
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
		attrs["driver.shale.dataset."+c.String()] = pstructs.NewBoolAttribute(true)
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
