package driver

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"golang.org/x/sys/unix"
)

// frames multiplexes log messages the way the Docker API sends them with timestamps on.
func frames(msgs ...logMsg) *bytes.Reader {
	var b bytes.Buffer
	for _, m := range msgs {
		payload := m.ts.Format("2006-01-02T15:04:05.000000000Z07:00") + " " + m.text
		var hdr [8]byte
		hdr[0] = m.stream
		binary.BigEndian.PutUint32(hdr[4:], uint32(len(payload)))
		b.Write(hdr[:])
		b.WriteString(payload)
	}
	return bytes.NewReader(b.Bytes())
}

type logMsg struct {
	stream byte
	ts     time.Time
	text   string
}

// A re-read from the cursor (Docker's since is inclusive, and several messages can share a
// timestamp) writes every message exactly once, per stream, even when stderr's stamps lag
// stdout's.
func TestLogCopyResumesWithoutDuplicates(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	at := func(ns int) time.Time { return t0.Add(time.Duration(ns)) }
	all := []logMsg{
		{1, at(1), "o1\n"}, {1, at(2), "o2\n"}, {2, at(1), "e1\n"}, {1, at(2), "o3\n"},
		{2, at(3), "e2\n"}, {1, at(4), "o4\n"}, {2, at(3), "e3\n"}, {1, at(5), "o5\n"},
	}
	for cut := 0; cut <= len(all); cut++ {
		var stdout, stderr bytes.Buffer
		lc := newLogCopy(&stdout, &stderr, time.Time{})
		if err := lc.copy(frames(all[:cut]...)); err != nil { // the follow stream, cut short
			t.Fatal(err)
		}
		// The catch-up read starts at the earlier of the two cursors, as Docker would.
		since := lc.since()
		var rest []logMsg
		for _, m := range all {
			if !m.ts.Before(since) {
				rest = append(rest, m)
			}
		}
		if err := lc.copy(frames(rest...)); err != nil {
			t.Fatal(err)
		}
		if got, want := stdout.String(), "o1\no2\no3\no4\no5\n"; got != want {
			t.Errorf("cut %d: stdout %q, want %q", cut, got, want)
		}
		if got, want := stderr.String(), "e1\ne2\ne3\n"; got != want {
			t.Errorf("cut %d: stderr %q, want %q", cut, got, want)
		}
	}
}

// Messages before the recovery time are not written again; a frame that is not a log
// message is an error naming what arrived.
func TestLogCopySinceAndBadFrames(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	var stdout, stderr bytes.Buffer
	lc := newLogCopy(&stdout, &stderr, t0)
	if err := lc.copy(frames(logMsg{1, t0.Add(-time.Second), "old\n"}, logMsg{1, t0, "new\n"})); err != nil {
		t.Fatal(err)
	}
	if stdout.String() != "new\n" {
		t.Errorf("stdout %q, want only the message at or after since", stdout.String())
	}
	bad := []struct {
		name, want string
		frame      []byte
	}{
		{"no timestamp", "without a timestamp", append([]byte{1, 0, 0, 0, 0, 0, 0, 5}, "hello"...)},
		{"bad timestamp", "timestamp", append([]byte{2, 0, 0, 0, 0, 0, 0, 7}, "nope hi"...)},
		{"daemon error", "log stream 3: boom", append([]byte{3, 0, 0, 0, 0, 0, 0, 4}, "boom"...)},
		{"truncated", "read log frame", []byte{1, 0, 0, 0, 0, 0, 0, 9, 'x'}},
	}
	for _, c := range bad {
		err := newLogCopy(&stdout, &stderr, time.Time{}).copy(bytes.NewReader(c.frame))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to mention %q", c.name, err, c.want)
		}
	}
}

