// Package tunnel is the client's end of a lease's SSH connection: it dials a provider's gateway
// with the host key pinned, runs sessions and forwards, pays by voucher, and relays OpenSSH.
package tunnel
