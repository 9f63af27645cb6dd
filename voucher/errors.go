package voucher

import "errors"

// Sentinel errors callers branch on. Every error this package returns wraps one of these
// (or an I/O error) so that errors.Is works through the added context.
var (
	// ErrBadSignature means a signature does not verify under the given public key.
	ErrBadSignature = errors.New("voucher: bad signature")
	// ErrSeqNotIncreasing means a voucher's seq is not above the last accepted one.
	ErrSeqNotIncreasing = errors.New("voucher: seq not increasing")
	// ErrAmountDecreased means a voucher's cumulative amount is below the last accepted one.
	ErrAmountDecreased = errors.New("voucher: amount decreased")
	// ErrOverEscrow means a voucher's cumulative amount exceeds the escrow cap.
	ErrOverEscrow = errors.New("voucher: amount over escrow")
	// ErrWrongOrder means a voucher names a different order than the ledger tracks.
	ErrWrongOrder = errors.New("voucher: wrong order id")
	// ErrInvalidAmount means an amount is nil, negative or not below MaxAmount.
	ErrInvalidAmount = errors.New("voucher: invalid amount")
	// ErrInvalidOrderID means an order id is not a canonical BN254 scalar field element.
	ErrInvalidOrderID = errors.New("voucher: order id is not a canonical field element")
	// ErrBadPublicKey means a public key does not decode to a valid subgroup point.
	ErrBadPublicKey = errors.New("voucher: bad public key")
	// ErrKeyPermissions means a key file is readable by group or others.
	ErrKeyPermissions = errors.New("voucher: key file permissions too open")
	// ErrMalformed means an encoded voucher or terminate message is not canonical.
	ErrMalformed = errors.New("voucher: malformed encoding")
)
