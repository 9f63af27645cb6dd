// Package testsupport starts the real components tests run against — the Docker engine, the
// plugin binary, a Nomad agent — and cleans up after them. Missing components fail, never skip.
package testsupport

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/client"
)

// Root is the repository root (the directory holding go.mod).
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testsupport: go.mod not found above the working directory")
		}
		dir = parent
	}
}

// CacheDir is where scripts/ put binaries and keys ($SHALE_CACHE or <root>/.cache).
func CacheDir(t testing.TB) string {
	if d := os.Getenv("SHALE_CACHE"); d != "" {
		return d
	}
	return filepath.Join(Root(t), ".cache")
}

// cachedBinary is a tool a script builds into the cache's bin dir; $env overrides the path.
// A missing binary fails the test with the script to run.
func cachedBinary(t testing.TB, env, name, script string) string {
	t.Helper()
	bin := os.Getenv(env)
	if bin == "" {
		bin = filepath.Join(CacheDir(t), "bin", name)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s binary missing (run %s): %v", name, script, err)
	}
	return bin
}

// Docker returns a client of the local engine; the test fails if it does not answer.
func Docker(t testing.TB) *client.Client {
	t.Helper()
	dc, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		t.Fatalf("docker client: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := dc.Ping(ctx); err != nil {
		t.Fatalf("Docker engine not answering (run scripts/docker.sh): %v", err)
	}
	t.Cleanup(func() { dc.Close() })
	return dc
}

// Test images built by scripts/images.sh.
const (
	BusyboxImage = "shale/busybox:bookworm"
	DebianImage  = "shale/debian:bookworm"
)

// RequireImage fails the test when a local image is missing.
func RequireImage(t testing.TB, dc *client.Client, ref string) {
	t.Helper()
	if _, _, err := dc.ImageInspectWithRaw(context.Background(), ref); err != nil {
		t.Fatalf("image %s missing (run scripts/images.sh): %v", ref, err)
	}
}

type build struct {
	once sync.Once
	path string
	err  error
}

var builds sync.Map // command name → *build

// PluginBinary builds cmd/shale-driver statically (it doubles as the containers' init) once
// per test process and returns its path.
func PluginBinary(t testing.TB) string { return GoBinary(t, "shale-driver") }

// GoBinary builds ./cmd/<name> (static, CGO off) once per test process into the cache and
// returns its path; e2e tests run the real commands.
func GoBinary(t testing.TB, name string) string {
	t.Helper()
	root := Root(t)
	v, _ := builds.LoadOrStore(name, &build{})
	b := v.(*build)
	b.once.Do(func() {
		dir := filepath.Join(CacheDir(t), "test-bin")
		if b.err = os.MkdirAll(dir, 0o755); b.err != nil {
			return
		}
		// Build beside the target and rename: test processes of other packages may be running
		// the previous binary, which keeps its inode.
		out := filepath.Join(dir, name)
		tmp := fmt.Sprintf("%s.%d", out, os.Getpid())
		cmd := exec.Command("go", "build", "-o", tmp, "./cmd/"+name)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("build %s: %v\n%s", name, err, out)
			return
		}
		if b.err = os.Rename(tmp, out); b.err != nil {
			return
		}
		b.path = out
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

// handedOut holds every port FreePort returned in this process: the kernel may give a port
// that was just closed to the next bind(0), and an agent configured with the same port twice
// (its RPC and its gateway's metrics, say) fails to start.
var handedOut sync.Map

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago and that it has not
// returned before in this process.
func FreePort(t testing.TB) int {
	t.Helper()
	for range 1000 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if _, taken := handedOut.LoadOrStore(port, true); !taken {
			return port
		}
	}
	t.Fatal("no loopback port that was not handed out before")
	return 0
}

// Eventually polls cond until it returns nil or the deadline passes, then fails with its error.
func Eventually(t testing.TB, timeout time.Duration, what string, cond func() error) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	delay := 50 * time.Millisecond
	for {
		err := cond()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s: %v", timeout, what, err)
		}
		time.Sleep(delay)
		delay = min(2*delay, time.Second)
	}
}
