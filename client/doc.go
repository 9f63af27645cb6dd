// Package client is the logic of the `shale` command line: configuration, wallet and payment
// keys, orders on the marketplace, and SSH access to running leases through the gateway.
package client
