package gateway

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/docker/docker/client"
	"github.com/hashicorp/go-hclog"
	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/lease"

	"github.com/shaleprotocol/shale/wire"
)

// Defaults applied to zero Config fields.
const (
	DefaultListenAddr        = ":2222"
	DefaultMaxAuthTries      = 3
	DefaultHandshakeTimeout  = 20 * time.Second
	DefaultIdleTimeout       = 15 * time.Minute
	DefaultKeepAlive         = 30 * time.Second
	DefaultMaxConnsPerSource = 16
	// DefaultMaxGrace and DefaultMaxPrepay bound a lease's payment terms: a client choosing
	// its own grace could otherwise use a whole lease without paying.
	DefaultMaxGrace  = 10 * time.Minute
	DefaultMaxPrepay = time.Hour
	// DefaultPaymentSendTimeout is how long a payment message may wait to be read before
	// the client is cut off.
	DefaultPaymentSendTimeout = 10 * time.Second
)

// Config configures a Server. Docker is required; zero values take the defaults above.
type Config struct {
	ListenAddr  string
	HostKeyPath string // created once (ed25519, 0600) when missing
	// MaxAuthTries bounds public-key attempts per connection.
	MaxAuthTries int
	// HandshakeTimeout bounds the time from TCP accept to successful authentication.
	HandshakeTimeout time.Duration
	// IdleTimeout closes a connection from which nothing was read for this long. With
	// KeepAlive shorter than it, a live client always answers, so only dead peers are cut.
	IdleTimeout time.Duration
	// KeepAlive is the interval of keepalive@openssh.com requests to each client.
	KeepAlive time.Duration
	// MaxConnsPerSource bounds concurrent connections (authenticated or not) per source IP.
	MaxConnsPerSource int
	Docker            client.APIClient
	Logger            hclog.Logger
	// VoucherDir holds each lease's durable voucher log.
	VoucherDir string
	// Unmetered is a benchmark baseline, never for a provider: channels bypass byte counting
	// and the bandwidth cap, and no lease gets payment terms (its payment channel is refused
	// and arrears are never checked), so bench/gateway can measure what metering and
	// payment cost against the same gateway without them.
	Unmetered bool
	// KeyExchanges, Ciphers and MACs restrict the negotiated algorithms; nil (or empty) means
	// wire's defaults. New refuses any algorithm outside wire's fixed allow-list of modern
	// ones: never SHA-1, CBC, arcfour or DH group 1.
	KeyExchanges []string
	Ciphers      []string
	MACs         []string
	// MaxGrace and MaxPrepay are the longest grace and prepay a priced lease may have;
	// Register refuses a lease beyond them. The bridge checks the same bounds (its policy)
	// before it accepts an order; this is the check where the lease runs.
	MaxGrace  time.Duration
	MaxPrepay time.Duration
	// PaymentSendTimeout bounds how long one payment message may take to be read by the
	// client; past it (or with 32 messages queued) the client's connection is closed.
	PaymentSendTimeout time.Duration
	// TTYWrapper, when set, prefixes the command of every terminal session, e.g. the driver's
	// `/.shale/init wait-tty --`, which starts the command only once its terminal has a size.
	// Docker engines before API 1.42 size an exec's terminal only after the process started,
	// so without it a program that reads its size at start can see 0x0.
	TTYWrapper []string
}

// Lease is what the gateway needs to serve one lease.
type Lease struct {
	ID          lease.LeaseID
	ContainerID string
	Keys        []ssh.PublicKey
	Price       lease.Price
	Escrow      *big.Int
	Prepay      time.Duration
	Grace       time.Duration
	Bandwidth   uint64 // bytes per second over all the lease's gateway traffic; 0 = unlimited
	ExpiresAt   time.Time
	StartedAt   time.Time
	PaymentKey  [32]byte
	Paid        *big.Int // recovered state: what earlier vouchers already proved
	// Exposes are the container ports the ingress serves (ingress.go); none without it.
	Exposes []lease.Expose
	// MirrorDir, if set, also receives the last accepted voucher (<lease id>.voucher) before
	// it is acknowledged: the driver points it at the task directory, outside every container
	// mount, where the bridge reads it through Nomad's alloc-fs API.
	MirrorDir string
	// OnStop is called once when the gateway ends the lease (arrears, client terminate).
	OnStop func(reason string)
	// OnWarn is called (in its own goroutine) when arrears pass half the grace, with the
	// message every session also sees: the driver turns it into a task event.
	OnWarn func(msg string)
}

