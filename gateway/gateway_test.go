package gateway_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/docker/docker/api/types/container"
	"github.com/hashicorp/go-hclog"
	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
)

func TestExecWithOpenSSH(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	tests := []struct {
		name, image, cmd, stdin string
		tty                     bool
		wantOut                 string
		wantCode                int
	}{
		{name: "exit status busybox", image: testsupport.BusyboxImage, cmd: "exit 3", wantCode: 3},
		{name: "exit status debian", image: testsupport.DebianImage, cmd: "exit 3", wantCode: 3},
		{name: "stdin EOF reaches cat", image: testsupport.BusyboxImage, cmd: "cat", stdin: "data\n", wantOut: "data\n"},
		{name: "bash when present", image: testsupport.DebianImage, cmd: `echo $BASH_VERSION | cut -c1`, wantOut: "5\n"},
		{name: "all output before exit status", image: testsupport.BusyboxImage,
			cmd: "seq 1 20000 | tail -n 1; exit 7", wantOut: "20000\n", wantCode: 7},
		{name: "env allow-list", image: testsupport.BusyboxImage, cmd: `echo "$LC_SHALE-$EVIL"`, wantOut: "yes-\n"},
		// With a PTY, the client's EOF must not cut the output still to come.
		{name: "piped stdin with -tt", image: testsupport.DebianImage, tty: true, cmd: "",
			stdin: "echo $((6*7)); exit 4\n", wantOut: "42", wantCode: 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := tg.LeaseFor(tc.image, key)
			ctx := gwtest.Context(t)
			var stdin []byte
			if tc.stdin != "" {
				stdin = []byte(tc.stdin)
			}
			args := []string{"-o", "SetEnv=LC_SHALE=yes EVIL=no"}
			if tc.tty {
				args = append(args, "-tt")
			}
			cmd := tg.SSH(ctx, key, l.ID.String(), append(args, tc.cmd)...)
			out, errOut, code := gwtest.Run(t, cmd, stdin)
			if tc.tty && strings.Contains(out, tc.wantOut) {
				out = tc.wantOut // a terminal echoes input and prompts around the output
			}
			if code != tc.wantCode || out != tc.wantOut {
				t.Fatalf("got code %d out %q (stderr %q), want code %d out %q", code, out, errOut, tc.wantCode, tc.wantOut)
			}
		})
	}
}

func TestLargeOutputOrdering(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.BusyboxImage, key)
	// 8 MiB through a pipe: exit-status must not overtake the data still in flight.
	out, errOut, code := gwtest.Run(t, tg.SSH(gwtest.Context(t), key, l.ID.String(), "head -c 8388608 /dev/zero; exit 5"), nil)
	if code != 5 || len(out) != 8<<20 {
		t.Fatalf("code %d, %d bytes (stderr %q); want 5 and %d bytes", code, len(out), errOut, 8<<20)
	}
	u, ok := tg.Usage(l.ID)
	if !ok || u.BytesOut < 8<<20 {
		t.Fatalf("usage %+v: want at least %d bytes out", u, 8<<20)
	}
}

func TestAuthRefusalsAreIdentical(t *testing.T) {
	tg := gwtest.Start(t)
	key, other := gwtest.NewClientKey(t), gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.BusyboxImage, key)
	unknown := gwtest.RandomLeaseID(t)
	ctx := gwtest.Context(t)

	_, wrongKey, c1 := gwtest.Run(t, tg.SSH(ctx, other, l.ID.String(), "true"), nil)
	_, noLease, c2 := gwtest.Run(t, tg.SSH(ctx, key, unknown.String(), "true"), nil)
	if c1 != 255 || c2 != 255 {
		t.Fatalf("exit codes %d, %d; want 255 (refused)", c1, c2)
	}
	// OpenSSH names the user in its message; everything else must be the same.
	a := strings.ReplaceAll(wrongKey, l.ID.String(), "USER")
	b := strings.ReplaceAll(noLease, unknown.String(), "USER")
	if a != b || !strings.Contains(a, "Permission denied (publickey)") {
		t.Fatalf("refusals differ or are unexpected:\nwrong key:     %q\nunknown lease: %q", a, b)
	}
	// The right key still works afterwards.
	if out, errOut, code := gwtest.Run(t, tg.SSH(ctx, key, l.ID.String(), "echo ok"), nil); code != 0 || out != "ok\n" {
		t.Fatalf("code %d out %q err %q", code, out, errOut)
	}
}

