package sshtunnel

import "errors"

// Sentinel errors callers branch on; returned errors wrap them with context.
var (
	// ErrAuthFailed is the single answer to an unknown lease and to a key the lease does not
	// hold, so a client cannot probe which leases exist on a node.
	ErrAuthFailed = errors.New("sshtunnel: authentication failed")
	// ErrInvalidLease means Register was given a lease it cannot serve.
	ErrInvalidLease = errors.New("sshtunnel: invalid lease")
	// ErrHostKey means the host key file is unusable (wrong type, too open, corrupt).
	ErrHostKey = errors.New("sshtunnel: host key")
	// ErrVoucherSeq means a voucher's seq is not the next one after the last accepted.
	ErrVoucherSeq = errors.New("sshtunnel: voucher seq not consecutive")
)
