package driver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/stdcopy"
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

// A copy stopped mid-stream and a new one loaded from its saved cursor (a copier that died and
// was replaced) write every message once between them.
func TestLogCursorResumesAcrossRestart(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	all := []logMsg{{1, t0.Add(1), "a\n"}, {1, t0.Add(2), "b\n"}, {2, t0.Add(2), "x\n"}, {1, t0.Add(2), "c\n"}, {1, t0.Add(3), "d\n"}}
	path := filepath.Join(t.TempDir(), logCursorFile)
	var out1, out2, errs bytes.Buffer
	first := newLogCopy(&out1, &errs, time.Time{})
	first.path = path
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

// The log copier (the real binary, as the plugin starts it) copies a container's output into
// the FIFOs exactly once and exits when the container has stopped; a second copier for the same
// task leaves at once; one killed mid-stream is replaced by one that resumes from its cursor,
// repeating at most the cursor interval's lines and losing none.
func TestLogCopier(t *testing.T) {
	dc := testsupport.Docker(t)
	testsupport.RequireImage(t, dc, testsupport.BusyboxImage)
	bin := testsupport.PluginBinary(t)
	endpoint := dc.DaemonHost()
	const lines = 300 // 20 ms apart: 6 s and more
	script := fmt.Sprintf("i=1; while [ $i -le %d ]; do echo $i; echo e$i >&2; i=$((i+1)); sleep 0.02; done", lines)

	type task struct {
		dir, stdout, stderr string
		out, errs           chan []string // what the readers got, at end of file
		got                 func() int    // lines of stdout read so far
	}
	newTask := func(t *testing.T) *task {
		dir := t.TempDir()
		tk := &task{dir: dir, stdout: filepath.Join(dir, "stdout.fifo"), stderr: filepath.Join(dir, "stderr.fifo"),
			out: make(chan []string, 1), errs: make(chan []string, 1)}
		var n atomic.Int64
		tk.got = func() int { return int(n.Load()) }
		read := func(path string, ch chan []string, count *atomic.Int64) {
			if err := unix.Mkfifo(path, 0o600); err != nil {
				t.Fatal(err)
			}
			go func() {
				f, err := os.Open(path) // blocks until a copier opens it
				if err != nil {
					ch <- []string{err.Error()}
					return
				}
				defer f.Close()
				var all []string
				sc := bufio.NewScanner(f)
				for sc.Scan() {
					all = append(all, sc.Text())
					if count != nil {
						count.Add(1)
					}
				}
				ch <- all
			}()
		}
		read(tk.stdout, tk.out, &n)
		read(tk.stderr, tk.errs, nil)
		return tk
	}
	start := func(t *testing.T, tk *task, containerID string) (*exec.Cmd, <-chan int) {
		cmd := exec.Command(bin, "log-copy", containerID, endpoint, tk.dir, tk.stdout, tk.stderr)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill() })
		done := make(chan int, 1)
		go func() { _ = cmd.Wait(); done <- cmd.ProcessState.ExitCode() }()
		return cmd, done
	}
	exits := func(t *testing.T, what string, done <-chan int, want int) {
		t.Helper()
		select {
		case code := <-done:
			if code != want {
				t.Fatalf("%s: exit %d, want %d", what, code, want)
			}
		case <-time.After(time.Minute):
			t.Fatalf("%s: copier still running after a minute", what)
		}
	}
	result := func(t *testing.T, what string, ch chan []string) []string {
		t.Helper()
		select {
		case got := <-ch:
			return got
		case <-time.After(time.Minute):
			t.Fatalf("%s: no end of file after a minute", what)
			return nil
		}
	}
	// every checks that got holds prefix+1 … prefix+lines, each at least once, going back at
	// most maxBack lines once, and returns how many lines were repeated.
	every := func(t *testing.T, what string, got []string, prefix string, maxBack int) int {
		t.Helper()
		seen := map[string]bool{}
		repeated, backs, prev := 0, 0, 0
		for i, l := range got {
			v, err := strconv.Atoi(strings.TrimPrefix(l, prefix))
			if err != nil || !strings.HasPrefix(l, prefix) {
				t.Fatalf("%s: line %d is %q", what, i+1, l)
			}
			if seen[l] {
				repeated++
			}
			seen[l] = true
			if v <= prev {
				backs++
				if prev-v >= maxBack || backs > 1 {
					t.Fatalf("%s: line %d goes back from %d to %d (%d times)", what, i+1, prev, v, backs)
				}
			}
			prev = v
		}
		for v := 1; v <= lines; v++ {
			if !seen[prefix+strconv.Itoa(v)] {
				t.Fatalf("%s: line %s%d lost (%d lines read)", what, prefix, v, len(got))
			}
		}
		return repeated
	}

	t.Run("copies once, a second copier leaves, exits with the container", func(t *testing.T) {
		tk := newTask(t)
		cid := testsupport.StartContainer(t, dc, testsupport.BusyboxImage, []string{"sh", "-c", script})
		_, done := start(t, tk, cid)
		testsupport.Eventually(t, 30*time.Second, "copier holds its lock", func() error {
			if !copierRunning(filepath.Join(tk.dir, logLockFile)) {
				return errors.New("lock free")
			}
			return nil
		})
		_, second := start(t, tk, cid)
		exits(t, "second copier", second, 0)
		exits(t, "copier after the container stopped", done, 0)
		if n := every(t, "stdout", result(t, "stdout", tk.out), "", 1); n != 0 {
			t.Fatalf("stdout: %d lines written twice", n)
		}
		if n := every(t, "stderr", result(t, "stderr", tk.errs), "e", 1); n != 0 {
			t.Fatalf("stderr: %d lines written twice", n)
		}
		if copierRunning(filepath.Join(tk.dir, logLockFile)) {
			t.Fatal("lock still held after the copier exited")
		}
	})

	t.Run("a killed copier is replaced from its cursor", func(t *testing.T) {
		tk := newTask(t)
		cid := testsupport.StartContainer(t, dc, testsupport.BusyboxImage, []string{"sh", "-c", script})
		first, firstDone := start(t, tk, cid)
		testsupport.Eventually(t, 30*time.Second, "output flowing", func() error {
			if n := tk.got(); n < 100 {
				return fmt.Errorf("%d lines", n)
			}
			return nil
		})
		// The FIFOs stay open while the replacement comes: the test's readers must not see
		// end of file between the two copiers, so hold a writer of its own (as Nomad's FIFO
		// ends only when every writer has closed).
		hold := func(path string) *os.File {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		ho, he := hold(tk.stdout), hold(tk.stderr)
		if err := first.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		exits(t, "killed copier", firstDone, -1)
		// Where the dead copier last saved its cursor: the replacement must resume exactly there.
		b, err := os.ReadFile(filepath.Join(tk.dir, logCursorFile))
		if err != nil {
			t.Fatalf("the killed copier saved no cursor: %v", err)
		}
		var cur cursorV1
		if err := json.Unmarshal(b, &cur); err != nil {
			t.Fatal(err)
		}
		second, done := start(t, tk, cid)
		testsupport.Eventually(t, 30*time.Second, "replacement copier has the fifos open", func() error {
			open := map[string]bool{}
			fds, _ := filepath.Glob(fmt.Sprintf("/proc/%d/fd/*", second.Process.Pid))
			for _, fd := range fds {
				target, _ := os.Readlink(fd)
				open[target] = true
			}
			if !open[tk.stdout] || !open[tk.stderr] {
				return errors.New("not yet")
			}
			return nil
		})
		ho.Close()
		he.Close()
		exits(t, "replacement copier", done, 0)
		got := result(t, "stdout", tk.out)
		every(t, "stdout", got, "", lines)
		every(t, "stderr", result(t, "stderr", tk.errs), "e", lines)
		// The repeat is exactly what the killed copier wrote after its last save: the reader saw
		// 1 … L, then resume … lines, where resume is the first line past the saved cursor.
		resume := firstAfterCursor(t, dc, cid, cur)
		tail := lines - resume + 1
		if len(got) < tail {
			t.Fatalf("stdout: %d lines, fewer than the %d from the cursor on", len(got), tail)
		}
		for i, l := range got[len(got)-tail:] {
			if l != strconv.Itoa(resume+i) {
				t.Fatalf("stdout: the replacement wrote %q where the cursor says %d: it did not resume at the cursor", l, resume+i)
			}
		}
		head := got[:len(got)-tail]
		for i, l := range head {
			if l != strconv.Itoa(i+1) {
				t.Fatalf("stdout before the replacement: line %d is %q", i+1, l)
			}
		}
		if len(head) < resume-1 {
			t.Fatalf("lines %d … %d lost: the killed copier wrote up to %d, the cursor was at %d", len(head)+1, resume-1, len(head), resume)
		}
		t.Logf("cursor at line %d, the killed copier had written %d: %d lines repeated", resume-1, len(head), len(head)-resume+1)
	})

	t.Run("container gone", func(t *testing.T) {
		tk := newTask(t)
		_, done := start(t, tk, "no-such-container")
		exits(t, "no such container", done, 0)
	})
}

