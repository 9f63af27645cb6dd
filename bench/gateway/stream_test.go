//go:build bench

// Package gatewaybench measures streaming throughput out of a container through the Shale SSH
// gateway against OpenSSH's sshd and plain docker exec, in the same run.
package gatewaybench

import (
	"github.com/shaleprotocol/shale/bench"

	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

const (
	streamBytes = 1 << 30
	runs        = 3
)

// TestStream1GiB streams 1 GiB of zeros from `head -c` inside a container to /dev/null on
// the client, three ways, interleaved so load drift hits all alike:
//
//	gateway: OpenSSH ssh → Shale gateway → Docker exec in the container
//	sshd:    OpenSSH ssh → OpenSSH sshd on loopback → `docker exec` CLI in the container
//	docker:  `docker exec` CLI alone (no SSH, no encryption)
func TestStream1GiB(t *testing.T) {
	mach := bench.StartMachine()
	dc := testsupport.Docker(t)
	testsupport.RequireImage(t, dc, testsupport.BusyboxImage)
	cid := testsupport.StartIdleContainer(t, dc, testsupport.BusyboxImage)
	dir := t.TempDir()
	keyPath, pub := writeKey(t, dir, "id_ed25519")
	remote := fmt.Sprintf("head -c %d /dev/zero", streamBytes)

	// Shale gateway.
	g, err := gateway.New(gateway.Config{ListenAddr: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, "gw_host"),
		Docker: dc, VoucherDir: filepath.Join(dir, "vouchers")})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- g.Serve(ctx) }()
	t.Cleanup(func() { cancel(); <-served })
	id := lease.LeaseID{ChainID: 31337, Order: [32]byte{31: 1}}
	if err := g.Register(gateway.Lease{ID: id, ContainerID: cid, Keys: []ssh.PublicKey{pub},
		Price: lease.MustParsePrice("0attofil/1s"), Escrow: big.NewInt(1), StartedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	gwPort := g.Addr().(*net.TCPAddr).Port

	// OpenSSH sshd with its own config and host key.
	sshdPort := startSSHD(t, dir, pub)

	kh := filepath.Join(dir, "known_hosts")
	sshdHost := hostKey(t, filepath.Join(dir, "sshd_host.pub"))
	lines := knownhosts.Line([]string{knownhosts.Normalize(g.Addr().String())}, g.HostKey()) + "\n" +
		knownhosts.Line([]string{knownhosts.Normalize("127.0.0.1:" + strconv.Itoa(sshdPort))}, sshdHost) + "\n"
	if err := os.WriteFile(kh, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	sshArgs := func(port int, user string) []string {
		return []string{"-F", "/dev/null", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + kh,
			"-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-i", keyPath,
			"-c", "chacha20-poly1305@openssh.com", "-p", strconv.Itoa(port), "-l", user, "127.0.0.1"}
	}
	ways := []struct {
		name string
		cmd  []string
	}{
		{"gateway", append(append([]string{"ssh"}, sshArgs(gwPort, id.String())...), remote)},
		{"sshd", append(append([]string{"ssh"}, sshArgs(sshdPort, "root")...), "docker exec "+cid+" "+remote)},
		{"docker", []string{"docker", "exec", cid, "head", "-c", strconv.Itoa(streamBytes), "/dev/zero"}},
	}
	times := map[string][]time.Duration{}
	for i := 0; i < runs; i++ {
		for j := range ways {
			w := ways[(i+j)%len(ways)]
			times[w.name] = append(times[w.name], timeStream(t, w.cmd))
		}
	}
	med := map[string]time.Duration{}
	for name, ts := range times {
		med[name] = median(ts)
	}
	mibs := func(d time.Duration) float64 { return float64(streamBytes) / (1 << 20) / d.Seconds() }
	var b strings.Builder
	fmt.Fprintf(&b, "Command: `go test -tags bench -run TestStream1GiB -count=1 -v ./bench/gateway`\n\n")
	fmt.Fprintf(&b, "%s\n\n", mach)
	fmt.Fprintf(&b, "1 GiB of zeros from `head -c` in a busybox container to /dev/null on the client; median of %d interleaved runs; OpenSSH client %s, cipher chacha20-poly1305@openssh.com for both SSH paths.\n\n", runs, sshVersion())
	fmt.Fprintf(&b, "| path | median | MiB/s | runs |\n| --- | --- | --- | --- |\n")
	for _, w := range ways {
		fmt.Fprintf(&b, "| %s | %s | %.0f | %s |\n", w.name, med[w.name].Round(time.Millisecond), mibs(med[w.name]), fmtRuns(times[w.name]))
	}
	fmt.Fprintf(&b, "\nRatios (time): gateway / sshd = %.2f, gateway / docker exec = %.2f, sshd / docker exec = %.2f\n",
		ratio(med["gateway"], med["sshd"]), ratio(med["gateway"], med["docker"]), ratio(med["sshd"], med["docker"]))
	fmt.Fprintf(&b, "\nPaths: gateway = ssh → Shale gateway → Docker exec API; sshd = ssh → OpenSSH sshd (own config and host key, loopback) → `docker exec` CLI; docker = `docker exec` CLI alone.\n")
	t.Log("\n" + b.String())
	out := filepath.Join(testsupport.Root(t), "bench", "RESULTS.md")
	if err := bench.WriteSection(out, "SSH gateway: streaming 1 GiB out of a container", b.String()); err != nil {
		t.Fatal(err)
	}
}

func timeStream(t *testing.T, argv []string) time.Duration {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	// Count what arrives: a short stream must not look fast.
	counter := &countWriter{}
	cmd.Stdout = counter
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v: %s", argv[:2], err, stderr.String())
	}
	d := time.Since(start)
	if counter.n != streamBytes {
		t.Fatalf("%v: %d bytes, want %d", argv[:2], counter.n, streamBytes)
	}
	return d
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func writeKey(t *testing.T, dir, name string) (string, ssh.PublicKey) {
	t.Helper()
	pubk, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	pub, err := ssh.NewPublicKey(pubk)
	if err != nil {
		t.Fatal(err)
	}
	return path, pub
}

func startSSHD(t *testing.T, dir string, clientKey ssh.PublicKey) int {
	t.Helper()
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil { // sshd's privilege-separation dir
		t.Fatal(err)
	}
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", filepath.Join(dir, "sshd_host")).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v %s", err, out)
	}
	ak := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(ak, ssh.MarshalAuthorizedKey(clientKey), 0o600); err != nil {
		t.Fatal(err)
	}
	port := testsupport.FreePort(t)
	cfg := fmt.Sprintf(`Port %d
ListenAddress 127.0.0.1
HostKey %s
PidFile %s
AuthorizedKeysFile %s
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
`, port, filepath.Join(dir, "sshd_host"), filepath.Join(dir, "sshd.pid"), ak)
	cfgPath := filepath.Join(dir, "sshd_config")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("/usr/sbin/sshd", "-D", "-e", "-f", cfgPath)
	var logs strings.Builder
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("sshd: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() { _ = cmd.Process.Kill(); <-done })
	testsupport.Eventually(t, 30*time.Second, "sshd listening", func() error {
		select {
		case <-done:
			t.Fatalf("sshd exited: %s", logs.String())
		default:
		}
		c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			return err
		}
		return c.Close()
	})
	return port
}

func hostKey(t *testing.T, path string) ssh.PublicKey {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	k, _, _, _, err := ssh.ParseAuthorizedKey(b)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }

func fmtRuns(ds []time.Duration) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.Round(time.Millisecond).String()
	}
	return strings.Join(parts, ", ")
}

func sshVersion() string {
	out, _ := exec.Command("ssh", "-V").CombinedOutput()
	return strings.TrimSpace(string(out))
}

func goVersion() string { return runtime.Version() }
