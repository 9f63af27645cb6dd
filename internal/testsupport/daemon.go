package testsupport

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// daemon is a test's background process: in its own process group (so a kill takes its
// children too), its output appended to a log file.
type daemon struct {
	cmd     *exec.Cmd
	exited  chan struct{}
	logPath string
}

func startDaemon(t testing.TB, cmd *exec.Cmd, logPath string) *daemon {
	t.Helper()
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logf.Close()
		t.Fatalf("start %s: %v", cmd.Path, err)
	}
	d := &daemon{cmd: cmd, exited: make(chan struct{}), logPath: logPath}
	go func() {
		_ = cmd.Wait()
		logf.Close()
		close(d.exited)
	}()
	return d
}

// failIfExited fails the test, with the end of the log, if the process is gone.
func (d *daemon) failIfExited(t testing.TB, what string) {
	t.Helper()
	select {
	case <-d.exited:
		b, _ := os.ReadFile(d.logPath)
		t.Fatalf("%s exited:\n%s", what, tail(b, 4<<10))
	default:
	}
}

// stop interrupts the process and waits for it, killing its group after grace.
func (d *daemon) stop(grace time.Duration) {
	if d == nil {
		return
	}
	select {
	case <-d.exited:
		return
	default:
	}
	_ = d.cmd.Process.Signal(os.Interrupt)
	select {
	case <-d.exited:
	case <-time.After(grace):
		d.kill()
	}
}

// kill ends the process group abruptly, as a crash would.
func (d *daemon) kill() {
	_ = syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
	<-d.exited
}