// firstAfterCursor is the number of the first stdout line (the script prints 1, 2, …) that the
// cursor does not cover, read from Docker's own timestamps of the finished container's output.
func firstAfterCursor(t *testing.T, dc *client.Client, containerID string, cur cursorV1) int {
	t.Helper()
	rc, err := dc.ContainerLogs(context.Background(), containerID, types.ContainerLogsOptions{ShowStdout: true, Timestamps: true})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var out bytes.Buffer
	if _, err := stdcopy.StdCopy(&out, io.Discard, rc); err != nil {
		t.Fatal(err)
	}
	atLast := 0
	for i, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		stamp, _, _ := strings.Cut(l, " ")
		ts, err := time.Parse(time.RFC3339Nano, stamp)
		if err != nil {
			t.Fatalf("docker log line %d: %q: %v", i+1, l, err)
		}
		switch {
		case ts.After(cur.Last[0]):
			return i + 1
		case ts.Equal(cur.Last[0]):
			if atLast++; atLast > cur.AtLast[0] {
				return i + 1
			}
		}
	}
	t.Fatalf("the cursor (%v, %d at it) covers the whole output", cur.Last[0], cur.AtLast[0])
	return 0
}

// The cursor is saved by the first write a full interval or more after the previous save, and
// by no write before: what a killed copier repeats is what it wrote in under one interval of
// its own copying.
func TestLogCursorSavedOncePerInterval(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), logCursorFile)
	var stdout, stderr bytes.Buffer
	lc := newLogCopy(&stdout, &stderr, time.Time{})
	lc.path = path
	saved := func() (time.Time, bool) {
		t.Helper()
		b, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			return time.Time{}, false
		}
		if err != nil {
			t.Fatal(err)
		}
		var c cursorV1
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		return c.Last[0], true
	}
	// Within the interval (the last save is taken to be later than now): no write saves.
	lc.saved = time.Now().Add(time.Hour)
	if err := lc.copy(frames(logMsg{1, t0.Add(1), "a\n"}, logMsg{1, t0.Add(2), "b\n"})); err != nil {
		t.Fatal(err)
	}
	if last, ok := saved(); ok {
		t.Fatalf("cursor saved at %v inside the interval", last)
	}
	// A full interval after the last save: the first write saves, covering itself.
	lc.saved = time.Now().Add(-cursorSaveInterval)
	late := lc.saved
	if err := lc.copy(frames(logMsg{1, t0.Add(3), "c\n"})); err != nil {
		t.Fatal(err)
	}
	if last, ok := saved(); !ok || !last.Equal(t0.Add(3)) {
		t.Fatalf("cursor after a write an interval late: %v (saved %v), want %v", last, ok, t0.Add(3))
	}
	if !lc.saved.After(late) {
		t.Fatalf("the save did not restart the interval (saved at %v)", lc.saved)
	}
	if stdout.String() != "a\nb\nc\n" {
		t.Fatalf("stdout %q", stdout.String())
	}
}
