package leasefile

import (
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/shaleprotocol/shale/lease"
	"github.com/zclconf/go-cty/cty"
)

var exposeSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "port", Required: true},
	{Name: "protocol"},
	{Name: "public"},
}}

// exposes reads `expose { port = 8888  protocol = "http"  public = false }` blocks; each
// problem points at the attribute (or, for too many blocks, the first one over the bound).
func (p *parser) exposes(parent *hcl.Block, blocks []*hcl.Block, s *lease.Spec) {
	seen := map[uint16]hcl.Range{}
	for i, b := range blocks {
		if i == lease.MaxExposes {
			p.errorf(b.DefRange, "Too many exposed ports", "A lease exposes at most %d ports; this is number %d.", lease.MaxExposes, len(blocks))
		}
		content, diags := b.Body.Content(exposeSchema)
		p.diags = append(p.diags, diags...)
		a := content.Attributes
		e := lease.Expose{Protocol: lease.ProtocolHTTP}
		if v, ok := p.str(a["port"]); ok {
			n, err := strconv.ParseUint(v, 10, 64)
			rng := a["port"].Expr.Range()
			switch {
			case err != nil:
				p.errorf(rng, "Invalid port", "port must be a whole number between 1 and 65535, got %s.", v)
			case p.check(a["port"], "Invalid port", lease.ValidatePort(n)):
				e.Port = uint16(n)
				if first, dup := seen[e.Port]; dup {
					p.errorf(rng, "Duplicate exposed port", "port %d is already exposed at %s.", n, first)
				} else {
					seen[e.Port] = rng
				}
			}
		}
		if v, ok := p.str(a["protocol"]); ok {
			e.Protocol = v
			p.check(a["protocol"], "Invalid protocol", lease.ValidateProtocol(v))
		}
		if v, ok := p.value(a["public"], cty.Bool); ok {
			e.Public = v.True()
		}
		s.Exposes = append(s.Exposes, e)
	}
}
