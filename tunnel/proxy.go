package tunnel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
)

// Proxy serves OpenSSH's ProxyCommand (and so VS Code and any SSH client): it relays the
// caller's own SSH connection, read from in and written to out, to the gateway byte for byte,
// and for as long as that connection lasts pays for the lease over a second SSH connection of
// its own. The caller's client checks the host key against its known_hosts; the payment
// connection checks cfg.HostKeyFingerprint. It returns when the gateway closes the relayed
// connection, or with the error that ended payments for good (lease ended, wrong host key).
func Proxy(ctx context.Context, cfg Config, in io.Reader, out io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("tunnel: proxy dial %s: %w", cfg.Addr, err)
	}
	defer nc.Close()

	payDone := make(chan error, 1)
	go func() { payDone <- PayWithReconnect(ctx, cfg, Backoff{}) }()
	go func() {
		_, _ = io.Copy(nc, in)
		// The client finished sending; the gateway still owes it the rest of its output.
		if tc, ok := nc.(*net.TCPConn); ok {
			_ = tc.CloseWrite()
		}
	}()
	relayed := make(chan error, 1)
	go func() {
		_, err := io.Copy(out, nc)
		relayed <- err
	}()

	select {
	case err := <-relayed:
		cancel()
		<-payDone
		if err != nil && !errors.Is(err, net.ErrClosed) {
			return fmt.Errorf("tunnel: proxy relay: %w", err)
		}
		return nil
	case err := <-payDone:
		// Payments ended for good: the gateway is closing the lease's sessions anyway.
		nc.Close()
		<-relayed
		if err != nil {
			return fmt.Errorf("tunnel: proxy payments: %w", err)
		}
		return ctx.Err()
	}
}
