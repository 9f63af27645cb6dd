package gateway

import (
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"

	"golang.org/x/crypto/ssh"
)

// serveDirectTCPIP handles `ssh -L`: the destination is always the lease's own container.
// "localhost" and the container's own names mean the container; any other host is refused,
// so the gateway is never an open proxy into the SP's network.
func (g *Server) serveDirectTCPIP(ctx context.Context, ls *leaseState, nch ssh.NewChannel) {
	var m struct {
		Host       string
		Port       uint32
		OriginHost string
		OriginPort uint32
	}
	if err := ssh.Unmarshal(nch.ExtraData(), &m); err != nil || m.Port == 0 || m.Port > 65535 {
		_ = nch.Reject(ssh.ConnectionFailed, "malformed direct-tcpip request")
		return
	}
	ip, err := g.containerIP(ctx, ls, m.Host)
	if err != nil {
		_ = nch.Reject(ssh.Prohibited, err.Error())
		return
	}
	var d net.Dialer
	tc, err := d.DialContext(ctx, "tcp", net.JoinHostPort(ip, strconv.Itoa(int(m.Port))))
	if err != nil {
		_ = nch.Reject(ssh.ConnectionFailed, "connection refused by the container")
		return
	}
	defer tc.Close()
	ch, reqs, err := nch.Accept()
	if err != nil {
		return
	}
	defer ch.Close()
	go ssh.DiscardRequests(reqs)
	g.metrics.sessions.WithLabelValues("direct-tcpip").Inc()
	stop := context.AfterFunc(ctx, func() { ch.Close(); tc.Close() })
	defer stop()
	mc := ls.meter(ctx, ch)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_, _ = io.Copy(tc, mc)
		_ = tc.(*net.TCPConn).CloseWrite()
	}()
	go func() {
		defer wg.Done()
		_, _ = io.Copy(mc, tc)
		_ = ch.CloseWrite()
	}()
	wg.Wait()
}

// containerIP resolves a forwarding destination to the container's address.
func (g *Server) containerIP(ctx context.Context, ls *leaseState, host string) (string, error) {
	info, err := g.cfg.Docker.ContainerInspect(ctx, ls.lease.ContainerID)
	if err != nil {
		return "", fmt.Errorf("container unavailable")
	}
	var ip string
	if info.NetworkSettings != nil {
		ip = info.NetworkSettings.IPAddress
		for _, n := range info.NetworkSettings.Networks {
			if ip == "" && n != nil {
				ip = n.IPAddress
			}
		}
	}
	if ip == "" {
		return "", fmt.Errorf("the container has no network")
	}
	switch host {
	case "localhost", "127.0.0.1", "::1", ip:
		return ip, nil
	}
	if info.Config != nil && host == info.Config.Hostname {
		return ip, nil
	}
	return "", fmt.Errorf("forwarding is limited to the lease container")
}
