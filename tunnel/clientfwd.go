package tunnel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
)

// Forward listens on localAddr (host:port; port 0 picks one) and carries every accepted
// connection through a direct-tcpip channel to remoteAddr as seen from inside the lease
// container (the gateway only reaches the container itself, e.g. "localhost:8000"). It returns
// the bound address at once and forwards in the background until ctx ends; then the listener
// and every forwarded connection are closed and all its goroutines return.
func (c *Client) Forward(ctx context.Context, localAddr, remoteAddr string) (net.Addr, error) {
	if _, _, err := net.SplitHostPort(remoteAddr); err != nil {
		return nil, fmt.Errorf("tunnel: forward to %q: %w", remoteAddr, err)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", localAddr)
	if err != nil {
		return nil, fmt.Errorf("tunnel: forward: %w", err)
	}
	go c.serveForward(ctx, ln, remoteAddr)
	return ln.Addr(), nil
}

func (c *Client) serveForward(ctx context.Context, ln net.Listener, remoteAddr string) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	defer ln.Close()
	for {
		lc, err := ln.Accept()
		if err != nil {
			if ctx.Err() == nil && !errors.Is(err, net.ErrClosed) {
				c.log.Warn("forward: accept failed; forwarding stopped", "local", ln.Addr().String(), "error", err)
			}
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.forwardConn(ctx, lc, remoteAddr)
		}()
	}
}

// forwardConn pipes one local connection to remoteAddr, half-closing each direction as its
// source ends, and closes both ends when ctx ends.
func (c *Client) forwardConn(ctx context.Context, lc net.Conn, remoteAddr string) {
	defer lc.Close()
	rc, err := c.conn.Dial("tcp", remoteAddr)
	if err != nil {
		c.log.Warn("forward: remote refused", "remote", remoteAddr, "error", err)
		return
	}
	defer rc.Close()
	stop := context.AfterFunc(ctx, func() { lc.Close(); rc.Close() })
	defer stop()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = io.Copy(rc, lc)
		closeWrite(rc)
	}()
	_, _ = io.Copy(lc, rc)
	closeWrite(lc)
	<-done
}

func closeWrite(c net.Conn) {
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
	} else {
		_ = c.Close()
	}
}