// A copy stopped mid-stream and a new one loaded from its saved cursor (a plugin restart)
// write every message once between them.
func TestLogCursorResumesAcrossRestart(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	all := []logMsg{{1, t0.Add(1), "a\n"}, {1, t0.Add(2), "b\n"}, {2, t0.Add(2), "x\n"}, {1, t0.Add(2), "c\n"}, {1, t0.Add(3), "d\n"}}
	path := filepath.Join(t.TempDir(), logCursorFile)
	var out1, out2, errs bytes.Buffer
	first := newLogCopy(&out1, &errs, time.Time{})
	first.path, first.holder = path, 4242
	if err := first.copy(frames(all[:4]...)); err != nil {
		t.Fatal(err)
	}
	first.save()
	if first.saveErr != nil {
		t.Fatal(first.saveErr)
	}
	second := newLogCopy(&out2, &errs, time.Time{})
	if err := second.load(path); err != nil {
		t.Fatal(err)
	}
	if second.holder != 4242 {
		t.Errorf("holder pid %d after the restart, want 4242", second.holder)
	}
	if err := second.copy(frames(all...)); err != nil { // Docker resends from the cursor's time
		t.Fatal(err)
	}
	if got := out1.String() + out2.String(); got != "a\nb\nc\nd\n" {
		t.Errorf("stdout across the restart %q", got)
	}
	if errs.String() != "x\n" {
		t.Errorf("stderr across the restart %q", errs.String())
	}
	if err := os.WriteFile(path, []byte(`{"version":2}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := newLogCopy(&out2, &errs, time.Time{}).load(path); err == nil || !strings.Contains(err.Error(), "version 2") {
		t.Errorf("unknown cursor version: %v", err)
	}
}

// The FIFO holder (the real binary, as the plugin starts it) refuses a FIFO nobody reads, and
// lets go once the container stops or the reader closes, whichever comes first.
func TestFIFOHoldLifetime(t *testing.T) {
	dc := testsupport.Docker(t)
	testsupport.RequireImage(t, dc, testsupport.BusyboxImage)
	bin := testsupport.PluginBinary(t)
	endpoint := dc.DaemonHost()
	newFIFO := func() (string, *os.File) {
		fifo := filepath.Join(t.TempDir(), "task.stdout.fifo")
		if err := unix.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := os.OpenFile(fifo, os.O_RDONLY|unix.O_NONBLOCK, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return fifo, r
	}
	// hold starts a holder and returns its pid and a channel with its exit code.
	hold := func(containerID, fifo string) (int, <-chan int) {
		cmd := exec.Command(bin, "fifo-hold", containerID, endpoint, fifo)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill() })
		done := make(chan int, 1)
		go func() { _ = cmd.Wait(); done <- cmd.ProcessState.ExitCode() }()
		return cmd.Process.Pid, done
	}
	exits := func(what string, done <-chan int, want int) {
		t.Helper()
		select {
		case code := <-done:
			if code != want {
				t.Fatalf("%s: exit %d, want %d", what, code, want)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: still holding after 30 s", what)
		}
	}
	// holding waits until the holder has the FIFO open (its command line shows before that).
	holding := func(what, fifo string, pid int, done <-chan int) {
		t.Helper()
		testsupport.Eventually(t, 30*time.Second, what+": holder has the fifo open", func() error {
			select {
			case code := <-done:
				t.Fatalf("%s: exited (%d) while it should hold", what, code)
			default:
			}
			fds, _ := filepath.Glob(fmt.Sprintf("/proc/%d/fd/*", pid))
			for _, fd := range fds {
				if target, _ := os.Readlink(fd); target == fifo {
					return nil
				}
			}
			return errors.New("fifo not open yet")
		})
		if !holdingFIFOs(pid, fifo) {
			t.Fatalf("%s: holdingFIFOs does not see holder %d", what, pid)
		}
	}

	unread := filepath.Join(t.TempDir(), "unread.fifo")
	if err := unix.Mkfifo(unread, 0o600); err != nil {
		t.Fatal(err)
	}
	_, done := hold("none", unread)
	exits("no reader", done, 1)

	fifo, _ := newFIFO()
	_, done = hold("no-such-container", fifo)
	exits("container gone", done, 0)

	cid := testsupport.StartIdleContainer(t, dc, testsupport.BusyboxImage)
	fifo, r := newFIFO()
	if holdingFIFOs(os.Getpid(), fifo) || holdingFIFOs(0, fifo) {
		t.Fatal("a process that holds nothing reported as the holder")
	}
	pid, done := hold(cid, fifo)
	holding("reader open, container running", fifo, pid, done)
	r.Close()
	exits("reader closed", done, 0)

	fifo, _ = newFIFO()
	pid, done = hold(cid, fifo)
	holding("container running", fifo, pid, done)
	if err := dc.ContainerKill(context.Background(), cid, "KILL"); err != nil {
		t.Fatal(err)
	}
	exits("container stopped", done, 0)
}
