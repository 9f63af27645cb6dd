package bridge

import (
	"fmt"

	"github.com/shaleprotocol/shale/lease"
)

// rejectExpose is the metric category of an order exposing more ports than the policy allows.
const rejectExpose = "expose_not_allowed"

// exposeReason says why a lease's exposed ports are refused under the policy, or "" when
// they are allowed. MaxExposes 0 forbids exposures: serving a container to the internet is
// something the operator opts into, not a default.
func exposeReason(p Policy, exposes []lease.Expose) string {
	switch n := len(exposes); {
	case n == 0:
		return ""
	case p.MaxExposes <= 0:
		return fmt.Sprintf("this provider does not expose lease ports (the order asks for %d); order without expose, or pick a provider whose max_exposes is above 0", n)
	case n > p.MaxExposes:
		return fmt.Sprintf("%d exposed ports, this provider allows at most %d", n, p.MaxExposes)
	}
	return ""
}
