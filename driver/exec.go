package driver

import (
	"bytes"
	"context"
	"time"

	"github.com/hashicorp/nomad/plugins/drivers"
	"github.com/shaleprotocol/shale/internal/dockerexec"
)

// ExecTask runs a command to completion (health checks, `nomad alloc exec` without streaming).
func (d *Driver) ExecTask(taskID string, cmd []string, timeout time.Duration) (*drivers.ExecTaskResult, error) {
	h, ok := d.tasks.get(taskID)
	if !ok {
		return nil, drivers.ErrTaskNotFound
	}
	_, dc, _, _ := d.state()
	ctx, cancel := context.WithTimeout(d.ctx, timeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code, err := dockerexec.Run(ctx, dc, h.containerID, dockerexec.Request{Cmd: cmd, Stdout: &stdout, Stderr: &stderr})
	if err != nil {
		return nil, err
	}
	return &drivers.ExecTaskResult{Stdout: stdout.Bytes(), Stderr: stderr.Bytes(), ExitResult: &drivers.ExitResult{ExitCode: code}}, nil
}

// ExecTaskStreaming backs `nomad alloc exec`, with or without a TTY.
func (d *Driver) ExecTaskStreaming(ctx context.Context, taskID string, opts *drivers.ExecOptions) (*drivers.ExitResult, error) {
	h, ok := d.tasks.get(taskID)
	if !ok {
		return nil, drivers.ErrTaskNotFound
	}
	_, dc, _, _ := d.state()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends the resize forwarder with the exec
	req := dockerexec.Request{Cmd: opts.Command, Tty: opts.Tty, Stdout: opts.Stdout, Stderr: opts.Stderr}
	if opts.Stdin != nil {
		req.Stdin = opts.Stdin
	}
	if opts.ResizeCh != nil {
		resize := make(chan dockerexec.TerminalSize)
		req.Resize = resize
		go func() {
			for {
				select {
				case sz, ok := <-opts.ResizeCh:
					if !ok {
						return
					}
					select {
					case resize <- dockerexec.TerminalSize{Height: sz.Height, Width: sz.Width}:
					case <-ctx.Done():
						return
					}
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	code, err := dockerexec.Run(ctx, dc, h.containerID, req)
	if err != nil {
		return nil, err
	}
	return &drivers.ExitResult{ExitCode: code}, nil
}

// ContainerID returns the container of a running task, for the gateway in this process.
func (d *Driver) ContainerID(taskID string) (string, bool) {
	h, ok := d.tasks.get(taskID)
	if !ok {
		return "", false
	}
	return h.containerID, true
}