// Server is one node's SSH gateway, the endpoint for every lease container on it.
type Server struct {
	cfg       Config
	log       hclog.Logger
	ln        net.Listener
	sshConfig *ssh.ServerConfig
	hostKey   ssh.Signer
	metrics   *gatewayMetrics

	mu      sync.Mutex
	leases  map[string]*leaseState
	sources map[string]int
	closed  bool
	conns   sync.WaitGroup

	ingress atomic.Pointer[Ingress] // set by NewIngress; answers expose-info with its URLs
}

// New loads or creates the host key and binds the listen address, so Addr is known before
// Serve runs.
func New(cfg Config) (*Server, error) {
	if cfg.Docker == nil {
		return nil, errors.New("gateway: config: Docker client is required")
	}
	if cfg.HostKeyPath == "" {
		return nil, errors.New("gateway: config: HostKeyPath is required")
	}
	if cfg.ListenAddr == "" {
		cfg.ListenAddr = DefaultListenAddr
	}
	if cfg.MaxAuthTries <= 0 {
		cfg.MaxAuthTries = DefaultMaxAuthTries
	}
	if cfg.HandshakeTimeout <= 0 {
		cfg.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.KeepAlive <= 0 {
		cfg.KeepAlive = DefaultKeepAlive
	}
	if cfg.MaxConnsPerSource <= 0 {
		cfg.MaxConnsPerSource = DefaultMaxConnsPerSource
	}
	if cfg.MaxGrace <= 0 {
		cfg.MaxGrace = DefaultMaxGrace
	}
	if cfg.MaxPrepay <= 0 {
		cfg.MaxPrepay = DefaultMaxPrepay
	}
	if cfg.PaymentSendTimeout <= 0 {
		cfg.PaymentSendTimeout = DefaultPaymentSendTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = hclog.NewNullLogger()
	}
	var err error
	if cfg.KeyExchanges, err = wire.KeyExchanges(cfg.KeyExchanges); err != nil {
		return nil, fmt.Errorf("gateway: config: %w", err)
	}
	if cfg.Ciphers, err = wire.Ciphers(cfg.Ciphers); err != nil {
		return nil, fmt.Errorf("gateway: config: %w", err)
	}
	if cfg.MACs, err = wire.MACs(cfg.MACs); err != nil {
		return nil, fmt.Errorf("gateway: config: %w", err)
	}
	signer, err := loadOrCreateHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	g := &Server{
		cfg: cfg, log: cfg.Logger.Named("sshgw"), hostKey: signer, metrics: newMetrics(),
		leases: map[string]*leaseState{}, sources: map[string]int{},
	}
	g.sshConfig = g.serverConfig()
	ln, err := net.Listen("tcp", cfg.ListenAddr)
	if err != nil {
		return nil, fmt.Errorf("gateway: listen on %s: %w", cfg.ListenAddr, err)
	}
	g.ln = ln
	return g, nil
}

// Addr is the bound listen address.
func (g *Server) Addr() net.Addr { return g.ln.Addr() }

// HostKeyFingerprint is the host key's SHA256 fingerprint, as OpenSSH prints it; the SP
// attests it on chain and clients check it.
func (g *Server) HostKeyFingerprint() string { return ssh.FingerprintSHA256(g.hostKey.PublicKey()) }

// HostKey is the gateway's public host key (for known_hosts files).
func (g *Server) HostKey() ssh.PublicKey { return g.hostKey.PublicKey() }

// Serve accepts connections until ctx is cancelled, then closes every connection and returns
// once their goroutines are gone.
func (g *Server) Serve(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { g.ln.Close() })
	defer stop()
	// A gateway serves once: when it stops, every connection and lease monitor stops too.
	defer func() {
		cancel()
		g.conns.Wait()
		g.closeLeases()
	}()
	for {
		nc, err := g.ln.Accept()
		if err != nil {
			g.mu.Lock()
			g.closed = true
			g.mu.Unlock()
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("gateway: accept: %w", err)
		}
		g.conns.Add(1)
		go func() {
			defer g.conns.Done()
			g.handleConn(ctx, nc)
		}()
	}
}

