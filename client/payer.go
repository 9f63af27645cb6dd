package client

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/shaleprotocol/shale/contracts"
)

// ErrPayerRunning means another process already pays for the lease.
var ErrPayerRunning = errors.New("a payer is already running")

// A payer holds an exclusive flock on <state_dir>/pay-<lease>.pid for as long as it runs and
// writes its pid there. The kernel drops the lock when the process ends, so a held lock
// proves a live payer: a stale file or a pid reused by another program reads as not running.

// The values of LeaseRecord.Payer.
const (
	payerRunning    = "running"
	payerNotRunning = "not running"
)

// setPayer fills r's payer fields: whether a payer holds it, or, for a lease that still
// needs one, that none does.
func setPayer(stateDir string, r *LeaseRecord) {
	if pid, ok := payerStatus(stateDir, r.Lease); ok {
		r.Payer, r.PayerPID = payerRunning, pid
		return
	}
	switch r.State {
	case contracts.StateCreated.String(), contracts.StateAccepted.String(), contracts.StateRunning.String():
		r.Payer = payerNotRunning
	}
}

// payerText is the PAYER column of `shale leases`.
func payerText(r *LeaseRecord) string {
	switch r.Payer {
	case payerRunning:
		return fmt.Sprintf("running (pid %d)", r.PayerPID)
	case "":
		return "-"
	}
	return r.Payer
}

func payerFile(stateDir, leaseID string) string {
	return filepath.Join(stateDir, "pay-"+leaseID+".pid")
}

func payerLog(stateDir, leaseID string) string {
	return filepath.Join(stateDir, "pay-"+leaseID+".log")
}

// lockAttempts covers a concurrent payerStatus probe, which holds a shared lock for
// microseconds: only a lock still held after them belongs to another payer.
const lockAttempts = 20

// acquirePayer makes the calling process the lease's payer until release is called (or
// the process ends). It fails with ErrPayerRunning, naming the pid, if another payer holds
// the lease.
func acquirePayer(stateDir, leaseID string) (release func(), err error) {
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return nil, fmt.Errorf("payer state directory: %w; set state_dir in the config file to a writable directory", err)
	}
	path := payerFile(stateDir, leaseID)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("payer pid file: %w", err)
	}
	for i := 0; ; i++ {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil || !errors.Is(err, syscall.EWOULDBLOCK) || i == lockAttempts {
			break
		}
		time.Sleep(10 * time.Millisecond) // a status probe's shared lock ends on its own
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			pid, _ := readPID(path)
			return nil, fmt.Errorf("%w for lease %s (pid %d)", ErrPayerRunning, leaseID, pid)
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	if err = f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return func() {
		_ = f.Truncate(0)
		f.Close()
	}, nil
}

// payerStatus reports whether a payer holds the lease, and its pid.
func payerStatus(stateDir, leaseID string) (pid int, running bool) {
	path := payerFile(stateDir, leaseID)
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err == nil {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return 0, false
	}
	pid, _ = readPID(path)
	return pid, true
}

func readPID(path string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(b)))
}

// payerStart is how long a new background payer may take to reach the chain and hold its
// lease before the start counts as failed.
const payerStart = time.Minute

// startPayer runs `shale pay LEASE` in its own session, so it outlives the terminal, and
// returns once it holds the lease. A payer already running is kept: its pid is returned with
// started false.
func (a *App) startPayer(ctx context.Context, leaseID string) (pid int, started bool, err error) {
	c, err := a.config()
	if err != nil {
		return 0, false, err
	}
	if pid, ok := payerStatus(c.StateDir, leaseID); ok {
		return pid, false, nil
	}
	exe, err := a.executable()
	if err != nil {
		return 0, false, fmt.Errorf("finding the shale binary: %w", err)
	}
	if err := os.MkdirAll(c.StateDir, 0o700); err != nil {
		return 0, false, err
	}
	logPath := payerLog(c.StateDir, leaseID)
	lf, err := os.OpenFile(logPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return 0, false, err
	}
	defer lf.Close()
	// The log gets a meter line a minute, not one a second.
	cmd := exec.Command(exe, append(a.selfArgs(), "pay", "--every", "1m", leaseID)...)
	cmd.Stdout, cmd.Stderr = lf, lf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return 0, false, fmt.Errorf("starting %s: %w", exe, err)
	}
	pid = cmd.Process.Pid
	deadline := time.NewTimer(payerStart)
	defer deadline.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if holder, ok := payerStatus(c.StateDir, leaseID); ok && holder == pid {
			return pid, true, cmd.Process.Release()
		}
		// WNOHANG reaps a payer that gave up without blocking on one that runs.
		var ws syscall.WaitStatus
		if wpid, _ := syscall.Wait4(pid, &ws, syscall.WNOHANG, nil); wpid == pid {
			if holder, ok := payerStatus(c.StateDir, leaseID); ok {
				return holder, false, nil // another payer won the race; it pays
			}
			return 0, false, fmt.Errorf("the background payer exited (%s): %s", exitText(ws), lastLine(logPath))
		}
		select {
		case <-tick.C:
		case <-deadline.C:
			_ = cmd.Process.Kill()
			_, _ = cmd.Process.Wait()
			return 0, false, fmt.Errorf("the background payer did not start paying within %s (log %s)", payerStart, logPath)
		case <-ctx.Done():
			_ = cmd.Process.Kill()
			_, _ = cmd.Process.Wait()
			return 0, false, ctx.Err()
		}
	}
}

func exitText(ws syscall.WaitStatus) string {
	if ws.Signaled() {
		return "killed by " + ws.Signal().String()
	}
	return fmt.Sprintf("exit status %d", ws.ExitStatus())
}

// lastLine is the payer's last log line, its own error, so the caller can show it.
func lastLine(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "its log " + path + " is unreadable"
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if l := strings.TrimSpace(lines[len(lines)-1]); l != "" {
		return l + " (log " + path + ")"
	}
	return "see its log " + path
}
