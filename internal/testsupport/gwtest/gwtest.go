// Package gwtest starts a real SSH gateway on loopback in front of Docker containers, with the
// keys, leases and OpenSSH command lines that gateway, tunnel and client tests reach it with.
package gwtest

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

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/voucher"
)

// Gateway is a gateway serving on loopback plus what OpenSSH clients need to reach it.
type Gateway struct {
	*gateway.Server
	T          testing.TB
	Docker     *client.Client
	Dir        string // the gateway's state: host key, voucher logs, known_hosts
	KnownHosts string // a known_hosts file naming the gateway's address and host key
}

// Start serves a gateway until the test ends; each mod may change its config first. Its log
// goes to the test log.
func Start(t testing.TB, mod ...func(*gateway.Config)) *Gateway {
	t.Helper()
	dc := testsupport.Docker(t)
	dir := t.TempDir()
	cfg := gateway.Config{
		ListenAddr: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, "host_ed25519"),
		Docker: dc, VoucherDir: filepath.Join(dir, "vouchers"),
		Logger: Logger(t),
	}
	for _, m := range mod {
		m(&cfg)
	}
	g, err := gateway.New(cfg)
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
	return &Gateway{Server: g, T: t, Docker: dc, Dir: dir, KnownHosts: kh}
}

// Logger writes to the test log, shown only on failure or -v.
func Logger(t testing.TB) hclog.Logger {
	return hclog.New(&hclog.LoggerOptions{Level: hclog.Debug, Output: testWriter{t}})
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}

// ClientKey is an ed25519 key pair with its private half in an OpenSSH key file.
type ClientKey struct {
	Signer ssh.Signer
	Path   string
}

// NewClientKey generates a key and writes its private half to a 0600 file.
func NewClientKey(t testing.TB) ClientKey {
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
	return ClientKey{Signer: signer, Path: f.Name()}
}

// RandomLeaseID is a fresh lease id on the dev chain.
func RandomLeaseID(t testing.TB) lease.LeaseID {
	t.Helper()
	id := lease.LeaseID{ChainID: 31337}
	if _, err := rand.Read(id.Order[1:]); err != nil { // first byte 0: a valid field element
		t.Fatal(err)
	}
	return id
}

// LeaseFor starts a container of image and registers a lease on it for key.
func (g *Gateway) LeaseFor(image string, key ClientKey, mod ...func(*gateway.Lease)) gateway.Lease {
	g.T.Helper()
	testsupport.RequireImage(g.T, g.Docker, image)
	return g.LeaseOn(testsupport.StartIdleContainer(g.T, g.Docker, image), key, mod...)
}

// LeaseOn registers a free lease on an existing container for key; each mod may change it
// first (price it, shorten its grace).
func (g *Gateway) LeaseOn(cid string, key ClientKey, mod ...func(*gateway.Lease)) gateway.Lease {
	g.T.Helper()
	l := gateway.Lease{
		ID: RandomLeaseID(g.T), ContainerID: cid, Keys: []ssh.PublicKey{key.Signer.PublicKey()},
		Price: lease.MustParsePrice("0attofil/1s"), Escrow: big.NewInt(1 << 40),
		Prepay: time.Minute, Grace: time.Minute, StartedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour),
	}
	for _, m := range mod {
		m(&l)
	}
	if err := g.Register(l); err != nil {
		g.T.Fatal(err)
	}
	g.T.Cleanup(func() { g.Unregister(l.ID) })
	return l
}

// PaidLease is a priced lease plus the client's payment key and a record of OnStop.
type PaidLease struct {
	gateway.Lease
	PayKey *voucher.PrivateKey
	Stops  chan string // OnStop's reasons
}

