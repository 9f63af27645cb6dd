// Package gateway is Shale's per-node SSH gateway: it authenticates lease keys, runs sessions in
// lease containers through Docker exec, meters and caps their traffic, and carries the payment tunnel.
package gateway
