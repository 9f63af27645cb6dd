package gateway

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/internal/dockerexec"
)

// sessionTokenEnv marks each exec so a "signal" request can find its host process: Docker has
// no API to signal an exec, but the gateway runs on the host next to dockerd.
const sessionTokenEnv = "SHALE_SESSION"

// session is one "session" channel: requests configure it until shell, exec or subsystem
// starts the single process it runs.
type session struct {
	g      *Server
	ls     *leaseState
	ch     *meteredChannel
	env    []string
	tty    bool
	term   string
	size   dockerexec.TerminalSize // from pty-req: applied before the process reads stdin
	resize chan dockerexec.TerminalSize
	token  string

	mu      sync.Mutex
	started bool
}

func (g *Server) serveSession(ctx context.Context, ls *leaseState, nch ssh.NewChannel) {
	ch, reqs, err := nch.Accept()
	if err != nil {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { ch.Close() })
	defer stop()
	var tok [16]byte
	_, _ = rand.Read(tok[:])
	s := &session{g: g, ls: ls, ch: ls.meter(ctx, ch), token: hex.EncodeToString(tok[:]),
		resize: make(chan dockerexec.TerminalSize, 1)}
	var wg sync.WaitGroup
	defer wg.Wait()
	for req := range reqs {
		ok := s.handle(ctx, req, &wg, cancel)
		if req.WantReply {
			_ = req.Reply(ok, nil)
		}
	}
	cancel()
}

func (s *session) handle(ctx context.Context, req *ssh.Request, wg *sync.WaitGroup, done context.CancelFunc) bool {
	switch req.Type {
	case "env":
		var m struct{ Name, Value string }
		if ssh.Unmarshal(req.Payload, &m) != nil || !envAllowed(m.Name) {
			return false
		}
		s.env = append(s.env, m.Name+"="+m.Value)
		return true
	case "pty-req":
		var m struct {
			Term                 string
			Cols, Rows, WPx, HPx uint32
			Modes                string
		}
		if ssh.Unmarshal(req.Payload, &m) != nil || s.isStarted() {
			return false
		}
		s.tty, s.term = true, m.Term
		s.size = dockerexec.TerminalSize{Height: int(m.Rows), Width: int(m.Cols)}
		return true
	case "window-change":
		var m struct{ Cols, Rows, WPx, HPx uint32 }
		if ssh.Unmarshal(req.Payload, &m) != nil {
			return false
		}
		s.pushSize(m.Rows, m.Cols)
		return true
	case "signal":
		var m struct{ Name string }
		if ssh.Unmarshal(req.Payload, &m) != nil {
			return false
		}
		return s.signal(ctx, m.Name) == nil
	case "shell", "exec", "subsystem":
		if s.isStarted() {
			return false
		}
		cmd, kind, err := s.command(ctx, req)
		if err != nil {
			s.g.log.Debug("session request refused", "lease", s.ls.id, "type", req.Type, "error", err)
			return false
		}
		s.mu.Lock()
		s.started = true
		s.mu.Unlock()
		s.g.metrics.sessions.WithLabelValues(kind).Inc()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer done()
			s.run(ctx, cmd, kind)
		}()
		return true
	default:
		return false
	}
}

func (s *session) isStarted() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.started
}

// pushSize replaces any size not yet applied: only the latest matters.
func (s *session) pushSize(rows, cols uint32) {
	sz := dockerexec.TerminalSize{Height: int(rows), Width: int(cols)}
	for {
		select {
		case s.resize <- sz:
			return
		default:
			select {
			case <-s.resize:
			default:
			}
		}
	}
}

// command maps the request to the argv run in the container.
func (s *session) command(ctx context.Context, req *ssh.Request) ([]string, string, error) {
	switch req.Type {
	case "shell":
		return []string{s.shell(ctx), "-l"}, "shell", nil
	case "exec":
		var m struct{ Command string }
		if err := ssh.Unmarshal(req.Payload, &m); err != nil {
			return nil, "", fmt.Errorf("exec payload: %w", err)
		}
		return []string{s.shell(ctx), "-c", m.Command}, "exec", nil
	default:
		var m struct{ Name string }
		if err := ssh.Unmarshal(req.Payload, &m); err != nil {
			return nil, "", fmt.Errorf("subsystem payload: %w", err)
		}
		if m.Name != "sftp" {
			return nil, "", fmt.Errorf("unknown subsystem %q", m.Name)
		}
		if p := s.g.sftpServerPath(ctx, s.ls.lease.ContainerID); p != "" {
			return []string{p}, "sftp", nil
		}
		return nil, "sftp-internal", nil
	}
}