func TestUnregisterClosesSessions(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.BusyboxImage, key)
	c := tg.GoClient(key, l.ID.String())
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, _ := sess.StdoutPipe()
	if err := sess.Start("echo started; sleep 600"); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "started\n" {
		t.Fatalf("read %q: %v", line, err)
	}
	tg.Unregister(l.ID)
	waitErr := make(chan error, 1)
	go func() { waitErr <- c.Wait() }()
	select {
	case <-waitErr:
	case <-time.After(time.Minute):
		t.Fatal("connection still open a minute after Unregister")
	}
	_, errOut, code := gwtest.Run(t, tg.SSH(gwtest.Context(t), key, l.ID.String(), "true"), nil)
	if code != 255 || !strings.Contains(errOut, "Permission denied") {
		t.Fatalf("after Unregister: code %d stderr %q", code, errOut)
	}
}

func TestPTYAndResize(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.DebianImage, key)
	// Docker 20.10 applies the first size only after the exec started; this container has no
	// wait-tty wrapper (TestTTYSizeFromTheStart covers it), so the script waits for a size.
	script := `until [ "$(stty size)" != "0 0" ]; do sleep 0.05; done; echo "A $(stty size)"; read x; echo "B $(stty size)"`
	cmd := tg.SSH(gwtest.Context(t), key, l.ID.String(), "-tt", script)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(ptmx)
		for sc.Scan() {
			lines <- strings.TrimSpace(sc.Text())
		}
		close(lines)
	}()
	expect := func(want string) {
		t.Helper()
		deadline := time.After(time.Minute)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("ssh ended before %q", want)
				}
				if l == want {
					return
				}
			case <-deadline:
				t.Fatalf("no line %q within a minute", want)
			}
		}
	}
	expect("A 24 80")
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 100}); err != nil {
		t.Fatal(err)
	}
	// The window-change travels asynchronously; poll by pressing enter only once the size
	// has had a chance to land, re-checking until it is seen.
	testsupport.Eventually(t, time.Minute, "resize reached the container", func() error {
		out, _, code := gwtest.Run(t, tg.SSH(gwtest.Context(t), key, l.ID.String(),
			`for p in /proc/[0-9]*; do tr '\0' ' ' <$p/cmdline 2>/dev/null | grep -q '^/bin/bash -c until' && stty size <$p/fd/0; done`), nil)
		if code != 0 || !strings.Contains(out, "40 100") {
			return fmt.Errorf("size now %q", out)
		}
		return nil
	})
	if _, err := ptmx.Write([]byte("\r")); err != nil {
		t.Fatal(err)
	}
	expect("B 40 100")
	_ = cmd.Wait()
}

