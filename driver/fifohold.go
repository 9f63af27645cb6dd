package driver

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// RunFIFOHold is `shale-driver fifo-hold FIFO...`: it opens each of a task's log FIFOs for
// writing, never writes, and exits once Nomad's log collector has closed their read end.
//
// The plugin itself copies a container's output into those FIFOs, and Nomad's collector
// stops reading for good at end of file, which a FIFO reports when its last writer closes.
// Without a second writer, a plugin crash would end the task's logs in Nomad for the rest of
// its life; with this process (in its own session, so it outlives the plugin) the restarted
// plugin opens the FIFOs again and the copy resumes from its saved cursor.
func RunFIFOHold(paths []string) int {
	fds := make([]unix.PollFd, 0, len(paths))
	for _, p := range paths {
		// Non-blocking: with no reader the open fails (ENXIO) instead of waiting for one.
		fd, err := unix.Open(p, unix.O_WRONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
		if err != nil {
			fmt.Fprintf(os.Stderr, "shale-driver fifo-hold: open %s: %v\n", p, err)
			return 1
		}
		fds = append(fds, unix.PollFd{Fd: int32(fd)})
	}
	for {
		// A pipe's write end polls POLLERR once no reader is left; no events are requested.
		if _, err := unix.Poll(fds, -1); err != nil && err != unix.EINTR {
			fmt.Fprintf(os.Stderr, "shale-driver fifo-hold: poll: %v\n", err)
			return 1
		}
		for _, f := range fds {
			if f.Revents&(unix.POLLERR|unix.POLLHUP|unix.POLLNVAL) != 0 {
				return 0
			}
		}
	}
}

// holdFIFOs starts bin (the driver's own binary, as the containers' init) as a fifo-hold
// process for paths, in its own session so that it survives the plugin; the plugin reaps it
// while it lives.
func holdFIFOs(bin string, paths ...string) error {
	cmd := exec.Command(bin, append([]string{"fifo-hold"}, paths...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// holdingFIFOs reports whether a fifo-hold process already holds paths (one left by the
// plugin instance that started the task), so a recovering plugin adds no second one.
func holdingFIFOs(paths ...string) bool {
	want := []byte(strings.Join(append([]string{"fifo-hold"}, paths...), "\x00") + "\x00")
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, want) {
			return true
		}
	}
	return false
}
