package lease

import "errors"

// Sentinel errors. Parse and validation errors wrap one of these so callers can branch
// with errors.Is while people read the wrapped message.
var (
	// ErrInvalidSize marks a size that does not parse or is out of range.
	ErrInvalidSize = errors.New("invalid size")
	// ErrInvalidDuration marks a duration that does not parse or is out of range.
	ErrInvalidDuration = errors.New("invalid duration")
	// ErrInvalidPrice marks a price that does not parse or is not exact in attoFIL.
	ErrInvalidPrice = errors.New("invalid price")
	// ErrInvalidCPUs marks a CPU amount that does not parse or is not positive.
	ErrInvalidCPUs = errors.New("invalid cpus")
	// ErrInvalidExpose marks an --expose value that does not parse.
	ErrInvalidExpose = errors.New("invalid expose")
	// ErrInvalidSpec marks a Spec that fails validation.
	ErrInvalidSpec = errors.New("invalid lease spec")
	// ErrInvalidOrder marks an on-chain order that is inconsistent.
	ErrInvalidOrder = errors.New("invalid order")
	// ErrInvalidLeaseID marks a lease id that does not parse.
	ErrInvalidLeaseID = errors.New("invalid lease id")
	// ErrFieldOverflow marks an order id input that is not a BN254 scalar field element.
	ErrFieldOverflow = errors.New("value is not below the BN254 scalar field modulus")
)