// A terminal session's command sees the client's size from its first instruction. Docker 20.10
// sizes an exec's terminal only after the process started: without the driver's wait-tty
// wrapper, 4 of 10 runs of `ssh -t lease 'stty size'` printed "0 0". The container gets the
// driver's binary at /.shale/init, as every shale container does.
func TestTTYSizeFromTheStart(t *testing.T) {
	tg := gwtest.Start(t, func(c *gateway.Config) { c.TTYWrapper = []string{"/.shale/init", "wait-tty", "--"} })
	key := gwtest.NewClientKey(t)
	testsupport.RequireImage(t, tg.Docker, testsupport.DebianImage)
	init := testsupport.GoBinary(t, "shale-driver")
	cid := testsupport.StartIdleContainer(t, tg.Docker, testsupport.DebianImage, func(hc *container.HostConfig) {
		hc.Binds = append(hc.Binds, init+":/.shale/init:ro")
	})
	l := tg.LeaseOn(cid, key)
	for i := 0; i < 10; i++ {
		cmd := tg.SSH(gwtest.Context(t), key, l.ID.String(), "-tt", "stty size; exit 3")
		ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(ptmx) // EIO once ssh exits and the pty closes
		err = cmd.Wait()
		ptmx.Close()
		var ee *exec.ExitError
		if got := strings.TrimSpace(string(out)); got != "24 80" || !errors.As(err, &ee) || ee.ExitCode() != 3 {
			t.Fatalf("run %d: output %q, exit %v; want \"24 80\" and exit status 3", i, got, err)
		}
	}
	// Without a terminal the command runs as is (its process is the shell, not the wrapper).
	out, _, code := gwtest.Run(t, tg.SSH(gwtest.Context(t), key, l.ID.String(), "stty size 2>&1; tr '\\0' ' ' </proc/$$/cmdline"), nil)
	if code != 0 || !strings.Contains(out, "Inappropriate ioctl") || !strings.Contains(out, "\n/bin/bash -c stty size") {
		t.Fatalf("no terminal: code %d output %q", code, out)
	}
}

func TestSignalReachesProcess(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.BusyboxImage, key)
	// OpenSSH's client cannot send "signal" requests; x/crypto/ssh's client can.
	c := tg.GoClient(key, l.ID.String())
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, _ := sess.StdoutPipe()
	if err := sess.Start(`trap 'echo got USR1; exit 9' USR1; echo ready; while :; do sleep 0.1; done`); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(out)
	if line, err := r.ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("read %q: %v", line, err)
	}
	if err := sess.Signal(ssh.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	if line, err := r.ReadString('\n'); err != nil || line != "got USR1\n" {
		t.Fatalf("read %q: %v", line, err)
	}
	var ee *ssh.ExitError
	if err := sess.Wait(); !errors.As(err, &ee) || ee.ExitStatus() != 9 {
		t.Fatalf("wait: %v, want exit 9", err)
	}
}

func TestHostKeyCreatedOnce(t *testing.T) {
	dc := testsupport.Docker(t)
	path := filepath.Join(t.TempDir(), "keys", "host")
	var wg sync.WaitGroup
	fps := make([]string, 4)
	errs := make([]error, 4)
	for i := range fps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g, err := gateway.New(gateway.Config{ListenAddr: "127.0.0.1:0", HostKeyPath: path, Docker: dc})
			if err != nil {
				errs[i] = err
				return
			}
			fps[i] = g.HostKeyFingerprint()
			stopServing(t, g)
		}()
	}
	wg.Wait()
	for i := range fps {
		if errs[i] != nil || fps[i] != fps[0] || !strings.HasPrefix(fps[i], "SHA256:") {
			t.Fatalf("gateway %d: fingerprint %q err %v; first %q", i, fps[i], errs[i], fps[0])
		}
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key mode %v err %v, want 0600", fi.Mode(), err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := gateway.New(gateway.Config{ListenAddr: "127.0.0.1:0", HostKeyPath: path, Docker: dc}); !errors.Is(err, gateway.ErrHostKey) {
		t.Fatalf("world-readable host key: err %v, want gateway.ErrHostKey", err)
	}
}

func TestSSHAudit(t *testing.T) {
	tg := gwtest.Start(t)
	cmd := exec.CommandContext(gwtest.Context(t), "ssh-audit", "-n", "-p", tg.Port(), "127.0.0.1")
	out, _ := cmd.CombinedOutput() // ssh-audit exits non-zero on warnings too; the lines decide
	t.Logf("ssh-audit:\n%s", out)
	if !strings.Contains(string(out), "key exchange algorithms") {
		t.Fatalf("ssh-audit did not audit the gateway:\n%s", out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "[fail]") || (strings.Contains(line, "[warn]") && !knownToAuditLater(line)) {
			t.Errorf("ssh-audit: %s", line)
		}
	}
}

