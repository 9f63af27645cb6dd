package outbox

import "errors"

var (
	// ErrNonceTaken means another transaction of the same account was mined at a record's
	// nonce (sent from elsewhere with the same key): the action did not happen and may be sent again.
	ErrNonceTaken = errors.New("nonce taken by a transaction this bridge did not send")
	// ErrFeeCap means a stuck transaction cannot be re-priced without passing the configured
	// maximum fee per gas.
	ErrFeeCap = errors.New("fee per gas at the configured maximum")
	// ErrReverted means the transaction was mined and failed.
	ErrReverted = errors.New("transaction reverted")
)
