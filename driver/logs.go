package driver

import (
	"context"
	"io"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/stdcopy"
	"github.com/hashicorp/nomad/client/lib/fifo"
)

// startLogs copies the container's stdout and stderr into Nomad's log FIFOs so that
// `nomad alloc logs` works. since is zero for a new container, and the recovery time for a
// re-adopted one (lines written while the plugin was down stay in `docker logs`).
func (d *Driver) startLogs(h *taskHandle, dc *client.Client, since time.Time) {
	cfg := h.taskConfig
	if cfg.StdoutPath == "" || cfg.StderrPath == "" {
		return
	}
	ctx, cancel := context.WithCancel(d.ctx)
	h.logCancel, h.logDone = cancel, make(chan struct{})
	go func() {
		defer close(h.logDone)
		stdout, err := openFIFO(ctx, cfg.StdoutPath)
		if err != nil {
			d.logger.Warn("open stdout fifo", "task", cfg.ID, "error", err)
			return
		}
		defer stdout.Close()
		stderr, err := openFIFO(ctx, cfg.StderrPath)
		if err != nil {
			d.logger.Warn("open stderr fifo", "task", cfg.ID, "error", err)
			return
		}
		defer stderr.Close()
		opts := types.ContainerLogsOptions{ShowStdout: true, ShowStderr: true, Follow: true}
		if !since.IsZero() {
			opts.Since = since.Format(time.RFC3339Nano)
		}
		rc, err := dc.ContainerLogs(ctx, h.containerID, opts)
		if err != nil {
			d.logger.Warn("stream container logs", "task", cfg.ID, "error", err)
			return
		}
		defer rc.Close()
		if _, err := stdcopy.StdCopy(stdout, stderr, rc); err != nil && ctx.Err() == nil {
			d.logger.Warn("copy container logs", "task", cfg.ID, "error", err)
		}
	}()
}

// openFIFO opens a FIFO for writing without blocking forever when no reader comes.
func openFIFO(ctx context.Context, path string) (io.WriteCloser, error) {
	type result struct {
		w   io.WriteCloser
		err error
	}
	ch := make(chan result, 1)
	go func() {
		w, err := fifo.OpenWriter(path)
		ch <- result{w, err}
	}()
	select {
	case r := <-ch:
		return r.w, r.err
	case <-ctx.Done():
		go func() {
			if r := <-ch; r.w != nil {
				r.w.Close()
			}
		}()
		return nil, ctx.Err()
	}
}
