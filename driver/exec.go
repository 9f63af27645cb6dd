package driver

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/stdcopy"
	"github.com/hashicorp/nomad/plugins/drivers"
)

// ExecRequest is one command run inside a task's container through Docker exec. The SSH
// gateway uses the same path for shells, commands and the SFTP subsystem.
type ExecRequest struct {
	Cmd     []string
	Tty     bool
	Env     []string
	User    string
	WorkDir string
	Stdin   io.Reader // nil: no stdin; EOF on it is delivered to the process (half-close)
	Stdout  io.Writer
	Stderr  io.Writer // ignored with Tty: a terminal has one stream
	Resize  <-chan drivers.TerminalSize
}

// Exec runs req in the container and returns its exit code after all output was copied.
func Exec(ctx context.Context, dc client.APIClient, containerID string, req ExecRequest) (int, error) {
	if len(req.Cmd) == 0 {
		return -1, fmt.Errorf("exec: empty command")
	}
	created, err := dc.ContainerExecCreate(ctx, containerID, types.ExecConfig{
		Cmd: req.Cmd, Tty: req.Tty, Env: req.Env, User: req.User, WorkingDir: req.WorkDir,
		AttachStdin: req.Stdin != nil, AttachStdout: true, AttachStderr: true,
	})
	if err != nil {
		return -1, fmt.Errorf("exec create in %s: %w", short(containerID), err)
	}
	resp, err := dc.ContainerExecAttach(ctx, created.ID, types.ExecStartCheck{Tty: req.Tty})
	if err != nil {
		return -1, fmt.Errorf("exec attach: %w", err)
	}
	defer resp.Close()

	// Cancelling ctx must unblock the copies below, which read from the hijacked conn.
	stop := context.AfterFunc(ctx, func() { resp.Close() })
	defer stop()

	var wg sync.WaitGroup
	if req.Resize != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case sz, ok := <-req.Resize:
					if !ok {
						return
					}
					_ = dc.ContainerExecResize(ctx, created.ID, types.ResizeOptions{Height: uint(sz.Height), Width: uint(sz.Width)})
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	if req.Stdin != nil {
		go func() {
			_, _ = io.Copy(resp.Conn, req.Stdin)
			_ = resp.CloseWrite()
		}()
	}
	stdout, stderr := orDiscard(req.Stdout), orDiscard(req.Stderr)
	if req.Tty {
		_, err = io.Copy(stdout, resp.Reader)
	} else {
		_, err = stdcopy.StdCopy(stdout, stderr, resp.Reader)
	}
	if ctx.Err() != nil {
		return -1, ctx.Err()
	}
	if err != nil {
		return -1, fmt.Errorf("exec output: %w", err)
	}
	code, err := execExitCode(ctx, dc, created.ID)
	// Stop the resize loop before returning: it must not outlive the exec.
	stop()
	resp.Close()
	return code, err
}

// execExitCode waits for Docker to record the exit: the output stream can close first.
func execExitCode(ctx context.Context, dc client.APIClient, execID string) (int, error) {
	delay := 5 * time.Millisecond
	for {
		ins, err := dc.ContainerExecInspect(ctx, execID)
		if err != nil {
			return -1, fmt.Errorf("exec inspect: %w", err)
		}
		if !ins.Running {
			return ins.ExitCode, nil
		}
		select {
		case <-time.After(delay):
			delay = min(2*delay, 200*time.Millisecond)
		case <-ctx.Done():
			return -1, ctx.Err()
		}
	}
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

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
	code, err := Exec(ctx, dc, h.containerID, ExecRequest{Cmd: cmd, Stdout: &stdout, Stderr: &stderr})
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
	req := ExecRequest{Cmd: opts.Command, Tty: opts.Tty, Stdout: opts.Stdout, Stderr: opts.Stderr, Resize: opts.ResizeCh}
	if opts.Stdin != nil {
		req.Stdin = opts.Stdin
	}
	code, err := Exec(ctx, dc, h.containerID, req)
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
