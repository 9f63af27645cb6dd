package sshtunnel

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/docker/docker/client"
	"github.com/hashicorp/go-hclog"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// testGateway is a gateway serving on loopback plus what OpenSSH clients need to reach it.
type testGateway struct {
	*Gateway
	t          *testing.T
	dc         *client.Client
	dir        string
	knownHosts string
}

func startGateway(t *testing.T, mod ...func(*Config)) *testGateway {
	t.Helper()
	dc := testsupport.Docker(t)
	dir := t.TempDir()
	cfg := Config{
		ListenAddr: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, "host_ed25519"),
		Docker: dc, VoucherDir: filepath.Join(dir, "vouchers"),
		Logger: hclog.New(&hclog.LoggerOptions{Level: hclog.Debug, Output: testWriter{t}}),
	}
	for _, m := range mod {
		m(&cfg)
	}
	g, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	kh := filepath.Join(dir, "known_hosts")
	line := knownhosts.Line([]string{knownhosts.Normalize(g.Addr().String())}, g.HostKey())
	if err := os.WriteFile(kh, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return &testGateway{Gateway: g, t: t, dc: dc, dir: dir, knownHosts: kh}
}

// testWriter sends gateway logs to the test log, shown only on failure or -v.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}

// clientKey is an ed25519 key pair with its private half in an OpenSSH key file.
type clientKey struct {
	signer ssh.Signer
	path   string
}

func newClientKey(t *testing.T) clientKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.CreateTemp(t.TempDir(), "id_ed25519-*")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Chmod(f.Name(), 0o600); err != nil {
		t.Fatal(err)
	}
	return clientKey{signer: signer, path: f.Name()}
}

func randomLeaseID(t *testing.T) lease.LeaseID {
	t.Helper()
	id := lease.LeaseID{ChainID: 31337}
	if _, err := rand.Read(id.Order[1:]); err != nil { // first byte 0: a valid field element
		t.Fatal(err)
	}
	return id
}

// leaseFor starts a container of image and registers a lease on it for key.
func (tg *testGateway) leaseFor(image string, key clientKey, mod ...func(*Lease)) Lease {
	tg.t.Helper()
	testsupport.RequireImage(tg.t, tg.dc, image)
	return tg.leaseOn(testsupport.StartIdleContainer(tg.t, tg.dc, image), key, mod...)
}

// leaseOn registers a lease on an existing container for key.
func (tg *testGateway) leaseOn(cid string, key clientKey, mod ...func(*Lease)) Lease {
	tg.t.Helper()
	l := Lease{
		ID: randomLeaseID(tg.t), ContainerID: cid, Keys: []ssh.PublicKey{key.signer.PublicKey()},
		Price: lease.MustParsePrice("0attofil/1s"), Escrow: big.NewInt(1 << 40), // free unless mod prices it
		Prepay: time.Minute, Grace: time.Minute, StartedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour),
	}
	for _, m := range mod {
		m(&l)
	}
	if err := tg.Register(l); err != nil {
		tg.t.Fatal(err)
	}
	tg.t.Cleanup(func() { tg.Unregister(l.ID) })
	return l
}

func (tg *testGateway) port() string {
	return strconv.Itoa(tg.Addr().(*net.TCPAddr).Port)
}

// sshOpts are the OpenSSH options every client invocation uses: strict host key checking
// against the gateway's key, only the given identity, no interaction.
func (tg *testGateway) sshOpts(key clientKey) []string {
	return []string{
		"-F", "/dev/null", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + tg.knownHosts,
		"-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
		"-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-i", key.path,
	}
}

// ssh builds an OpenSSH `ssh` command for user (a lease id): options, then the remote command last.
func (tg *testGateway) ssh(ctx context.Context, key clientKey, user string, args ...string) *exec.Cmd {
	a := append(tg.sshOpts(key), "-p", tg.port(), "-l", user)
	a = append(a, args[:len(args)-1]...)
	a = append(a, "127.0.0.1")
	if last := args[len(args)-1]; last != "" { // "" means no remote command (-N, -W)
		a = append(a, last)
	}
	return exec.CommandContext(ctx, "ssh", a...)
}

// run runs cmd and returns stdout, stderr and the exit code.
func run(t *testing.T, cmd *exec.Cmd, stdin []byte) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return out.String(), errb.String(), 0
	case errors.As(err, &ee):
		return out.String(), errb.String(), ee.ExitCode()
	default:
		t.Fatalf("%s: %v", cmd, err)
		return "", "", -1
	}
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// goClient dials the gateway with x/crypto/ssh, for requests OpenSSH's client cannot make
// (signals) and for connection-level checks.
func (tg *testGateway) goClient(key clientKey, user string) *ssh.Client {
	tg.t.Helper()
	c, err := ssh.Dial("tcp", tg.Addr().String(), &ssh.ClientConfig{
		User: user, Auth: []ssh.AuthMethod{ssh.PublicKeys(key.signer)},
		HostKeyCallback: ssh.FixedHostKey(tg.HostKey()), Timeout: 30 * time.Second,
	})
	if err != nil {
		tg.t.Fatal(err)
	}
	tg.t.Cleanup(func() { c.Close() })
	return c
}
