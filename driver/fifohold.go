package driver

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"
	"golang.org/x/sys/unix"
)

// RunFIFOHold is `shale-driver fifo-hold CONTAINER DOCKER_ENDPOINT FIFO...`: it opens each of
// a task's log FIFOs for writing, never writes, and exits once the container has stopped or
// Nomad's log collector has closed the FIFOs' read end, whichever comes first.
//
// The plugin itself copies a container's output into those FIFOs, and Nomad's collector
// stops reading for good at end of file, which a FIFO reports when its last writer closes.
// Without a second writer, a plugin crash would end the task's logs in Nomad for the rest of
// its life; with this process (in its own session, so it outlives the plugin) the restarted
// plugin opens the FIFOs again and the copy resumes from its saved cursor. It lets go when the
// container stops, so that the end of file comes as soon as the plugin's copy of the last
// output is done: the collector waits up to 2 s for it before closing a FIFO.
func RunFIFOHold(args []string) int {
	if len(args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: shale-driver fifo-hold CONTAINER DOCKER_ENDPOINT FIFO...")
		return 2
	}
	containerID, endpoint, paths := args[0], args[1], args[2:]
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
	stopped := make(chan struct{})
	go func() {
		if waitContainerStopped(containerID, endpoint) {
			close(stopped)
		}
	}()
	unread := make(chan int, 1)
	go func() { unread <- waitNoReader(fds) }()
	select { // returning exits the process, which closes the FIFOs
	case <-stopped:
		return 0
	case code := <-unread:
		return code
	}
}

// waitNoReader returns once a FIFO has no reader left: 0, or 1 when polling fails.
func waitNoReader(fds []unix.PollFd) int {
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

// waitContainerStopped reports true once the container is not running (or gone). While the
// engine is unreachable it keeps trying; without a client it returns false at once, leaving
// the FIFOs' readers to bound the holder's life.
func waitContainerStopped(containerID, endpoint string) bool {
	dc, err := client.NewClientWithOpts(client.WithHost(endpoint), client.WithAPIVersionNegotiation())
	if err != nil {
		fmt.Fprintf(os.Stderr, "shale-driver fifo-hold: docker client: %v\n", err)
		return false
	}
	defer dc.Close()
	for {
		waitCh, errCh := dc.ContainerWait(context.Background(), containerID, container.WaitConditionNotRunning)
		select {
		case <-waitCh:
			return true
		case err := <-errCh:
			if client.IsErrNotFound(err) {
				return true
			}
			time.Sleep(5 * time.Second)
		}
	}
}

// holdFIFOs starts bin (the driver's own binary, as the containers' init) as a fifo-hold
// process for a container's FIFOs, in its own session so that it survives the plugin, and
// returns its pid; the plugin reaps it while it lives.
func holdFIFOs(bin, containerID, endpoint string, paths ...string) (int, error) {
	cmd := exec.Command(bin, append([]string{"fifo-hold", containerID, endpoint}, paths...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	go func() { _ = cmd.Wait() }()
	return cmd.Process.Pid, nil
}

// holdingFIFOs reports whether process pid (a holder recorded in the log cursor by the plugin
// instance that started the task) still holds paths, so a recovering plugin adds no second
// one. The command line is checked, not just the pid, since pids are reused.
func holdingFIFOs(pid int, paths ...string) bool {
	if pid <= 0 {
		return false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return false
	}
	return bytes.Contains(b, []byte("\x00fifo-hold\x00")) && bytes.HasSuffix(b, []byte("\x00"+strings.Join(paths, "\x00")+"\x00"))
}