// knownToAuditLater tells ssh-audit's "unknown algorithm" warning for algorithms newer than
// Debian bookworm's ssh-audit (ML-KEM hybrid key exchange, OpenSSH's strict-kex marker) from
// a real finding: only those names, and only that warning, pass.
func knownToAuditLater(line string) bool {
	if !strings.Contains(line, "[warn] unknown algorithm") {
		return false
	}
	for _, alg := range []string{"mlkem768x25519-sha256 ", "kex-strict-s-v00@openssh.com "} {
		if strings.Contains(line, "(kex) "+alg) {
			return true
		}
	}
	return false
}

func TestConnectionLimits(t *testing.T) {
	tg := gwtest.Start(t, func(c *gateway.Config) {
		c.MaxConnsPerSource = 2
		c.HandshakeTimeout = time.Second
		c.IdleTimeout = time.Second
		c.KeepAlive = time.Hour // the idle cut below needs a silent server too
		c.Logger = hclog.NewNullLogger()
	})
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.BusyboxImage, key)

	// Two silent TCP connections fill the source's quota; a third client is turned away.
	var silent []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", tg.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		silent = append(silent, c)
	}
	// The gateway counts a connection once it accepted it: the banner proves that.
	for _, c := range silent {
		if line, err := bufio.NewReader(c).ReadString('\n'); err != nil || !strings.HasPrefix(line, "SSH-2.0-") {
			t.Fatalf("banner %q: %v", line, err)
		}
	}
	third, err := net.Dial("tcp", tg.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(third); len(b) != 0 {
		t.Fatalf("over-limit connection got %q, want it closed at once", b)
	}
	third.Close()

	// The handshake timeout closes the silent ones, freeing the quota.
	for _, c := range silent {
		_ = c.SetReadDeadline(time.Now().Add(time.Minute))
		if _, err := io.ReadAll(c); err != nil {
			t.Fatalf("silent connection not closed by the handshake timeout: %v", err)
		}
	}
	testsupport.Eventually(t, time.Minute, "ssh works again", func() error {
		out, errOut, code := gwtest.Run(t, tg.SSH(gwtest.Context(t), key, l.ID.String(), "echo ok"), nil)
		if code != 0 || out != "ok\n" {
			return fmt.Errorf("code %d out %q err %q", code, out, errOut)
		}
		return nil
	})

	// An authenticated client that says nothing is cut by the idle timeout.
	c := tg.GoClient(key, l.ID.String())
	waitErr := make(chan error, 1)
	go func() { waitErr <- c.Wait() }()
	select {
	case <-waitErr:
	case <-time.After(time.Minute):
		t.Fatal("idle connection still open after a minute")
	}
}

func TestSessionWithoutCommandRefusesSecondStart(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.BusyboxImage, key)
	c := tg.GoClient(key, l.ID.String())
	ch, reqs, err := c.OpenChannel("session", nil)
	if err != nil {
		t.Fatal(err)
	}
	go ssh.DiscardRequests(reqs)
	defer ch.Close()
	execReq := func(cmd string) bool {
		ok, err := ch.SendRequest("exec", true, ssh.Marshal(struct{ Command string }{cmd}))
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !execReq("sleep 5") {
		t.Fatal("first exec refused")
	}
	if execReq("true") {
		t.Fatal("second exec on the same session accepted")
	}
	for _, bad := range []string{"nonexistent-subsystem"} {
		ok, _ := ch.SendRequest("subsystem", true, ssh.Marshal(struct{ Name string }{bad}))
		if ok {
			t.Fatalf("subsystem %q accepted", bad)
		}
	}
}
