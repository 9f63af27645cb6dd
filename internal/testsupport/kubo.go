package testsupport

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Kubo is a running Kubo (IPFS) daemon, offline and bound to loopback: a real trustless
// gateway for tests.
type Kubo struct {
	// GatewayURL is the HTTP gateway's base URL (serves /ipfs/<cid>?format=car).
	GatewayURL string
	// Repo is the daemon's IPFS_PATH.
	Repo    string
	LogPath string

	bin  string
	proc *daemon
}

// KuboBinary is the daemon built by scripts/kubo.sh ($SHALE_KUBO overrides).
func KuboBinary(t testing.TB) string {
	t.Helper()
	return cachedBinary(t, "SHALE_KUBO", "ipfs", "scripts/kubo.sh")
}

// StartKubo initialises a fresh repo (test profile), binds the API and gateway to random
// loopback ports, starts `ipfs daemon --offline` and waits for its gateway. It is stopped at
// cleanup.
func StartKubo(t testing.TB) *Kubo {
	t.Helper()
	bin := KuboBinary(t)
	dir := t.TempDir()
	k := &Kubo{Repo: filepath.Join(dir, "repo"), LogPath: filepath.Join(dir, "kubo.log"), bin: bin}
	// Port 0: Kubo picks free ports itself and writes the real addresses to $IPFS_PATH/api
	// and $IPFS_PATH/gateway, so no port can be taken between choosing and binding.
	for _, args := range [][]string{
		{"init", "--profile=test", "--empty-repo"},
		{"config", "Addresses.API", "/ip4/127.0.0.1/tcp/0"},
		{"config", "Addresses.Gateway", "/ip4/127.0.0.1/tcp/0"},
		{"config", "--json", "Addresses.Swarm", "[]"},
	} {
		if out, err := k.run(context.Background(), args...); err != nil {
			t.Fatalf("ipfs %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	cmd := exec.Command(bin, "daemon", "--offline")
	cmd.Env = k.env()
	k.proc = startDaemon(t, cmd, k.LogPath)
	t.Cleanup(k.Stop)
	Eventually(t, 60*time.Second, "kubo gateway", func() error {
		k.proc.failIfExited(t, "kubo daemon")
		b, err := os.ReadFile(filepath.Join(k.Repo, "gateway"))
		if err != nil {
			return err
		}
		if !strings.Contains(string(mustRead(k.LogPath)), "Daemon is ready") {
			return fmt.Errorf("daemon not ready yet")
		}
		k.GatewayURL = strings.TrimSpace(string(b))
		return nil
	})
	return k
}

func mustRead(path string) []byte {
	b, _ := os.ReadFile(path)
	return b
}

func (k *Kubo) env() []string {
	return append(os.Environ(), "IPFS_PATH="+k.Repo)
}

func (k *Kubo) run(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, k.bin, args...)
	cmd.Env = k.env()
	return cmd.CombinedOutput()
}

// Add adds a file or directory like `ipfs add -r --cid-version=1 --raw-leaves` and returns
// the root CID.
func (k *Kubo) Add(t testing.TB, path string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := k.run(ctx, "add", "-r", "-Q", "--cid-version=1", "--raw-leaves", path)
	if err != nil {
		t.Fatalf("ipfs add %s: %v\n%s", path, err, out)
	}
	return strings.TrimSpace(string(out))
}

// Stop interrupts the daemon and waits for it to exit (killing it after 20 s).
func (k *Kubo) Stop() { k.proc.stop(20 * time.Second) }