// shell is the container's bash when it has one, else the POSIX shell.
func (s *session) shell(ctx context.Context) string {
	if _, err := s.g.cfg.Docker.ContainerStatPath(ctx, s.ls.lease.ContainerID, "/bin/bash"); err == nil {
		return "/bin/bash"
	}
	return "/bin/sh"
}

// run executes the session's process, then reports its exit status: Run returns only after all
// output was written to the channel, so exit-status always follows the last byte.
func (s *session) run(ctx context.Context, cmd []string, kind string) {
	s.ls.addSession(s)
	defer s.ls.removeSession(s)
	if kind == "sftp-internal" {
		code := 0
		if err := s.g.serveInternalSFTP(ctx, s.ls.lease.ContainerID, s.ch); err != nil {
			s.g.log.Debug("internal sftp ended", "lease", s.ls.id, "error", err)
			code = 1
		}
		// scp (SFTP mode) treats a missing exit status as failure, as sshd would report one.
		s.exit(code)
		return
	}
	env := append([]string{sessionTokenEnv + "=" + s.token}, s.env...)
	if s.tty && s.term != "" {
		env = append(env, "TERM="+s.term)
	}
	req := dockerexec.Request{Cmd: cmd, Tty: s.tty, Env: env, Stdin: s.ch, Stdout: s.ch, Stderr: s.ch.Stderr()}
	if s.tty {
		if len(s.g.cfg.TTYWrapper) > 0 && s.size != (dockerexec.TerminalSize{}) {
			req.Cmd = append(append([]string{}, s.g.cfg.TTYWrapper...), cmd...)
		}
		req.Size, req.Resize = s.size, s.resize
		// Docker closes a TTY exec's output when its stdin closes, losing whatever the process
		// still prints (`echo cmd | ssh -tt`). sshd keeps a terminal open after the client's
		// EOF, so the gateway does too: EOF is held until the session ends.
		req.Stdin = holdEOF{ctx: ctx, r: s.ch}
	}
	code, err := dockerexec.Run(ctx, s.g.cfg.Docker, s.ls.lease.ContainerID, req)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		s.g.log.Warn("session exec failed", "lease", s.ls.id, "kind", kind, "error", err)
		fmt.Fprintf(s.ch.Stderr(), "shale: %s failed in the container\r\n", kind)
		code = 255
	}
	s.exit(code)
}

func (s *session) exit(code int) {
	_ = s.ch.CloseWrite()
	_, _ = s.ch.SendRequest("exit-status", false, ssh.Marshal(struct{ Status uint32 }{uint32(code)}))
}

// signal delivers a signal to the session's process via its host pid (found by the token the
// exec carries in its environment).
func (s *session) signal(ctx context.Context, name string) error {
	sig, ok := signals[name]
	if !ok {
		return fmt.Errorf("unknown signal %q", name)
	}
	info, err := s.g.cfg.Docker.ContainerInspect(ctx, s.ls.lease.ContainerID)
	if err != nil {
		return fmt.Errorf("inspect container: %w", err)
	}
	want := []byte(sessionTokenEnv + "=" + s.token)
	for _, id := range info.ExecIDs {
		ex, err := s.g.cfg.Docker.ContainerExecInspect(ctx, id)
		if err != nil || !ex.Running || ex.Pid <= 0 {
			continue
		}
		env, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", ex.Pid))
		if err != nil {
			continue
		}
		for _, kv := range bytes.Split(env, []byte{0}) {
			if bytes.Equal(kv, want) {
				return syscall.Kill(ex.Pid, sig)
			}
		}
	}
	return fmt.Errorf("session process not found")
}

var signals = map[string]syscall.Signal{
	"ABRT": syscall.SIGABRT, "ALRM": syscall.SIGALRM, "FPE": syscall.SIGFPE, "HUP": syscall.SIGHUP,
	"ILL": syscall.SIGILL, "INT": syscall.SIGINT, "KILL": syscall.SIGKILL, "PIPE": syscall.SIGPIPE,
	"QUIT": syscall.SIGQUIT, "SEGV": syscall.SIGSEGV, "TERM": syscall.SIGTERM, "USR1": syscall.SIGUSR1,
	"USR2": syscall.SIGUSR2,
}

// envAllowed is the env allow-list: locale and terminal only; anything else (LD_PRELOAD, PATH
// …) could change what runs.
func envAllowed(name string) bool {
	return name == "LANG" || name == "TERM" || strings.HasPrefix(name, "LC_")
}

// holdEOF passes reads through but blocks at EOF until ctx ends.
type holdEOF struct {
	ctx context.Context
	r   io.Reader
}

func (h holdEOF) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if errors.Is(err, io.EOF) {
		if n > 0 {
			return n, nil
		}
		<-h.ctx.Done()
	}
	return n, err
}