// Register makes a lease reachable; registering an id again replaces its keys and terms.
func (g *Server) Register(l Lease) error {
	if l.ContainerID == "" {
		return fmt.Errorf("%w %s: no container", ErrInvalidLease, l.ID)
	}
	if len(l.Keys) == 0 {
		return fmt.Errorf("%w %s: no SSH keys", ErrInvalidLease, l.ID)
	}
	if l.StartedAt.IsZero() {
		return fmt.Errorf("%w %s: no start time", ErrInvalidLease, l.ID)
	}
	if paymentsRequired(l) && !g.cfg.Unmetered {
		if err := g.checkTerms(l); err != nil {
			return err
		}
	}
	ls := newLeaseState(g, l)
	if paymentsRequired(l) && !g.cfg.Unmetered {
		p, err := newPayments(ls, g.cfg.VoucherDir)
		if err != nil {
			ls.cancel()
			return err
		}
		ls.pay = p
		go p.monitor(ls.ctx)
	}
	g.mu.Lock()
	old := g.leases[l.ID.String()]
	g.leases[l.ID.String()] = ls
	g.mu.Unlock()
	if old != nil {
		old.close()
	}
	g.log.Info("lease registered", "lease", l.ID.String(), "container", shortID(l.ContainerID), "keys", len(l.Keys))
	return nil
}

// checkTerms refuses payment terms beyond this gateway's bounds.
func (g *Server) checkTerms(l Lease) error {
	if l.Grace < 0 || l.Grace > g.cfg.MaxGrace {
		return fmt.Errorf("%w: lease %s: grace %s exceeds this node's maximum %s (gateway max_grace); order with a shorter grace",
			ErrPaymentTerms, l.ID, l.Grace, g.cfg.MaxGrace)
	}
	if l.Prepay < 0 || l.Prepay > g.cfg.MaxPrepay {
		return fmt.Errorf("%w: lease %s: prepay %s exceeds this node's maximum %s (gateway max_prepay); order with a shorter prepay",
			ErrPaymentTerms, l.ID, l.Prepay, g.cfg.MaxPrepay)
	}
	return nil
}

// Unregister forgets the lease and closes its connections.
func (g *Server) Unregister(id lease.LeaseID) {
	g.mu.Lock()
	ls := g.leases[id.String()]
	delete(g.leases, id.String())
	g.mu.Unlock()
	if ls != nil {
		ls.close()
		g.log.Info("lease unregistered", "lease", id.String())
	}
}

func (g *Server) closeLeases() {
	g.mu.Lock()
	list := make([]*leaseState, 0, len(g.leases))
	for _, ls := range g.leases {
		list = append(list, ls)
	}
	g.mu.Unlock()
	for _, ls := range list {
		ls.close()
	}
}

func (g *Server) lookup(user string) *leaseState {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.leases[user]
}

func (g *Server) acquireSource(ip string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.sources[ip] >= g.cfg.MaxConnsPerSource {
		return false
	}
	g.sources[ip]++
	return true
}

func (g *Server) releaseSource(ip string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.sources[ip]--; g.sources[ip] <= 0 {
		delete(g.sources, ip)
	}
}

// loadOrCreateHostKey reads an ed25519 host key, or creates one exactly once: the key is
// written to a temporary file and hard-linked into place, so concurrent starts never see a
// partial file and never overwrite each other's key.
func loadOrCreateHostKey(path string) (ssh.Signer, error) {
	if s, err := loadHostKey(path); err == nil || !errors.Is(err, os.ErrNotExist) {
		return s, err
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("%w: generate: %v", ErrHostKey, err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "shale gateway host key")
	if err != nil {
		return nil, fmt.Errorf("%w: marshal: %v", ErrHostKey, err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHostKey, err)
	}
	tmp, err := os.CreateTemp(dir, ".hostkey-*")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHostKey, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("%w: %v", ErrHostKey, err)
	}
	if _, err := tmp.Write(pem.EncodeToMemory(block)); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("%w: write: %v", ErrHostKey, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("%w: sync: %v", ErrHostKey, err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHostKey, err)
	}
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("%w: install %s: %v", ErrHostKey, path, err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // make the new directory entry durable too
		d.Close()
	}
	return loadHostKey(path)
}

func loadHostKey(path string) (ssh.Signer, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%w: %s is accessible by group or others (%v); chmod 600", ErrHostKey, path, fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHostKey, err)
	}
	s, err := ssh.ParsePrivateKey(b)
	if err != nil {
		return nil, fmt.Errorf("%w: parse %s: %v", ErrHostKey, path, err)
	}
	if s.PublicKey().Type() != ssh.KeyAlgoED25519 {
		return nil, fmt.Errorf("%w: %s is %s, want ssh-ed25519", ErrHostKey, path, s.PublicKey().Type())
	}
	return s, nil
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}
