package driver

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/docker/docker/client"
	"golang.org/x/sys/unix"
)

// logLockFile is held (flock) by a task's log copier for as long as it runs: a second copier
// for the same task sees it taken and leaves, and the plugin sees from it when the copy ends.
const logLockFile = ".shale-logs.lock"

// RunLogCopy is `shale-driver log-copy [-from-now] CONTAINER DOCKER_ENDPOINT STATE_DIR
// STDOUT_FIFO STDERR_FIFO`: it copies a container's output into Nomad's log FIFOs until the
// container has stopped and its last output is copied, then exits, which closes the FIFOs and
// so ends the task's logs in Nomad.
//
// It runs in its own session, apart from the plugin, so that a plugin crash or upgrade
// neither stops nor repeats the copy: a restarted plugin starts another copier, which finds
// the lock taken and leaves at once. Its cursor (in STATE_DIR, outside every container mount)
// lets a copier that did die (a node reboot, an OOM kill) resume where it stopped instead of
// copying everything again; without a cursor it copies from the container's start, or from
// now with -from-now.
func RunLogCopy(args []string) int {
	fs := flag.NewFlagSet("log-copy", flag.ContinueOnError)
	fromNow := fs.Bool("from-now", false, "without a cursor, copy output from now on instead of from the container's start")
	if err := fs.Parse(args); err != nil || fs.NArg() != 5 {
		fmt.Fprintln(os.Stderr, "usage: shale-driver log-copy [-from-now] CONTAINER DOCKER_ENDPOINT STATE_DIR STDOUT_FIFO STDERR_FIFO")
		return 2
	}
	containerID, endpoint, dir, stdoutPath, stderrPath := fs.Arg(0), fs.Arg(1), fs.Arg(2), fs.Arg(3), fs.Arg(4)
	lock, err := os.OpenFile(filepath.Join(dir, logLockFile), os.O_RDWR|os.O_CREATE|unix.O_CLOEXEC, 0o600)
	if err != nil {
		fmt.Fprintf(os.Stderr, "shale-driver log-copy: %v\n", err)
		return 1
	}
	defer lock.Close()
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		if errors.Is(err, unix.EWOULDBLOCK) {
			return 0 // another copier has this task's logs
		}
		fmt.Fprintf(os.Stderr, "shale-driver log-copy: lock: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	dc, err := client.NewClientWithOpts(client.WithHost(endpoint), client.WithAPIVersionNegotiation())
	if err != nil {
		fmt.Fprintf(os.Stderr, "shale-driver log-copy: docker client: %v\n", err)
		return 1
	}
	defer dc.Close()
	since := time.Time{}
	if *fromNow {
		since = time.Now()
	}
	if err := copyLogs(ctx, dc, containerID, filepath.Join(dir, logCursorFile), stdoutPath, stderrPath, since); err != nil && ctx.Err() == nil {
		fmt.Fprintf(os.Stderr, "shale-driver log-copy: %v\n", err)
		return 1
	}
	return 0
}

// copyLogs copies until the container is no longer running and its stream has ended.
func copyLogs(ctx context.Context, dc *client.Client, containerID, cursorPath, stdoutPath, stderrPath string, since time.Time) error {
	stdout, err := openFIFO(ctx, stdoutPath)
	if err != nil {
		return fmt.Errorf("open stdout fifo: %w", err)
	}
	defer stdout.Close()
	stderr, err := openFIFO(ctx, stderrPath)
	if err != nil {
		return fmt.Errorf("open stderr fifo: %w", err)
	}
	defer stderr.Close()
	lc := newLogCopy(stdout, stderr, since)
	if err := lc.load(cursorPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(os.Stderr, "shale-driver log-copy: %v; copying from the start\n", err)
	}
	lc.path = cursorPath
	for {
		err := lc.read(ctx, dc, containerID, true)
		if err == nil {
			err = lc.read(ctx, dc, containerID, false) // what the follow stream missed
		}
		if err != nil {
			if notFound(err) {
				return nil // removed: there is nothing more to copy
			}
			return err
		}
		// The stream also ends when dockerd restarts under a running container: follow on.
		info, err := dc.ContainerInspect(ctx, containerID)
		if notFound(err) || (err == nil && (info.State == nil || !info.State.Running)) {
			return lc.saveErr
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// startLogCopier starts a task's copier (see RunLogCopy) and returns the lock it holds.
func startLogCopier(bin, containerID, endpoint, dir, stdoutPath, stderrPath string, fromNow bool) (string, error) {
	args := []string{"log-copy"}
	if fromNow {
		args = append(args, "-from-now")
	}
	cmd := exec.Command(bin, append(args, containerID, endpoint, dir, stdoutPath, stderrPath)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	// Its own file, not the plugin's stderr: a copier that outlives the plugin must not die
	// of SIGPIPE when it reports an error.
	errLog, err := os.OpenFile(filepath.Join(dir, logCopierErrFile), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return "", err
	}
	defer errLog.Close()
	cmd.Stdout, cmd.Stderr = io.Discard, errLog
	if err := cmd.Start(); err != nil {
		return "", err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }() // reaped while this plugin lives; init adopts it after
	// Return once the copy is under way (this copier or one already running holds the lock),
	// so that an exit reported right after the start still waits for the output.
	lock := filepath.Join(dir, logLockFile)
	deadline := time.Now().Add(copierStartTimeout)
	for !copierRunning(lock) {
		select {
		case <-exited:
			if cmd.ProcessState.ExitCode() != 0 {
				return "", fmt.Errorf("log copier exited with %s (see %s)", cmd.ProcessState, errLog.Name())
			}
			return lock, nil
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return lock, fmt.Errorf("log copier not running after %s", copierStartTimeout)
		}
	}
	return lock, nil
}

// copierStartTimeout bounds the wait for a copier to take its lock.
const copierStartTimeout = 10 * time.Second

// logCopierErrFile collects a copier's error messages, beside its cursor.
const logCopierErrFile = ".shale-logs.err"

// copierRunning reports whether a copier holds the lock at path.
func copierRunning(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_SH|unix.LOCK_NB); err != nil {
		return errors.Is(err, unix.EWOULDBLOCK)
	}
	_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return false
}

// notFound is client.IsErrNotFound through any wrapping.
func notFound(err error) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		if client.IsErrNotFound(err) {
			return true
		}
	}
	return false
}