// PaidLeaseFor registers a busybox lease at 1000 attoFIL/s with 10 s prepay, the gateway's
// longest grace and an escrow of 10^6 attoFIL; each mod may change it first.
func (g *Gateway) PaidLeaseFor(key ClientKey, mod ...func(*gateway.Lease)) PaidLease {
	g.T.Helper()
	pk, err := voucher.GenerateKey(rand.Reader)
	if err != nil {
		g.T.Fatal(err)
	}
	stops := make(chan string, 4)
	l := g.LeaseFor(testsupport.BusyboxImage, key, append([]func(*gateway.Lease){func(l *gateway.Lease) {
		l.Price = lease.MustParsePrice("1000attofil/1s")
		l.Escrow = big.NewInt(1_000_000)
		l.Prepay, l.Grace = 10*time.Second, gateway.DefaultMaxGrace
		l.PaymentKey = pk.Public()
		l.OnStop = func(reason string) { stops <- reason }
	}}, mod...)...)
	return PaidLease{Lease: l, PayKey: pk, Stops: stops}
}

// ClientConfig is what an honest client of pl configures: the lease's own terms and the
// gateway's host key.
func (g *Gateway) ClientConfig(key ClientKey, pl PaidLease) tunnel.Config {
	return tunnel.Config{
		Addr: g.Addr().String(), Lease: pl.ID, Signer: key.Signer, HostKeyFingerprint: g.HostKeyFingerprint(),
		PaymentKey: pl.PayKey, Price: pl.Price, Escrow: pl.Escrow, Prepay: pl.Prepay,
	}
}

// Port is the gateway's loopback port.
func (g *Gateway) Port() string {
	return strconv.Itoa(g.Addr().(*net.TCPAddr).Port)
}

// SSHOpts are the OpenSSH options every client invocation uses: strict host key checking
// against the gateway's key, only the given identity, no interaction.
func (g *Gateway) SSHOpts(key ClientKey) []string {
	return []string{
		"-F", "/dev/null", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + g.KnownHosts,
		"-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
		"-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-i", key.Path,
	}
}

// SSH builds an OpenSSH `ssh` command for user (a lease id): options, then the remote command
// last ("" for none, with -N or -W).
func (g *Gateway) SSH(ctx context.Context, key ClientKey, user string, args ...string) *exec.Cmd {
	a := append(g.SSHOpts(key), "-p", g.Port(), "-l", user)
	a = append(a, args[:len(args)-1]...)
	a = append(a, "127.0.0.1")
	if last := args[len(args)-1]; last != "" {
		a = append(a, last)
	}
	return exec.CommandContext(ctx, "ssh", a...)
}

// SFTP runs OpenSSH's sftp with batch as its batch file until ctx ends.
func (g *Gateway) SFTP(ctx context.Context, t testing.TB, key ClientKey, user, batch string) (stdout, stderr string, code int) {
	t.Helper()
	bf := filepath.Join(t.TempDir(), "batch")
	if err := os.WriteFile(bf, []byte(batch), 0o600); err != nil {
		t.Fatal(err)
	}
	a := append(g.SSHOpts(key), "-P", g.Port(), "-b", bf, user+"@127.0.0.1")
	return Run(t, exec.CommandContext(ctx, "sftp", a...), nil)
}

// Run runs cmd and returns stdout, stderr and the exit code.
func Run(t testing.TB, cmd *exec.Cmd, stdin []byte) (stdout, stderr string, code int) {
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

// Context ends with the test, or after three minutes.
func Context(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// GoClient dials the gateway with x/crypto/ssh, for requests OpenSSH's client cannot make
// (signals) and for connection-level checks; it is closed when the test ends.
func (g *Gateway) GoClient(key ClientKey, user string) *ssh.Client {
	g.T.Helper()
	c, err := ssh.Dial("tcp", g.Addr().String(), &ssh.ClientConfig{
		User: user, Auth: []ssh.AuthMethod{ssh.PublicKeys(key.Signer)},
		HostKeyCallback: ssh.FixedHostKey(g.HostKey()), Timeout: 30 * time.Second,
	})
	if err != nil {
		g.T.Fatal(err)
	}
	g.T.Cleanup(func() { c.Close() })
	return c
}
