package gateway

import (
	"context"
	"crypto/ed25519"
	"crypto/subtle"
	"net"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/wire"
)

var (
	// Client key signature algorithms: no ssh-rsa (SHA-1), no DSA.
	pubKeyAuthAlgos = []string{
		ssh.KeyAlgoED25519, ssh.KeyAlgoSKED25519, ssh.KeyAlgoECDSA256, ssh.KeyAlgoECDSA384,
		ssh.KeyAlgoECDSA521, ssh.KeyAlgoSKECDSA256, ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256,
	}
)

const (
	serverVersion = "SSH-2.0-Shale_1"
	permLease     = "shale-lease"
)

// dummyKey stands in for the keys of an unknown lease so both refusals take the same path.
var dummyKey = func() []byte {
	pub := ed25519.PublicKey(make([]byte, ed25519.PublicKeySize))
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		panic(err)
	}
	return k.Marshal()
}()

func (g *Server) serverConfig() *ssh.ServerConfig {
	cfg := &ssh.ServerConfig{
		Config:                  ssh.Config{KeyExchanges: g.cfg.KeyExchanges, Ciphers: g.cfg.Ciphers, MACs: g.cfg.MACs},
		MaxAuthTries:            g.cfg.MaxAuthTries,
		PublicKeyCallback:       g.authenticate,
		PublicKeyAuthAlgorithms: pubKeyAuthAlgos,
		ServerVersion:           serverVersion,
	}
	cfg.AddHostKey(g.hostKey)
	return cfg
}

// authenticate accepts key for user when user names a registered lease that holds key.
// Unknown leases and foreign keys return the same error after the same comparisons.
func (g *Server) authenticate(meta ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
	want := [][]byte{dummyKey}
	ls := g.lookup(meta.User())
	if ls != nil && !ls.isClosed() { // a stopped lease is refused like an unknown one
		want = ls.keys
	} else {
		ls = nil
	}
	got := key.Marshal()
	match := 0
	for _, k := range want {
		match |= subtle.ConstantTimeCompare(k, got)
	}
	if ls == nil || match != 1 {
		g.log.Debug("auth refused", "remote", meta.RemoteAddr().String(), "key", ssh.FingerprintSHA256(key))
		return nil, ErrAuthFailed
	}
	return &ssh.Permissions{Extensions: map[string]string{permLease: meta.User()}}, nil
}

// handleConn runs one TCP connection: source limit, handshake under a deadline, then the
// authenticated lease's channels until the connection, the lease or the gateway ends.
func (g *Server) handleConn(ctx context.Context, nc net.Conn) {
	defer nc.Close()
	ip := sourceIP(nc.RemoteAddr())
	if !g.acquireSource(ip) {
		g.log.Warn("connection refused: too many from source", "source", ip)
		g.metrics.refused.Inc()
		return
	}
	defer g.releaseSource(ip)

	// The handshake and authentication together must finish in time; a silent client holds
	// no resources past it.
	hsTimer := time.AfterFunc(g.cfg.HandshakeTimeout, func() { nc.Close() })
	ic := &idleConn{Conn: nc, idle: g.cfg.IdleTimeout}
	sconn, chans, reqs, err := ssh.NewServerConn(ic, g.sshConfig)
	if !hsTimer.Stop() {
		if sconn != nil {
			sconn.Close()
		}
		return
	}
	if err != nil {
		g.log.Debug("handshake failed", "remote", nc.RemoteAddr().String(), "error", err)
		return
	}
	defer sconn.Close()
	ic.arm()

	ls := g.lookup(sconn.Permissions.Extensions[permLease])
	if ls == nil { // unregistered between auth and now
		return
	}
	connCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	if !ls.addConn(sconn, cancel) {
		return
	}
	defer ls.removeConn(sconn)
	g.log.Info("client connected", "lease", ls.id, "remote", nc.RemoteAddr().String())
	// Closing the transport ends the channel loops below when ctx ends.
	stop := context.AfterFunc(connCtx, func() { sconn.Close() })
	defer stop()

	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(2)
	go func() {
		defer wg.Done()
		g.serveGlobalRequests(ls, reqs) // no remote forwarding: tcpip-forward is refused
	}()
	go func() {
		defer wg.Done()
		g.keepAlive(connCtx, sconn)
	}()
	for nch := range chans {
		switch nch.ChannelType() {
		case "session":
			wg.Add(1)
			go func() {
				defer wg.Done()
				g.serveSession(connCtx, ls, nch)
			}()
		case "direct-tcpip":
			wg.Add(1)
			go func() {
				defer wg.Done()
				g.serveDirectTCPIP(connCtx, ls, nch)
			}()
		case wire.PaymentChannel:
			wg.Add(1)
			go func() {
				defer wg.Done()
				ls.servePayment(connCtx, cancel, nch)
			}()
		default:
			_ = nch.Reject(ssh.UnknownChannelType, "unsupported channel type")
		}
	}
	cancel()
}

// keepAlive asks the client for a reply every interval; a dead peer never answers, the idle
// deadline then closes the connection and SendRequest returns.
func (g *Server) keepAlive(ctx context.Context, conn ssh.Conn) {
	t := time.NewTicker(g.cfg.KeepAlive)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, _, err := conn.SendRequest("keepalive@openssh.com", true, nil); err != nil {
				return
			}
		}
	}
}

// idleConn pushes its read deadline forward on each read once armed, so a connection that
// stays silent for the idle timeout fails its next read and is torn down.
type idleConn struct {
	net.Conn
	idle  time.Duration
	mu    sync.Mutex
	armed bool
}

func (c *idleConn) arm() {
	c.mu.Lock()
	c.armed = true
	c.mu.Unlock()
	_ = c.Conn.SetReadDeadline(time.Now().Add(c.idle))
}

func (c *idleConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	armed := c.armed
	c.mu.Unlock()
	if armed && n > 0 {
		_ = c.Conn.SetReadDeadline(time.Now().Add(c.idle))
	}
	return n, err
}

func sourceIP(a net.Addr) string {
	if ta, ok := a.(*net.TCPAddr); ok {
		return ta.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}
