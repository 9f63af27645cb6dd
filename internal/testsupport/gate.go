package testsupport

import (
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"
)

// Gate is a TCP proxy in front of a test's server (Nomad's HTTP API, a chain's JSON-RPC) that
// can be taken down (listener closed, live connections cut) and brought back on the same
// address: a real outage as a client sees one, every request failing.
type Gate struct {
	// Addr is the loopback host:port clients connect to instead of the target.
	Addr   string
	t      testing.TB
	target string
	mu     sync.Mutex
	ln     net.Listener
	conns  map[net.Conn]struct{}
	wg     sync.WaitGroup
}

// NewGate starts a gate, up, in front of target (host:port); it is closed at cleanup.
func NewGate(t testing.TB, target string) *Gate {
	g := &Gate{t: t, target: target, conns: map[net.Conn]struct{}{}}
	g.Addr = fmt.Sprintf("127.0.0.1:%d", FreePort(t))
	g.Up()
	t.Cleanup(func() { g.Down(); g.wg.Wait() })
	return g
}

// Up listens again on Addr.
func (g *Gate) Up() {
	g.t.Helper()
	var ln net.Listener
	Eventually(g.t, 30*time.Second, "gate listening", func() error {
		var err error
		ln, err = net.Listen("tcp", g.Addr)
		return err
	})
	g.mu.Lock()
	g.ln = ln
	g.mu.Unlock()
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			g.wg.Add(1)
			go func() {
				defer g.wg.Done()
				g.pipe(c)
			}()
		}
	}()
}

func (g *Gate) pipe(c net.Conn) {
	u, err := net.Dial("tcp", g.target)
	if err != nil {
		c.Close()
		return
	}
	g.mu.Lock()
	if g.ln == nil { // taken down while this connection was being set up
		g.mu.Unlock()
		c.Close()
		u.Close()
		return
	}
	g.conns[c], g.conns[u] = struct{}{}, struct{}{}
	g.mu.Unlock()
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(u, c); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, u); done <- struct{}{} }()
	<-done
	c.Close()
	u.Close()
	<-done
	g.mu.Lock()
	delete(g.conns, c)
	delete(g.conns, u)
	g.mu.Unlock()
}

// Down closes the listener and every live connection.
func (g *Gate) Down() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ln != nil {
		g.ln.Close()
		g.ln = nil
	}
	for c := range g.conns {
		c.Close()
	}
}
