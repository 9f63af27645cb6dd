package driver

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/shaleprotocol/shale/internal/fsutil"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/client"
	"github.com/hashicorp/nomad/client/lib/fifo"
)

// logCursorFile holds a task's log cursor in its task directory's root (outside every
// container mount), so that a restarted plugin resumes the copy where it stopped.
const logCursorFile = ".shale-logs.cursor"

// cursorSaveInterval bounds how often the cursor is written while output flows: after a
// plugin crash, at most this much output is copied twice; none is lost.
const cursorSaveInterval = time.Second

// startLogs has the container's stdout and stderr copied into Nomad's log FIFOs, so that
// `nomad alloc logs` works, by a copier process of its own (RunLogCopy). A recovered task's
// copier normally outlived the plugin, and the one started here then leaves at once; if it
// died, this one resumes from its cursor, or copies from now when there is none.
func (d *Driver) startLogs(h *taskHandle, recovered bool) {
	cfg := h.taskConfig
	if cfg.StdoutPath == "" || cfg.StderrPath == "" {
		return
	}
	dir := filepath.Dir(cfg.StdoutPath)
	if cfg.AllocDir != "" {
		dir = cfg.TaskDir().Dir
	}
	pc, _, bin, _ := d.state()
	lock, err := startLogCopier(bin, h.containerID, pc.DockerEndpoint, dir, cfg.StdoutPath, cfg.StderrPath, recovered)
	if err != nil {
		d.logger.Warn("start the log copier; the task's logs in Nomad may be incomplete", "task", cfg.ID, "error", err)
	}
	h.mu.Lock()
	h.logLock = lock
	h.mu.Unlock()
}

// logCopy demultiplexes a container's log streams (read with timestamps) into two writers and
// remembers, per stream, the timestamp of the last message written and how many messages
// carried exactly that timestamp. A re-read from that point (Docker's since is inclusive)
// then writes each message once. Streams are tracked apart because Docker stamps stdout and
// stderr in separate goroutines, so their messages need not be in timestamp order together.
type logCopy struct {
	out    [3]io.Writer // indexed by stdcopy stream: 1 stdout, 2 stderr
	last   [3]time.Time
	atLast [3]int
	buf    []byte

	path    string    // where the cursor is saved; "" keeps none
	saved   time.Time // when it last was
	saveErr error     // the first failure to save it
}

// cursorV1 is the saved form of a logCopy's position.
type cursorV1 struct {
	Version int          `json:"version"`
	Last    [2]time.Time `json:"last"`    // stdout, stderr
	AtLast  [2]int       `json:"at_last"` // messages written carrying exactly Last
}

func newLogCopy(stdout, stderr io.Writer, since time.Time) *logCopy {
	lc := &logCopy{buf: make([]byte, 32<<10)}
	lc.out[1], lc.out[2] = stdout, stderr
	lc.last[1], lc.last[2] = since, since
	return lc
}

// load positions the copy at the cursor saved in path.
func (lc *logCopy) load(path string) error {
	if path == "" {
		return errors.New("no task directory")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var c cursorV1
	if err := json.Unmarshal(b, &c); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if c.Version != 1 {
		return fmt.Errorf("%s: cursor version %d, this build reads version 1", path, c.Version)
	}
	for s := 1; s <= 2; s++ {
		lc.last[s], lc.atLast[s] = c.Last[s-1], c.AtLast[s-1]
	}
	return nil
}

// save writes the cursor, replacing the previous one atomically; best effort, since a lost
// cursor costs only a copy from the start when a copier has to be replaced.
func (lc *logCopy) save() {
	if lc.path == "" {
		return
	}
	lc.saved = time.Now()
	c := cursorV1{Version: 1, Last: [2]time.Time{lc.last[1], lc.last[2]}, AtLast: [2]int{lc.atLast[1], lc.atLast[2]}}
	b, err := json.Marshal(c)
	if err == nil {
		err = fsutil.WriteDurable(lc.path, b, 0o600)
	}
	if err != nil && lc.saveErr == nil {
		lc.saveErr = err
	}
}

// read copies one ContainerLogs stream, following or not, until it ends.
func (lc *logCopy) read(ctx context.Context, dc *client.Client, containerID string, follow bool) error {
	opts := types.ContainerLogsOptions{ShowStdout: true, ShowStderr: true, Follow: follow, Timestamps: true}
	if since := lc.since(); !since.IsZero() {
		opts.Since = since.Format(time.RFC3339Nano)
	}
	rc, err := dc.ContainerLogs(ctx, containerID, opts)
	if err != nil {
		return fmt.Errorf("stream container logs: %w", err)
	}
	defer rc.Close()
	defer lc.save()
	return lc.copy(rc)
}

// since is the earliest point either stream may still need.
func (lc *logCopy) since() time.Time {
	s := lc.last[1]
	if lc.last[2].Before(s) {
		s = lc.last[2]
	}
	return s
}

// copy writes the messages of one multiplexed stream that are past the cursors.
func (lc *logCopy) copy(r io.Reader) error {
	skip := lc.atLast
	var hdr [8]byte
	for {
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			if err == io.EOF {
				return nil
			}
			return fmt.Errorf("read log frame: %w", err)
		}
		n := int(binary.BigEndian.Uint32(hdr[4:]))
		if n > cap(lc.buf) {
			lc.buf = make([]byte, n)
		}
		frame := lc.buf[:n]
		if _, err := io.ReadFull(r, frame); err != nil {
			return fmt.Errorf("read log frame: %w", err)
		}
		s := int(hdr[0])
		if s != 1 && s != 2 {
			return fmt.Errorf("log stream %d: %s", s, bytes.TrimSpace(frame))
		}
		sp := bytes.IndexByte(frame, ' ')
		if sp < 0 {
			return fmt.Errorf("log message without a timestamp: %.40q", frame)
		}
		ts, err := time.Parse(time.RFC3339Nano, string(frame[:sp]))
		if err != nil {
			return fmt.Errorf("log message timestamp: %w", err)
		}
		switch {
		case ts.Before(lc.last[s]):
			continue
		case ts.Equal(lc.last[s]):
			if skip[s] > 0 {
				skip[s]--
				continue
			}
			lc.atLast[s]++
		default:
			lc.last[s], lc.atLast[s], skip[s] = ts, 1, 0
		}
		if _, err := lc.out[s].Write(frame[sp+1:]); err != nil {
			return fmt.Errorf("write log: %w", err)
		}
		if lc.path != "" && time.Since(lc.saved) >= cursorSaveInterval {
			lc.save()
		}
	}
}

// openFIFO opens a FIFO for writing without blocking forever when no reader comes.
func openFIFO(ctx context.Context, path string) (io.WriteCloser, error) {
	type result struct {
		w   io.WriteCloser
		err error
	}
	ch := make(chan result, 1)
	go func() {
		w, err := fifo.OpenWriter(path)
		ch <- result{w, err}
	}()
	select {
	case r := <-ch:
		return r.w, r.err
	case <-ctx.Done():
		go func() {
			if r := <-ch; r.w != nil {
				r.w.Close()
			}
		}()
		return nil, ctx.Err()
	}
}
