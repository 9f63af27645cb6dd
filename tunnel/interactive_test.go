package tunnel_test

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/tunnel"
)

func TestClientInteractive(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.DebianImage, key)
	ctx := gwtest.Context(t)
	c, err := tunnel.Dial(ctx, tunnel.Config{Addr: tg.Addr().String(), Lease: l.ID, Signer: key.Signer,
		HostKeyFingerprint: tg.HostKeyFingerprint()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	// The user's terminal: Interactive gets the tty side; the test types on the master side.
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()
	defer tty.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 31, Cols: 91}); err != nil {
		t.Fatal(err)
	}
	termios := func() unix.Termios {
		t.Helper()
		tio, err := unix.IoctlGetTermios(int(ptmx.Fd()), unix.TCGETS) // the pair shares one termios
		if err != nil {
			t.Fatal(err)
		}
		return *tio
	}
	before := termios()
	if before.Lflag&unix.ECHO == 0 {
		t.Fatal("a fresh pty should echo")
	}
	t.Setenv("TERM", "xterm-256color")

	out := &testsupport.SyncBuffer{}
	type result struct {
		code int
		err  error
	}
	res := make(chan result, 1)
	go func() {
		code, err := c.Interactive(ctx, tty, out)
		res <- result{code, err}
	}()
	typeLine := func(s string) {
		t.Helper()
		if _, err := ptmx.Write([]byte(s + "\r")); err != nil { // raw mode: Enter is a bare CR
			t.Fatal(err)
		}
	}
	// Lines the remote printed, skipping the echo of what was typed (which has a prompt).
	seen := func(want string) error {
		lines := strings.FieldsFunc(out.String(), func(r rune) bool { return r == '\r' || r == '\n' })
		for _, line := range lines {
			if strings.TrimSpace(line) == want {
				return nil
			}
		}
		return fmt.Errorf("no line %q in %q", want, out.String())
	}

	typeLine("echo term=$TERM; stty size")
	testsupport.Eventually(t, time.Minute, "initial size and $TERM", func() error {
		if err := seen("term=xterm-256color"); err != nil {
			return err
		}
		return seen("31 91")
	})
	if during := termios(); during.Lflag&(unix.ECHO|unix.ICANON) != 0 {
		t.Fatalf("local terminal not raw during the session: lflag %#x", during.Lflag)
	}

	// A resize of the local terminal: the kernel signals SIGWINCH to the terminal's foreground
	// process group, which the test process is not (the pty is not its controlling terminal),
	// so the test delivers the signal itself.
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 47, Cols: 133}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGWINCH); err != nil {
		t.Fatal(err)
	}
	testsupport.Eventually(t, time.Minute, "new size in the container", func() error {
		typeLine("stty size")
		return seen("47 133")
	})

	typeLine("exit 4")
	select {
	case r := <-res:
		if r.err != nil || r.code != 4 {
			t.Fatalf("Interactive: code %d err %v, want 4 (out %q)", r.code, r.err, out.String())
		}
	case <-ctx.Done():
		t.Fatalf("Interactive did not return after exit (out %q)", out.String())
	}
	if after := termios(); after != before {
		t.Fatalf("terminal mode not restored:\nbefore %+v\nafter  %+v", before, after)
	}
	// Interactive's reader of the terminal is gone: the next input line reaches the next reader.
	if _, err := ptmx.Write([]byte("next\n")); err != nil {
		t.Fatal(err)
	}
	if err := tty.SetReadDeadline(time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 16)
	if n, err := tty.Read(buf); err != nil || string(buf[:n]) != "next\n" {
		t.Fatalf("read after Interactive: %q %v, want the line typed after it returned", buf[:n], err)
	}
}
