package gateway

import (
	"net/url"
	"strconv"

	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/wire"
)

// serveGlobalRequests answers a lease connection's global requests: expose-info for the
// lease it authenticated as, and a refusal for anything else (remote forwarding included).
func (g *Server) serveGlobalRequests(ls *leaseState, reqs <-chan *ssh.Request) {
	for req := range reqs {
		if req.Type != wire.ExposeInfoRequest || !req.WantReply {
			_ = req.Reply(false, nil)
			continue
		}
		_ = req.Reply(true, g.exposeInfo(ls).Encode())
	}
}

// exposeInfo is where the lease's exposures are reached: URLs only when this node runs an
// ingress; private tcp ports have none, as they are reached through SSH forwarding.
func (g *Server) exposeInfo(ls *leaseState) wire.ExposeInfo {
	info := wire.ExposeInfo{Exposes: []wire.ExposeEndpoint{}}
	if len(ls.lease.Exposes) == 0 {
		return info
	}
	info.Token = g.IngressToken(ls.lease.ID)
	in := g.ingress.Load()
	for _, e := range ls.lease.Exposes {
		ep := wire.ExposeEndpoint{Port: e.Port, Protocol: e.Protocol, Public: e.Public}
		if in != nil {
			ep.URL = in.url(ls, e)
		}
		info.Exposes = append(info.Exposes, ep)
	}
	return info
}

// url is where an exposure is served, "" when this ingress does not serve it.
func (in *Ingress) url(ls *leaseState, e lease.Expose) string {
	short, port := LeaseShort(ls.lease.ID), strconv.Itoa(int(e.Port))
	switch e.Protocol {
	case lease.ProtocolHTTP:
		if in.cfg.Domain != "" {
			u, _ := url.Parse(in.cfg.AdvertiseURL) // checked in withDefaults
			host := short + "-" + port + "." + in.cfg.Domain
			if p := u.Port(); p != "" {
				host += ":" + p
			}
			return u.Scheme + "://" + host + "/"
		}
		return in.cfg.AdvertiseURL + IngressPathPrefix + short + "/" + port + "/"
	case lease.ProtocolTCP:
		return in.tcpURL(ls, e)
	}
	return ""
}
