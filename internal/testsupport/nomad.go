package testsupport

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
	// PluginConfig is the HCL body of `plugin "shale-driver" { config { ... } }`; empty gives a
	// gateway on a free loopback port with its state in the test's temp dir.
	PluginConfig string
	// ExtraPluginConfig is appended to the default plugin config (e.g. a deals {} block).
	ExtraPluginConfig string
	// HostKeyFile, with the default plugin config, is the gateway's host key: nodes of one
	// provider share it, since the registry attests a single fingerprint.
	HostKeyFile string
}

// Nomad is a running Nomad agent with the shale plugin loaded.
type Nomad struct {
	API     *api.Client
	Addr    string
	RPCAddr string
	// GatewayAddr is the shale SSH gateway's address with the default plugin config, and
	// MetricsAddr where it serves Prometheus metrics.
	GatewayAddr string
	MetricsAddr string
	NodeID      string
	DataDir     string
	LogPath     string
	// PluginPath is this agent's copy of the plugin binary (tests kill its process by path).
	PluginPath string

	t     testing.TB
	bin   string
	args  []string
	nodes int // client nodes WaitReady expects; 0 for a server-only agent
	proc  *daemon
}

// NomadBinary is the agent built by scripts/nomad.sh ($SHALE_NOMAD overrides).
func NomadBinary(t testing.TB) string {
	t.Helper()
	return cachedBinary(t, "SHALE_NOMAD", "nomad", "scripts/nomad.sh")
}

// role is how one agent of a test cluster runs.
type role int

const (
	roleDev        role = iota // -dev: server and client, in-memory state
	rolePersistent             // server and client with a data dir
	roleServer                 // server only
	roleClient                 // client only, joined to a server
)

// StartNomad starts an agent loading the freshly built plugin and waits until the node is
// ready with the shale driver healthy. It is stopped, and its containers removed, at cleanup.
func StartNomad(t testing.TB, opts ...NomadOptions) *Nomad {
	t.Helper()
	var o NomadOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	r := roleDev
	if o.Persistent {
		r = rolePersistent
	}
	n := startAgent(t, r, "", o)
	n.WaitReady(t)
	return n
}

// Cluster is one Nomad server with several client nodes on this machine, sharing the
// Docker engine: enough to show placement by node attributes.
type Cluster struct {
	Server  *Nomad
	Clients []*Nomad
}

// StartCluster starts a server and one client per options entry (each with its own data dir,
// ports, plugin config and gateway) and waits until every node is ready.
func StartCluster(t testing.TB, clients ...NomadOptions) *Cluster {
	t.Helper()
	c := &Cluster{Server: startAgent(t, roleServer, "", NomadOptions{})}
	c.Server.nodes = len(clients)
	for _, o := range clients {
		c.Clients = append(c.Clients, startAgent(t, roleClient, c.Server.RPCAddr, o))
	}
	c.Server.WaitReady(t)
	for _, cl := range c.Clients {
		cl.WaitReady(t)
	}
	return c
}

