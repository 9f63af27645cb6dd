package gateway

import (
	"net"
	"sync"
	"time"
)

// tooMany is written to a connection over the limits before it is closed: a fresh socket's
// send buffer takes it at once, so the accept loop never waits on the client.
const tooMany = "HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: 75\r\n\r\n" +
	"shale ingress: too many connections from your address; close some and retry"

// limitListener bounds open connections per source IP and overall; a connection over
// either bound gets refusal (if any) and is closed in Accept, so it costs no goroutine.
type limitListener struct {
	net.Listener
	perSource, total int
	g                *Server
	refusal          string

	mu      sync.Mutex
	sources map[string]int
	open    int
}

func newLimitListener(ln net.Listener, perSource, total int, g *Server, refusal string) *limitListener {
	return &limitListener{Listener: ln, perSource: perSource, total: total, g: g, refusal: refusal, sources: map[string]int{}}
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		ip := sourceIP(c.RemoteAddr())
		if l.acquire(ip) {
			return &limitedConn{Conn: c, release: func() { l.release(ip) }}, nil
		}
		l.g.log.Warn("ingress connection refused: too many", "source", ip)
		l.g.metrics.refused.Inc()
		if l.refusal != "" {
			_ = c.SetWriteDeadline(time.Now().Add(time.Second))
			_, _ = c.Write([]byte(l.refusal))
		}
		_ = c.Close()
	}
}

func (l *limitListener) acquire(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sources[ip] >= l.perSource || l.open >= l.total {
		return false
	}
	l.sources[ip]++
	l.open++
	return true
}

func (l *limitListener) release(ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.open--
	if l.sources[ip]--; l.sources[ip] <= 0 {
		delete(l.sources, ip)
	}
}

// limitedConn gives its slot back once, however often it is closed.
type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// CloseWrite half-closes a TCP connection, so a relay can pass on the end of one direction.
func (c *limitedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}
