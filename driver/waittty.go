package driver

import (
	"fmt"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// ttyWaitDeadline bounds how long a command waits for its terminal's size; past it the
// command starts anyway, on whatever size the terminal has.
const ttyWaitDeadline = 5 * time.Second

// RunWaitTTY is `init wait-tty -- cmd args...`: it waits until the terminal on stdin has a
// size, then replaces itself with the command (same PID, so signals and the exit status are
// the command's own). The SSH gateway starts terminal sessions through it because Docker
// engines before API 1.42 size an exec's terminal only after its process started, and a
// program that reads the size at start (stty, ls, tqdm, curses) would otherwise see 0x0 —
// measured on Docker 20.10: 4 of 10 `ssh -t lease 'stty size'` runs. Without a terminal on
// stdin the command starts at once.
func RunWaitTTY(args []string) int {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "shale-init: wait-tty: no command")
		return 2
	}
	bin, err := lookPath(args[0])
	if err != nil {
		fmt.Fprintf(os.Stderr, "shale-init: %v\n", err)
		return 127
	}
	waitForSize(0, ttyWaitDeadline)
	err = syscall.Exec(bin, args, os.Environ())
	fmt.Fprintf(os.Stderr, "shale-init: exec %s: %v\n", args[0], err)
	return 126
}

// waitForSize polls the terminal on fd until it reports a non-zero size, fd is no terminal,
// or the deadline passes.
func waitForSize(fd int, deadline time.Duration) {
	end := time.Now().Add(deadline)
	delay := time.Millisecond
	for {
		ws, err := unix.IoctlGetWinsize(fd, unix.TIOCGWINSZ)
		if err != nil || (ws.Row > 0 && ws.Col > 0) || time.Now().After(end) {
			return
		}
		// Polled rather than waiting for SIGWINCH: that assumes which process group the
		// engine's resize signals, and the wait is a few milliseconds.
		time.Sleep(delay)
		delay = min(2*delay, 20*time.Millisecond)
	}
}
