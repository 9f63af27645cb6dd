package tunnel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/term"
)

// Interactive runs a login shell in the lease container wired to the user's terminal and
// returns its exit status. When in is a terminal it is put in raw mode for the session and
// restored on return (on errors too), a PTY is requested with the terminal's size and $TERM
// (xterm when unset), and SIGWINCH resizes are forwarded as window-change requests. When in
// is not a terminal the shell runs without a PTY. The gateway's notices (stderr) are merged
// into out, as a terminal has one output stream.
//
// The reader of in is stopped on return when in supports read deadlines (ttys and pipes
// opened by Go do); otherwise it stays blocked until in yields its next read.
func (c *Client) Interactive(ctx context.Context, in *os.File, out io.Writer) (code int, err error) {
	rc, err := in.SyscallConn() // not in.Fd(), which would make in blocking and deadline-less
	if err != nil {
		return -1, fmt.Errorf("tunnel: interactive: %w", err)
	}
	var fd int
	if cerr := rc.Control(func(u uintptr) { fd = int(u) }); cerr != nil {
		return -1, fmt.Errorf("tunnel: interactive: %w", cerr)
	}
	isTerm := term.IsTerminal(fd)
	rows, cols := 24, 80
	if isTerm {
		if w, h, err := term.GetSize(fd); err == nil && w > 0 && h > 0 {
			cols, rows = w, h
		}
	}

	s, err := c.conn.NewSession()
	if err != nil {
		return -1, fmt.Errorf("tunnel: new session: %w", err)
	}
	defer s.Close()
	sw := &syncWriter{w: out}
	s.Stdout, s.Stderr = sw, sw
	stdin, err := s.StdinPipe()
	if err != nil {
		return -1, fmt.Errorf("tunnel: stdin: %w", err)
	}
	if isTerm {
		termName := os.Getenv("TERM")
		if termName == "" {
			termName = "xterm"
		}
		if err := s.RequestPty(termName, rows, cols, ssh.TerminalModes{}); err != nil {
			return -1, fmt.Errorf("tunnel: pty: %w", err)
		}
		old, err := term.MakeRaw(fd)
		if err != nil {
			return -1, fmt.Errorf("tunnel: raw terminal: %w", err)
		}
		defer func() {
			if rerr := term.Restore(fd, old); rerr != nil && err == nil {
				err = fmt.Errorf("tunnel: restore terminal: %w", rerr)
			}
		}()
	}
	if err := s.Shell(); err != nil {
		return -1, fmt.Errorf("tunnel: shell: %w", err)
	}

	var wg sync.WaitGroup
	done := make(chan struct{})
	defer wg.Wait()
	defer close(done)

	if isTerm {
		winch := make(chan os.Signal, 1)
		signal.Notify(winch, syscall.SIGWINCH)
		defer signal.Stop(winch)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				case <-winch:
					if w, h, err := term.GetSize(fd); err == nil && w > 0 && h > 0 && (w != cols || h != rows) {
						cols, rows = w, h
						if err := s.WindowChange(h, w); err != nil {
							c.log.Debug("window-change failed", "error", err)
						}
					}
				}
			}
		}()
	}

	// Copy in to the session ourselves, so the reader can be stopped with a deadline on return.
	stopReader := in.SetReadDeadline(time.Time{}) == nil
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		_, _ = io.Copy(stdin, in)
		_ = stdin.Close()
	}()
	defer func() {
		if stopReader && in.SetReadDeadline(time.Now()) == nil {
			<-readerDone
			_ = in.SetReadDeadline(time.Time{})
		}
	}()

	stop := context.AfterFunc(ctx, func() { s.Close() })
	defer stop()
	werr := s.Wait()
	var ee *ssh.ExitError
	switch {
	case werr == nil:
		return 0, nil
	case errors.As(werr, &ee):
		return ee.ExitStatus(), nil
	case ctx.Err() != nil:
		return -1, ctx.Err()
	default:
		return -1, fmt.Errorf("tunnel: session: %w", werr)
	}
}
