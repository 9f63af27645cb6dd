package driver

import (
	"errors"

	"github.com/hashicorp/nomad/nomad/structs"

	"github.com/shaleprotocol/shale/deals"
	"github.com/shaleprotocol/shale/gateway"
)

// startError is a StartTask failure with its verdict on retrying. Nomad's plugin server sends
// the verdict only for an error that is itself a structs.Recoverable (a type assertion, not
// errors.As), so this wraps the whole chain; Unwrap keeps errors.Is working in the process.
type startError struct {
	err         error
	recoverable bool
}

var _ structs.Recoverable = (*startError)(nil)

func (e *startError) Error() string       { return e.err.Error() }
func (e *startError) Unwrap() error       { return e.err }
func (e *startError) IsRecoverable() bool { return e.recoverable }

// permanent are the failures no retry of the same task on the same node can cure: the job,
// the node's configuration, its images or its deal data must change first.
var permanent = []error{
	ErrInvalidConfig, ErrLeaseExpired, ErrNoGateway, ErrNoGPURuntime,
	ErrImageNotAllowed, ErrImageUnavailable,
	ErrNoDeals, deals.ErrNotFound, deals.ErrVerification, deals.ErrUnsupported,
	gateway.ErrPaymentTerms, // grace or prepay beyond the node's gateway bounds
}

// startFailure classifies a StartTask error: permanent ones are non-recoverable, so Nomad
// fails the task at once with the message whatever its restart policy; anything else (the
// Docker engine unreachable, a gateway stream cut, a full cache) may pass and is left to it.
func startFailure(err error) error {
	if err == nil {
		return nil
	}
	for _, p := range permanent {
		if errors.Is(err, p) {
			return &startError{err: err, recoverable: false}
		}
	}
	return &startError{err: err, recoverable: true}
}
