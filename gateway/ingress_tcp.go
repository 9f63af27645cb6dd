package gateway

import "github.com/shaleprotocol/shale/lease"

// tcpURL is where a public tcp exposure is served; tcp ports are reached through SSH
// forwarding (`shale open`) until this node allocates ports for them.
func (in *Ingress) tcpURL(_ *leaseState, _ lease.Expose) string { return "" }
