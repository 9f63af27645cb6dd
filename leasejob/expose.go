package leasejob

import (
	"fmt"
	"strconv"

	"github.com/shaleprotocol/shale/lease"
)

// ParseExposes reads a task's expose blocks back into the lease's exposures and checks them
// as the lease spec does: an operator-written job skips the bridge's check.
func ParseExposes(cs []ExposeConfig) ([]lease.Expose, error) {
	var out []lease.Expose
	for i, c := range cs {
		n, err := strconv.ParseUint(c.Port, 10, 16)
		if err != nil {
			return nil, fmt.Errorf("expose[%d]: port %q is not a number between 1 and 65535", i, c.Port)
		}
		out = append(out, lease.Expose{Port: uint16(n), Protocol: c.Protocol, Public: c.Public})
	}
	if err := lease.ValidateExposes(out); err != nil {
		return nil, err
	}
	return out, nil
}
