package testsupport

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/filters"
	"github.com/hashicorp/nomad/api"
)

// NomadOptions tunes StartNomad.
type NomadOptions struct {
	// Persistent runs a single-node server+client with an on-disk data dir instead of
	// `-dev` (whose in-memory client state dies with the agent), so Restart can prove recovery.
	Persistent bool
	// PluginConfig is the HCL body of `plugin "shale" { config { ... } }`.
	PluginConfig string
}

// Nomad is a running Nomad agent with the shale plugin loaded.
type Nomad struct {
	API     *api.Client
	Addr    string
	NodeID  string
	DataDir string
	LogPath string

	t      testing.TB
	bin    string
	args   []string
	cmd    *exec.Cmd
	exited chan struct{}
}

// NomadBinary is the agent built by scripts/nomad.sh ($SHALE_NOMAD overrides).
func NomadBinary(t testing.TB) string {
	t.Helper()
	bin := os.Getenv("SHALE_NOMAD")
	if bin == "" {
		bin = filepath.Join(CacheDir(t), "bin", "nomad")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("nomad binary missing (run scripts/nomad.sh): %v", err)
	}
	return bin
}

// StartNomad starts an agent loading the freshly built plugin and waits until the node is
// ready with the shale driver healthy. It is stopped, and its containers removed, at cleanup.
func StartNomad(t testing.TB, opts ...NomadOptions) *Nomad {
	t.Helper()
	var o NomadOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	dc := Docker(t)
	bin := NomadBinary(t)
	plugin := PluginBinary(t)

	dir := t.TempDir()
	pluginDir := filepath.Join(dir, "plugins")
	dataDir := filepath.Join(dir, "data")
	for _, d := range []string{pluginDir, dataDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := copyFile(plugin, filepath.Join(pluginDir, "shale-driver"), 0o755); err != nil {
		t.Fatal(err)
	}
	http, rpc, serf := FreePort(t), FreePort(t), FreePort(t)
	hcl := fmt.Sprintf(`
bind_addr  = "127.0.0.1"
log_level  = "DEBUG"
plugin_dir = %q
ports {
  http = %d
  rpc  = %d
  serf = %d
}
advertise {
  http = "127.0.0.1"
  rpc  = "127.0.0.1"
  serf = "127.0.0.1"
}
plugin "shale" {
  config {
%s
  }
}
# The built-in docker driver shares the engine; its image GC would delete local-only images.
plugin "docker" {
  config {
    gc {
      image = false
    }
  }
}
`, pluginDir, http, rpc, serf, o.PluginConfig)
	args := []string{"agent"}
	if o.Persistent {
		hcl += fmt.Sprintf(`
data_dir = %q
server {
  enabled          = true
  bootstrap_expect = 1
}
client {
  enabled = true
  # dev-like: keep terminal allocations briefly, as tests inspect them
  gc_interval = "1h"
}
`, dataDir)
	} else {
		args = append(args, "-dev")
	}
	cfgPath := filepath.Join(dir, "agent.hcl")
	if err := os.WriteFile(cfgPath, []byte(hcl), 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, "-config="+cfgPath)

	n := &Nomad{
		Addr: fmt.Sprintf("http://127.0.0.1:%d", http), DataDir: dataDir,
		LogPath: filepath.Join(dir, "nomad.log"), t: t, bin: bin, args: args,
	}
	client, err := api.NewClient(&api.Config{Address: n.Addr})
	if err != nil {
		t.Fatal(err)
	}
	n.API = client
	n.start()
	t.Cleanup(func() {
		n.Stop()
		// A client leaves its allocations' secrets/ tmpfs mounted until it GCs them.
		unmountUnder(dir)
		if t.Failed() {
			if b, err := os.ReadFile(n.LogPath); err == nil {
				t.Logf("nomad agent log (last 8 KiB):\n%s", tail(b, 8<<10))
			}
		}
		// Whatever the agent left (a failed test, an agent killed mid-task) goes too.
		if n.NodeID == "" {
			return
		}
		ctx := context.Background()
		list, err := dc.ContainerList(ctx, types.ContainerListOptions{All: true,
			Filters: filters.NewArgs(filters.Arg("label", "com.hashicorp.nomad.node_id="+n.NodeID))})
		if err != nil {
			return
		}
		for _, c := range list {
			_ = dc.ContainerRemove(ctx, c.ID, types.ContainerRemoveOptions{Force: true})
		}
	})
	n.WaitReady(t)
	return n
}

func (n *Nomad) start() {
	n.t.Helper()
	logf, err := os.OpenFile(n.LogPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		n.t.Fatal(err)
	}
	cmd := exec.Command(n.bin, n.args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		n.t.Fatalf("start nomad: %v", err)
	}
	n.cmd, n.exited = cmd, make(chan struct{})
	go func() {
		_ = cmd.Wait()
		logf.Close()
		close(n.exited)
	}()
}

// WaitReady waits for a ready node whose shale driver is healthy.
func (n *Nomad) WaitReady(t testing.TB) {
	t.Helper()
	Eventually(t, 90*time.Second, "nomad node ready with a healthy shale driver", func() error {
		select {
		case <-n.exited:
			b, _ := os.ReadFile(n.LogPath)
			t.Fatalf("nomad agent exited:\n%s", tail(b, 4<<10))
		default:
		}
		nodes, _, err := n.API.Nodes().List(nil)
		if err != nil {
			return err
		}
		if len(nodes) != 1 {
			return fmt.Errorf("%d nodes registered", len(nodes))
		}
		node, _, err := n.API.Nodes().Info(nodes[0].ID, nil)
		if err != nil {
			return err
		}
		if node.Status != "ready" {
			return fmt.Errorf("node status %q", node.Status)
		}
		d := node.Drivers["shale"]
		if d == nil || !d.Healthy {
			return fmt.Errorf("shale driver not healthy: %+v", d)
		}
		n.NodeID = node.ID
		return nil
	})
}

// Stop interrupts the agent and waits for it to exit (killing it after 30 s).
func (n *Nomad) Stop() {
	if n.cmd == nil {
		return
	}
	select {
	case <-n.exited:
		return
	default:
	}
	_ = n.cmd.Process.Signal(os.Interrupt)
	select {
	case <-n.exited:
	case <-time.After(30 * time.Second):
		_ = syscall.Kill(-n.cmd.Process.Pid, syscall.SIGKILL)
		<-n.exited
	}
}

// Kill stops the agent and its plugin processes abruptly, as a crash would.
func (n *Nomad) Kill() {
	_ = syscall.Kill(-n.cmd.Process.Pid, syscall.SIGKILL)
	<-n.exited
}

// Restart starts the agent again with the same config and data dir.
func (n *Nomad) Restart(t testing.TB) {
	t.Helper()
	n.start()
	n.WaitReady(t)
}

// CLI runs the nomad command line against this agent and returns its combined output.
func (n *Nomad) CLI(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, n.bin, args...)
	cmd.Env = append(os.Environ(), "NOMAD_ADDR="+n.Addr)
	b, err := cmd.CombinedOutput()
	return string(b), err
}

func copyFile(src, dst string, mode os.FileMode) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, mode)
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return strings.TrimSpace(string(b))
}

// unmountUnder lazily unmounts every mount point below dir, deepest first.
func unmountUnder(dir string) {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return
	}
	var points []string
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) > 4 && strings.HasPrefix(f[4], dir+"/") {
			points = append(points, f[4])
		}
	}
	for i := len(points) - 1; i >= 0; i-- {
		_ = syscall.Unmount(points[i], syscall.MNT_DETACH)
	}
}
