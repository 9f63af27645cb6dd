package driver

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
)

// RunInit is the container's PID 1: the plugin binary re-executed as `init -- [cmd args...]`.
// It starts the command (if any) as its child, forwards signals to it, reaps every zombie
// and exits with the child's status. Without a command it idles until SIGTERM or SIGINT,
// which keeps an interactive lease alive on any image.
func RunInit(args []string) int {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	sigs := make(chan os.Signal, 32)
	signal.Notify(sigs)

	child := 0
	if len(args) > 0 {
		bin, err := lookPath(args[0])
		if err != nil {
			fmt.Fprintf(os.Stderr, "shale-init: %v\n", err)
			return 127
		}
		p, err := os.StartProcess(bin, args, &os.ProcAttr{
			Files: []*os.File{os.Stdin, os.Stdout, os.Stderr},
			Env:   os.Environ(),
		})
		if err != nil {
			fmt.Fprintf(os.Stderr, "shale-init: start %s: %v\n", args[0], err)
			return 126
		}
		child = p.Pid
	}

	for sig := range sigs {
		s := sig.(syscall.Signal)
		switch {
		case s == syscall.SIGCHLD:
			if code, done := reap(child); done {
				return code
			}
		case child != 0:
			if s != syscall.SIGURG { // the Go runtime's own preemption signal
				_ = syscall.Kill(child, s)
			}
		case s == syscall.SIGTERM || s == syscall.SIGINT:
			return 0
		}
	}
	return 0
}

// reap collects every exited child; it reports the main child's exit code once it is gone.
func reap(child int) (int, bool) {
	for {
		var ws syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &ws, syscall.WNOHANG, nil)
		if pid <= 0 || err != nil {
			return 0, false
		}
		if pid != child || child == 0 {
			continue
		}
		if ws.Signaled() {
			return 128 + int(ws.Signal()), true
		}
		return ws.ExitStatus(), true
	}
}

// lookPath resolves a command against PATH without os/exec's relative-path checks, which
// would refuse commands like "./run.sh" resolved from the working directory.
func lookPath(name string) (string, error) {
	if name == "" {
		return "", errors.New("empty command")
	}
	if strings.ContainsRune(name, '/') {
		return name, nil
	}
	path := os.Getenv("PATH")
	if path == "" {
		path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	}
	for _, dir := range filepath.SplitList(path) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: command not found in PATH", name)
}
