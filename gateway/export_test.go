package gateway

import "github.com/shaleprotocol/shale/lease"

// The payment rate limit, for tests that check what a flood of vouchers can get logged.
const (
	VoucherBurst = voucherBurst
	VoucherRate  = float64(voucherRate)
)

// Registered reports whether the gateway serves id.
func (g *Server) Registered(id lease.LeaseID) bool { return g.lookup(id.String()) != nil }
