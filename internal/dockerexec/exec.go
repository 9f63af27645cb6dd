// Package dockerexec runs commands inside containers through Docker exec with streaming
// stdin/stdout/stderr, half-close, TTY resize and exit codes; the driver and the gateway share it.
package dockerexec

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/stdcopy"
)

// TerminalSize is a TTY size in character cells.
type TerminalSize struct {
	Height, Width int
}

// Request is one command run inside a task's container through Docker exec. The SSH
// gateway uses the same path for shells, commands and the SFTP subsystem.
type Request struct {
	Cmd     []string
	Tty     bool
	Env     []string
	User    string
	WorkDir string
	Stdin   io.Reader // nil: no stdin; EOF on it is delivered to the process (half-close)
	Stdout  io.Writer
	Stderr  io.Writer    // ignored with Tty: a terminal has one stream
	Size    TerminalSize // the terminal's size at start (Tty only; zero: unknown)
	Resize  <-chan TerminalSize
}

// sizeDeadline bounds how long stdin is held back while the initial size is applied.
const sizeDeadline = 10 * time.Second

// Run runs req in the container and returns its exit code after all output was copied.
func Run(ctx context.Context, dc client.APIClient, containerID string, req Request) (int, error) {
	if len(req.Cmd) == 0 {
		return -1, fmt.Errorf("exec: empty command")
	}
	created, err := dc.ContainerExecCreate(ctx, containerID, types.ExecConfig{
		Cmd: req.Cmd, Tty: req.Tty, Env: req.Env, User: req.User, WorkingDir: req.WorkDir,
		AttachStdin: req.Stdin != nil, AttachStdout: true, AttachStderr: true,
	})
	if err != nil {
		return -1, fmt.Errorf("exec create in %.12s: %w", containerID, err)
	}
	resp, err := dc.ContainerExecAttach(ctx, created.ID, types.ExecStartCheck{Tty: req.Tty})
	if err != nil {
		return -1, fmt.Errorf("exec attach: %w", err)
	}
	defer resp.Close()

	// Cancelling ctx must unblock the copies below, which read from the hijacked conn.
	stop := context.AfterFunc(ctx, func() { resp.Close() })
	defer stop()

	// A process must never see a 0x0 terminal: stdin (and so anything the user typed) is
	// delivered only after the initial size was applied. Engines before API 1.42 ignore the
	// console size at start, and a resize sent before the exec has started is refused.
	sized := make(chan struct{})
	if req.Tty && req.Size != (TerminalSize{}) {
		go func() {
			defer close(sized)
			applySize(ctx, dc, created.ID, req.Size)
		}()
	} else {
		close(sized)
	}

	var wg sync.WaitGroup
	if req.Resize != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-sized:
				case <-ctx.Done():
					return
				}
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
			select {
			case <-sized:
			case <-ctx.Done():
				return
			}
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

// applySize retries the initial resize until the exec's process exists (Docker refuses a
// resize before then) or sizeDeadline passes; a failure only costs the size, never the session.
func applySize(ctx context.Context, dc client.APIClient, execID string, sz TerminalSize) {
	ctx, cancel := context.WithTimeout(ctx, sizeDeadline)
	defer cancel()
	delay := 2 * time.Millisecond
	for {
		err := dc.ContainerExecResize(ctx, execID, types.ResizeOptions{Height: uint(sz.Height), Width: uint(sz.Width)})
		if err == nil {
			return
		}
		if ins, ierr := dc.ContainerExecInspect(ctx, execID); ierr == nil && !ins.Running && ins.Pid != 0 {
			return // the process already exited
		}
		select {
		case <-time.After(delay):
			delay = min(2*delay, 100*time.Millisecond)
		case <-ctx.Done():
			return
		}
	}
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