func startAgent(t testing.TB, r role, serverRPC string, o NomadOptions) *Nomad {
	t.Helper()
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
	pluginPath := filepath.Join(pluginDir, "shale-driver")
	if err := copyFile(plugin, pluginPath, 0o755); err != nil {
		t.Fatal(err)
	}
	http, rpc, serf := FreePort(t), FreePort(t), FreePort(t)
	gatewayAddr, metricsAddr := "", ""
	if o.PluginConfig == "" {
		gatewayAddr = fmt.Sprintf("127.0.0.1:%d", FreePort(t))
		metricsAddr = fmt.Sprintf("127.0.0.1:%d", FreePort(t))
		hostKey := ""
		if o.HostKeyFile != "" {
			hostKey = fmt.Sprintf("host_key_file = %q", o.HostKeyFile)
		}
		o.PluginConfig = fmt.Sprintf(`
    state_dir = %q
    gateway {
      listen         = %q
      metrics_listen = %q
      %s
    }`, filepath.Join(dir, "shale-state"), gatewayAddr, metricsAddr, hostKey)
	}
	o.PluginConfig += "\n" + o.ExtraPluginConfig
	hcl := fmt.Sprintf(`
name       = %q
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
plugin "shale-driver" {
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
`, filepath.Base(dir)+"-"+fmt.Sprint(http), pluginDir, http, rpc, serf, o.PluginConfig)
	args := []string{"agent"}
	nodes := 1
	switch r {
	case roleDev:
		args = append(args, "-dev")
	case rolePersistent:
		hcl += fmt.Sprintf(`
data_dir = %q
server {
  enabled          = true
  bootstrap_expect = 1
}
client {
  enabled     = true
  gc_interval = "1h" # keep terminal allocations: tests inspect them
}
`, dataDir)
	case roleServer:
		nodes = 0
		hcl += fmt.Sprintf(`
data_dir = %q
server {
  enabled          = true
  bootstrap_expect = 1
}
`, dataDir)
	case roleClient:
		hcl += fmt.Sprintf(`
data_dir = %q
client {
  enabled     = true
  servers     = [%q]
  gc_interval = "1h"
}
`, dataDir, serverRPC)
	}
	cfgPath := filepath.Join(dir, "agent.hcl")
	if err := os.WriteFile(cfgPath, []byte(hcl), 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, "-config="+cfgPath)

	n := &Nomad{
		Addr: fmt.Sprintf("http://127.0.0.1:%d", http), RPCAddr: fmt.Sprintf("127.0.0.1:%d", rpc),
		DataDir: dataDir, GatewayAddr: gatewayAddr, MetricsAddr: metricsAddr, nodes: nodes, PluginPath: pluginPath,
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
		// A client leaves its allocations' secrets/ tmpfs mounted until it GCs them, and the
		// plugin its deal-data view.
		unmountUnder(dir)
		// The plugin's log copiers live as long as their containers, which a dev agent may
		// leave running when it goes away with its allocations.
		_ = exec.Command("pkill", "-KILL", "-f", "^"+regexp.QuoteMeta(n.PluginPath)+" log-copy ").Run()
		if t.Failed() {
			if b, err := os.ReadFile(n.LogPath); err == nil {
				t.Logf("nomad agent %s log (last 8 KiB):\n%s", n.Addr, tail(b, 8<<10))
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
	return n
}

func (n *Nomad) start() {
	n.t.Helper()
	n.proc = startDaemon(n.t, exec.Command(n.bin, n.args...), n.LogPath)
}

// WaitReady waits until nodes are ready with healthy shale drivers: an agent with a client
// waits for its own node, a server-only agent for all the cluster's clients.
func (n *Nomad) WaitReady(t testing.TB) {
	t.Helper()
	Eventually(t, 90*time.Second, "nomad nodes ready with a healthy shale driver", func() error {
		n.proc.failIfExited(t, "nomad agent")
		self, err := n.API.Agent().Self()
		if err != nil {
			return err
		}
		own := self.Stats["client"]["node_id"] // empty on a server-only agent
		nodes, _, err := n.API.Nodes().List(nil)
		if err != nil {
			return err
		}
		ready := 0
		for _, stub := range nodes {
			if own != "" && stub.ID != own {
				continue
			}
			node, _, err := n.API.Nodes().Info(stub.ID, nil)
			if err != nil {
				return err
			}
			if d := node.Drivers["shale"]; node.Status != "ready" || d == nil || !d.Healthy {
				return fmt.Errorf("node %s: status %q, shale driver %+v", node.Name, node.Status, d)
			}
			ready++
		}
		want := 1
		if own == "" {
			want = n.nodes
		}
		if ready < want {
			return fmt.Errorf("%d of %d nodes ready", ready, want)
		}
		n.NodeID = own
		return nil
	})
}

// Stop interrupts the agent and waits for it to exit (killing it after 30 s).
func (n *Nomad) Stop() { n.proc.stop(30 * time.Second) }

// Kill stops the agent and its plugin processes abruptly, as a crash would.
func (n *Nomad) Kill() { n.proc.kill() }

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
