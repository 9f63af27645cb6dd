package gateway

import (
	"errors"
	"fmt"
)

// Sentinel errors callers branch on; returned errors wrap them with context.
var (
	// ErrAuthFailed is the single answer to an unknown lease and to a key the lease does not
	// hold, so a client cannot probe which leases exist on a node.
	ErrAuthFailed = errors.New("gateway: authentication failed")
	// ErrInvalidLease means Register was given a lease it cannot serve.
	ErrInvalidLease = errors.New("gateway: invalid lease")
	// ErrPaymentTerms means a lease's grace or prepay is beyond the gateway's bounds; it
	// wraps ErrInvalidLease.
	ErrPaymentTerms = fmt.Errorf("%w: payment terms out of bounds", ErrInvalidLease)
	// ErrHostKey means the host key file is unusable (wrong type, too open, corrupt).
	ErrHostKey = errors.New("gateway: host key")
	// ErrVoucherSeq means a voucher's seq is not the next one after the last accepted.
	ErrVoucherSeq = errors.New("gateway: voucher seq not consecutive")
	// ErrVoucherNoIncrease means a voucher's amount is not above what is already paid.
	ErrVoucherNoIncrease = errors.New("gateway: voucher adds nothing to what is paid")
)
