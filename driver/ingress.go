package driver

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/nomad/plugins/shared/hclspec"

	"github.com/shaleprotocol/shale/gateway"
)

// ingressSpec is the gateway {} block's ingress {} block: where the node serves the leases'
// exposed ports.
var ingressSpec = hclspec.NewBlock("ingress", false, hclspec.NewObject(map[string]*hclspec.Spec{
	"listen":               hclspec.NewAttr("listen", "string", true),
	"advertise_url":        hclspec.NewAttr("advertise_url", "string", false),
	"domain":               hclspec.NewAttr("domain", "string", false),
	"cert_file":            hclspec.NewAttr("cert_file", "string", false),
	"key_file":             hclspec.NewAttr("key_file", "string", false),
	"read_header_timeout":  hclspec.NewAttr("read_header_timeout", "string", false),
	"idle_timeout":         hclspec.NewAttr("idle_timeout", "string", false),
	"max_header_bytes":     hclspec.NewAttr("max_header_bytes", "number", false),
	"max_conns_per_source": hclspec.NewAttr("max_conns_per_source", "number", false),
	"max_conns":            hclspec.NewAttr("max_conns", "number", false),
	"tcp_ports":            hclspec.NewAttr("tcp_ports", "string", false),
}))

// IngressConfig is the decoded ingress {} block; gateway.IngressConfig bounds each value.
type IngressConfig struct {
	Listen            string `codec:"listen"`
	AdvertiseURL      string `codec:"advertise_url"`
	Domain            string `codec:"domain"`
	CertFile          string `codec:"cert_file"`
	KeyFile           string `codec:"key_file"`
	ReadHeaderTimeout string `codec:"read_header_timeout"`
	IdleTimeout       string `codec:"idle_timeout"`
	MaxHeaderBytes    int    `codec:"max_header_bytes"`
	MaxConnsPerSource int    `codec:"max_conns_per_source"`
	MaxConns          int    `codec:"max_conns"`
	TCPPorts          string `codec:"tcp_ports"` // "FIRST-LAST", e.g. "30000-30099"
}

func (c *IngressConfig) ingressConfig() (gateway.IngressConfig, error) {
	out := gateway.IngressConfig{
		ListenAddr: c.Listen, AdvertiseURL: c.AdvertiseURL, Domain: c.Domain, CertFile: c.CertFile, KeyFile: c.KeyFile,
		MaxHeaderBytes: c.MaxHeaderBytes, MaxConnsPerSource: c.MaxConnsPerSource, MaxConns: c.MaxConns,
	}
	for name, p := range map[string]struct {
		s   string
		dst *time.Duration
	}{"read_header_timeout": {c.ReadHeaderTimeout, &out.ReadHeaderTimeout}, "idle_timeout": {c.IdleTimeout, &out.IdleTimeout}} {
		if p.s == "" {
			continue
		}
		d, err := time.ParseDuration(p.s)
		if err != nil || d <= 0 {
			return out, fmt.Errorf("gateway.ingress.%s %q: want a positive duration such as 10s", name, p.s)
		}
		*p.dst = d
	}
	if c.TCPPorts != "" {
		first, last, ok := strings.Cut(c.TCPPorts, "-")
		a, err1 := strconv.Atoi(first)
		b, err2 := strconv.Atoi(last)
		if !ok || err1 != nil || err2 != nil {
			return out, fmt.Errorf("gateway.ingress.tcp_ports %q: want FIRST-LAST, e.g. 30000-30099", c.TCPPorts)
		}
		out.TCPPortFirst, out.TCPPortLast = a, b
	}
	return out, nil
}

// startIngress serves the exposed ports of gw's leases until the plugin shuts down.
func (d *Driver) startIngress(c *IngressConfig, gw *gateway.Server) error {
	cfg, err := c.ingressConfig()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidConfig, err)
	}
	in, err := gateway.NewIngress(gw, cfg)
	if err != nil {
		return fmt.Errorf("%w: gateway.ingress: %w", ErrInvalidConfig, err)
	}
	go func() {
		if err := in.Serve(d.ctx); err != nil {
			d.logger.Error("ingress stopped", "error", err)
		}
	}()
	d.logger.Info("ingress listening", "addr", in.Addr().String(), "domain", cfg.Domain)
	return nil
}
