package driver

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
	"time"

	"github.com/docker/docker/client"

	"github.com/shaleprotocol/shale/lease"
)

// overlay2 can only cap a container's writable layer on XFS with project quotas
// (--storage-opt size); local/ and alloc/ are plain host directories. So the driver measures
// what a task has written, everywhere it can write to disk, and stops the task with a reason
// when it passes its limit. Between two checks a task can overshoot by what it writes in one
// interval; operators who need a hard cap put Docker's data root on XFS with pquota.

// diskLimit is the task's disk limit: its config's, else the node's default.
func diskLimit(tc *TaskConfig, pc *Config) uint64 {
	if tc.Disk != "" {
		if n, err := parseDisk(tc.Disk); err == nil {
			return n
		}
	}
	return pc.Hardening.diskLimit
}

// watchDisk checks the task's disk use every interval until the task exits or the plugin
// stops, and stops the task once the use passes limit.
func (d *Driver) watchDisk(h *taskHandle, dc client.APIClient, limit uint64, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-h.done:
			return
		case <-d.ctx.Done():
			return
		case <-t.C:
		}
		used, err := diskUse(d.ctx, dc, h)
		if err != nil {
			d.logger.Debug("measure disk use", "task", h.taskConfig.ID, "error", err)
			continue
		}
		if used <= limit {
			continue
		}
		reason := fmt.Sprintf("disk use %s is over the task's limit of %s (writable layer, local/ and alloc/)", lease.FormatSize(used), lease.FormatSize(limit))
		h.setStopReason(reason)
		d.emit(h.taskConfig, "Stopping task: "+reason, map[string]string{"disk_used": fmt.Sprint(used), "disk_limit": fmt.Sprint(limit)})
		d.logger.Warn("disk limit exceeded; stopping task", "task", h.taskConfig.ID, "used", used, "limit", limit)
		if err := d.StopTask(h.taskConfig.ID, leaseStopTimeout, "SIGTERM"); err != nil {
			d.logger.Error("stop task over its disk limit", "task", h.taskConfig.ID, "error", err)
		}
		return
	}
}

// diskUse is the container's writable layer plus the blocks under local/ and alloc/ (Nomad's
// rotated log files in alloc/logs excluded: Nomad bounds those itself).
func diskUse(ctx context.Context, dc client.APIClient, h *taskHandle) (uint64, error) {
	info, _, err := dc.ContainerInspectWithRaw(ctx, h.containerID, true)
	if err != nil {
		return 0, err
	}
	var used uint64
	if info.SizeRw != nil && *info.SizeRw > 0 {
		used = uint64(*info.SizeRw)
	}
	if h.taskConfig.AllocDir == "" {
		return used, nil
	}
	td := h.taskConfig.TaskDir()
	for _, dir := range []string{td.LocalDir, td.SharedAllocDir} {
		logs := filepath.Join(td.SharedAllocDir, "logs")
		_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if e.IsDir() && p == logs {
				return filepath.SkipDir
			}
			fi, err := e.Info()
			if err != nil {
				return nil
			}
			if st, ok := fi.Sys().(*syscall.Stat_t); ok {
				used += uint64(st.Blocks) * 512
			}
			return nil
		})
	}
	return used, nil
}
