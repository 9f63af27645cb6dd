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

// startLogs copies the container's stdout and stderr into Nomad's log FIFOs so that
// `nomad alloc logs` works. A recovered task resumes from the cursor its previous plugin
// saved; without one (state from an older build) it starts at the recovery time.
//
// Docker 20.10's follow stream can end before the last messages of a container that exits
// while writing fast (in a test, at about 650 KiB of a 1.3 MB burst), so when it ends the rest
// is read again without following, from where the copy got to.
func (d *Driver) startLogs(h *taskHandle, dc *client.Client, recovered bool) {
	cfg := h.taskConfig
	if cfg.StdoutPath == "" || cfg.StderrPath == "" {
		return
	}
	cursorPath := ""
	if cfg.AllocDir != "" {
		cursorPath = filepath.Join(cfg.TaskDir().Dir, logCursorFile)
	}
	ctx, cancel := context.WithCancel(d.ctx)
	h.logCancel, h.logDone = cancel, make(chan struct{})
	go func() {
		defer close(h.logDone)
		stdout, err := openFIFO(ctx, cfg.StdoutPath)
		if err != nil {
			d.logger.Warn("open stdout fifo", "task", cfg.ID, "error", err)
			return
		}
		defer stdout.Close()
		stderr, err := openFIFO(ctx, cfg.StderrPath)
		if err != nil {
			d.logger.Warn("open stderr fifo", "task", cfg.ID, "error", err)
			return
		}
		defer stderr.Close()
		lc := newLogCopy(stdout, stderr, time.Time{})
		if recovered {
			if err := lc.load(cursorPath); err != nil {
				d.logger.Warn("no log cursor to resume from; copying logs from now on", "task", cfg.ID, "error", err)
				lc = newLogCopy(stdout, stderr, time.Now())
			}
		}
		// A recovered task's holder normally outlived the plugin that started it.
		if !holdingFIFOs(lc.holder, cfg.StdoutPath, cfg.StderrPath) {
			pc, _, bin, _ := d.state()
			pid, err := holdFIFOs(bin, h.containerID, pc.DockerEndpoint, cfg.StdoutPath, cfg.StderrPath)
			if err != nil {
				d.logger.Warn("hold log fifos; the task's logs in Nomad end if the plugin restarts", "task", cfg.ID, "error", err)
			}
			lc.holder = pid
		}
		lc.path = cursorPath
		lc.save() // records the holder before any output
		defer func() {
			if lc.saveErr != nil {
				d.logger.Warn("save log cursor", "task", cfg.ID, "error", lc.saveErr)
			}
		}()
		for {
			err := lc.read(ctx, dc, h.containerID, true)
			if err == nil {
				err = lc.read(ctx, dc, h.containerID, false) // what the follow stream missed
			}
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				d.logger.Warn("copy container logs", "task", cfg.ID, "error", err)
				return
			}
			// The stream also ends when dockerd restarts under a running container: follow on.
			info, err := dc.ContainerInspect(ctx, h.containerID)
			if err != nil || info.State == nil || !info.State.Running {
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
		}
	}()
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
	holder  int       // pid of the task's fifo-hold process, saved with the cursor
}

// cursorV1 is the saved form of a logCopy's position.
type cursorV1 struct {
	Version int          `json:"version"`
	Last    [2]time.Time `json:"last"`    // stdout, stderr
	AtLast  [2]int       `json:"at_last"` // messages written carrying exactly Last
	Holder  int          `json:"holder,omitempty"`
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
	lc.holder = c.Holder
	return nil
}

// save writes the cursor, replacing the previous one atomically; best effort, since a lost
// cursor costs only a resume from the recovery time.
func (lc *logCopy) save() {
	if lc.path == "" {
		return
	}
	lc.saved = time.Now()
	c := cursorV1{Version: 1, Last: [2]time.Time{lc.last[1], lc.last[2]}, AtLast: [2]int{lc.atLast[1], lc.atLast[2]}, Holder: lc.holder}
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
