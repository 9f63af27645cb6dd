package driver

import (
	"errors"
	"fmt"
	"math/big"
	"path/filepath"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
	"github.com/shaleprotocol/shale/voucher"
)

// ErrNoGateway is returned when a lease task lands on a node whose plugin config has no
// gateway {} block: nobody could reach or pay for the container.
var ErrNoGateway = errors.New("SSH gateway not configured")

// GatewayConfig is the plugin config's gateway {} block: the node's SSH endpoint for leases.
type GatewayConfig struct {
	Listen            string `codec:"listen"`
	Advertise         string `codec:"advertise"`
	HostKeyFile       string `codec:"host_key_file"`
	VoucherDir        string `codec:"voucher_dir"`
	MaxAuthTries      int    `codec:"max_auth_tries"`
	HandshakeTimeout  string `codec:"handshake_timeout"`
	IdleTimeout       string `codec:"idle_timeout"`
	KeepAlive         string `codec:"keepalive"`
	MaxConnsPerSource int    `codec:"max_conns_per_source"`
	// Payment terms this node serves (longer grace or prepay is refused at task start) and
	// how long a client may leave a payment message unread before it is cut off.
	MaxGrace           string `codec:"max_grace"`
	MaxPrepay          string `codec:"max_prepay"`
	PaymentSendTimeout string `codec:"payment_send_timeout"`
	// MetricsListen, if set, serves the gateway's Prometheus metrics at /metrics.
	MetricsListen string `codec:"metrics_listen"`
	// Algorithm lists; empty keeps wire's modern defaults, and weak ones are refused.
	KeyExchanges []string `codec:"key_exchanges"`
	Ciphers      []string `codec:"ciphers"`
	MACs         []string `codec:"macs"`
	// Ingress, when set, serves the leases' exposed ports (ingress.go).
	Ingress *IngressConfig `codec:"ingress"`
}

func (g *GatewayConfig) gatewayConfig(stateDir string) (gateway.Config, error) {
	cfg := gateway.Config{
		ListenAddr:        g.Listen,
		HostKeyPath:       g.HostKeyFile,
		VoucherDir:        g.VoucherDir,
		MaxAuthTries:      g.MaxAuthTries,
		MaxConnsPerSource: g.MaxConnsPerSource,
		KeyExchanges:      g.KeyExchanges,
		Ciphers:           g.Ciphers,
		MACs:              g.MACs,
		// Every shale container has the init binary: terminal sessions start once sized.
		TTYWrapper: []string{initPath, "wait-tty", "--"},
	}
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = filepath.Join(stateDir, "gateway_host_ed25519")
	}
	if cfg.VoucherDir == "" {
		cfg.VoucherDir = filepath.Join(stateDir, "vouchers")
	}
	for name, p := range map[string]struct {
		s   string
		dst *time.Duration
		max time.Duration
	}{
		"handshake_timeout":    {g.HandshakeTimeout, &cfg.HandshakeTimeout, time.Hour},
		"idle_timeout":         {g.IdleTimeout, &cfg.IdleTimeout, 7 * 24 * time.Hour},
		"keepalive":            {g.KeepAlive, &cfg.KeepAlive, time.Hour},
		"max_grace":            {g.MaxGrace, &cfg.MaxGrace, 24 * time.Hour},
		"max_prepay":           {g.MaxPrepay, &cfg.MaxPrepay, 24 * time.Hour},
		"payment_send_timeout": {g.PaymentSendTimeout, &cfg.PaymentSendTimeout, 5 * time.Minute},
	} {
		if p.s == "" {
			continue
		}
		d, err := time.ParseDuration(p.s)
		if err != nil || d <= 0 || d > p.max {
			return cfg, fmt.Errorf("gateway.%s %q: want a positive duration of at most %s", name, p.s, p.max)
		}
		*p.dst = d
	}
	return cfg, nil
}

// endpoint is what clients dial, as fingerprinted and attested on chain: the advertised
// address, or the bound one.
func (d *Driver) gatewayEndpoint() string {
	cfg, _, _, _ := d.state()
	d.mu.RLock()
	gw := d.gateway
	d.mu.RUnlock()
	if gw == nil {
		return ""
	}
	if cfg.Gateway != nil && cfg.Gateway.Advertise != "" {
		return cfg.Gateway.Advertise
	}
	return gw.Addr().String()
}

// gatewayLease turns the task's lease block into the gateway's terms. The config was
// validated already, so errors here are unexpected but still reported, never ignored.
func gatewayLease(lc *LeaseConfig, containerID string, started time.Time) (gateway.Lease, error) {
	var out gateway.Lease
	id, err := lease.ParseLeaseID(lc.ID)
	if err != nil {
		return out, err
	}
	keys := make([]ssh.PublicKey, 0, len(lc.SSHKeys))
	for _, k := range lc.SSHKeys {
		pk, err := lease.ParseSSHKey(k)
		if err != nil {
			return out, err
		}
		keys = append(keys, pk)
	}
	expires, err := time.Parse(time.RFC3339, lc.ExpiresAt)
	if err != nil {
		return out, err
	}
	var bw uint64
	if lc.Bandwidth != "" {
		if bw, err = lease.ParseSize(lc.Bandwidth); err != nil {
			return out, err
		}
	}
	p := lc.Payment
	price, err := lease.ParsePrice(p.Price)
	if err != nil {
		return out, err
	}
	escrow, ok := new(big.Int).SetString(p.Escrow, 10)
	if !ok {
		return out, fmt.Errorf("escrow %q is not an integer", p.Escrow)
	}
	key, err := voucher.ParsePublicKey(p.PublicKey)
	if err != nil {
		return out, err
	}
	prepay, grace, err := parseOptionalDurations(p.Prepay, p.Grace)
	if err != nil {
		return out, err
	}
	exposes, err := leasejob.ParseExposes(lc.Exposes)
	if err != nil {
		return out, err
	}
	return gateway.Lease{
		ID: id, ContainerID: containerID, Keys: keys, Price: price, Escrow: escrow,
		Prepay: prepay, Grace: grace, Bandwidth: bw, ExpiresAt: expires, StartedAt: started,
		PaymentKey: key, Exposes: exposes,
	}, nil
}

func parseOptionalDurations(prepay, grace string) (time.Duration, time.Duration, error) {
	var out [2]time.Duration
	for i, s := range []string{prepay, grace} {
		if s == "" {
			continue
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, 0, err
		}
		out[i] = d
	}
	return out[0], out[1], nil
}
