package gateway

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/shaleprotocol/shale/lease"
)

// maxTCPPorts bounds the operator's tcp port range: each allocated port is a listener and
// its accept goroutine.
const maxTCPPorts = 4096

// tcpScanInterval is how often the ingress looks for newly registered public tcp
// exposures; a lease's port opens within it.
const tcpScanInterval = 250 * time.Millisecond

// tcpKey names one served tcp exposure: a registration of a lease and its container port.
type tcpKey struct {
	ls   *leaseState
	port uint16
}

// tcpPorts allocates ports from the operator's range to public tcp exposures. Private ones
// get none: raw tcp carries no token, so they are reached through the lease's SSH
// connection (`shale open --forward`), which the lease's key authenticates.
type tcpPorts struct {
	mu    sync.Mutex
	used  map[int]tcpKey
	byKey map[tcpKey]int
}

func (c *IngressConfig) validateTCP() error {
	if c.TCPPortFirst == 0 && c.TCPPortLast == 0 {
		return nil
	}
	if c.TCPPortFirst < 1 || c.TCPPortLast > 65535 || c.TCPPortFirst > c.TCPPortLast || c.TCPPortLast-c.TCPPortFirst+1 > maxTCPPorts {
		return fmt.Errorf("%w: tcp ports %d-%d: want a range within 1-65535 of at most %d ports, e.g. 30000-30099", ErrIngressConfig, c.TCPPortFirst, c.TCPPortLast, maxTCPPorts)
	}
	return nil
}

// tcpURL is where a public tcp exposure is served, "" when it has no port (private, no
// range configured, or the range is full).
func (in *Ingress) tcpURL(ls *leaseState, e lease.Expose) string {
	in.tcp.mu.Lock()
	port, ok := in.tcp.byKey[tcpKey{ls, e.Port}]
	in.tcp.mu.Unlock()
	if !ok {
		return ""
	}
	u, _ := url.Parse(in.cfg.AdvertiseURL) // checked in withDefaults
	return "tcp://" + net.JoinHostPort(u.Hostname(), strconv.Itoa(port))
}

// serveTCP opens a port for each public tcp exposure of a registered lease, until ctx ends.
func (in *Ingress) serveTCP(ctx context.Context, wg *sync.WaitGroup) {
	if in.cfg.TCPPortFirst == 0 {
		return
	}
	t := time.NewTicker(tcpScanInterval)
	defer t.Stop()
	for {
		in.openTCP(ctx, wg)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (in *Ingress) openTCP(ctx context.Context, wg *sync.WaitGroup) {
	in.g.mu.Lock()
	var want []tcpKey
	for _, ls := range in.g.leases {
		for _, e := range ls.lease.Exposes {
			if e.Protocol == lease.ProtocolTCP && e.Public {
				want = append(want, tcpKey{ls, e.Port})
			}
		}
	}
	in.g.mu.Unlock()
	for _, k := range want {
		if k.ls.ctx.Err() != nil {
			continue
		}
		in.tcp.mu.Lock()
		_, open := in.tcp.byKey[k]
		in.tcp.mu.Unlock()
		if open {
			continue
		}
		ln, port, err := in.listenTCP(k)
		if err != nil {
			in.g.log.Warn("ingress: no tcp port for an exposure", "lease", k.ls.id, "port", k.port, "error", err)
			continue
		}
		in.g.log.Info("ingress: tcp exposure open", "lease", k.ls.id, "port", k.port, "listen", port)
		wg.Add(1)
		go func() {
			defer wg.Done()
			in.acceptTCP(ctx, k, ln, port)
		}()
	}
}

// listenTCP binds the lowest free port of the range for k. The port is taken in the table
// before it is bound, so two scans can never hand it out twice.
func (in *Ingress) listenTCP(k tcpKey) (net.Listener, int, error) {
	host, _, err := net.SplitHostPort(in.cfg.ListenAddr)
	if err != nil {
		return nil, 0, err
	}
	for p := in.cfg.TCPPortFirst; p <= in.cfg.TCPPortLast; p++ {
		in.tcp.mu.Lock()
		if _, used := in.tcp.used[p]; used {
			in.tcp.mu.Unlock()
			continue
		}
		in.tcp.used[p] = k
		in.tcp.mu.Unlock()
		ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(p)))
		in.tcp.mu.Lock()
		if err != nil {
			delete(in.tcp.used, p) // taken by another process: try the next
			in.tcp.mu.Unlock()
			continue
		}
		in.tcp.byKey[k] = p
		in.tcp.mu.Unlock()
		return newLimitListener(ln, in.cfg.MaxConnsPerSource, in.cfg.MaxConns, in.g, ""), p, nil
	}
	return nil, 0, fmt.Errorf("all %d ports of %d-%d are in use", in.cfg.TCPPortLast-in.cfg.TCPPortFirst+1, in.cfg.TCPPortFirst, in.cfg.TCPPortLast)
}

// acceptTCP relays each connection to the container's port until the lease or the ingress
// ends, then frees the port.
func (in *Ingress) acceptTCP(ctx context.Context, k tcpKey, ln net.Listener, port int) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopLease := context.AfterFunc(k.ls.ctx, cancel)
	defer stopLease()
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var conns sync.WaitGroup
	defer func() {
		ln.Close()
		conns.Wait()
		in.tcp.mu.Lock()
		delete(in.tcp.used, port)
		delete(in.tcp.byKey, k)
		in.tcp.mu.Unlock()
	}()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		conns.Add(1)
		go func() {
			defer conns.Done()
			in.relayTCP(ctx, k, c)
		}()
	}
}

func (in *Ingress) relayTCP(ctx context.Context, k tcpKey, c net.Conn) {
	defer c.Close()
	if k.ls.isClosed() {
		return
	}
	if _, _, behind := in.arrears(k.ls); behind {
		return
	}
	b, err := in.backend(ctx, k.ls)
	if err != nil {
		return
	}
	var d net.Dialer
	uc, err := d.DialContext(ctx, "tcp", net.JoinHostPort(b.ip, strconv.Itoa(int(k.port))))
	if err != nil {
		return
	}
	var up net.Conn = uc
	if !in.g.cfg.Unmetered {
		up = &meteredConn{Conn: uc, ls: k.ls}
	}
	defer up.Close()
	stop := context.AfterFunc(ctx, func() { c.Close(); uc.Close() })
	defer stop()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_, _ = io.Copy(up, c)
		_ = uc.(*net.TCPConn).CloseWrite()
	}()
	go func() {
		defer wg.Done()
		_, _ = io.Copy(c, up)
		if tc, ok := c.(interface{ CloseWrite() error }); ok {
			_ = tc.CloseWrite()
		}
	}()
	wg.Wait()
}
