package lease

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// LeaseID names a lease everywhere off chain (SSH user, Nomad job, logs): the chain it was
// ordered on and its order id.
type LeaseID struct {
	ChainID uint64
	Order   [32]byte
}

// String returns "<chainid>-0x<64 lowercase hex>", e.g. "31337-0x1f…".
func (id LeaseID) String() string {
	return strconv.FormatUint(id.ChainID, 10) + "-0x" + hex.EncodeToString(id.Order[:])
}

// JobID is the Nomad job id of the lease, "lease-<chainid>-<64 hex>" (at most 91
// characters). Deriving it from the lease id makes re-submission idempotent.
func (id LeaseID) JobID() string {
	return "lease-" + strconv.FormatUint(id.ChainID, 10) + "-" + hex.EncodeToString(id.Order[:])
}

// ParseLeaseID parses the String form. It accepts only that canonical form (decimal chain
// id without leading zeros, lowercase hex) so that one lease has exactly one name: the
// SSH gateway compares these strings.
func ParseLeaseID(s string) (LeaseID, error) {
	var id LeaseID
	chain, order, ok := strings.Cut(s, "-0x")
	if !ok {
		return id, fmt.Errorf("%w %q: expected \"<chain id>-0x<64 hex digits>\"", ErrInvalidLeaseID, s)
	}
	c, err := strconv.ParseUint(chain, 10, 64)
	if err != nil || strconv.FormatUint(c, 10) != chain {
		return id, fmt.Errorf("%w %q: chain id %q is not a decimal number", ErrInvalidLeaseID, s, chain)
	}
	if len(order) != 64 || strings.ToLower(order) != order {
		return id, fmt.Errorf("%w %q: order id must be 64 lowercase hex digits", ErrInvalidLeaseID, s)
	}
	if _, err := hex.Decode(id.Order[:], []byte(order)); err != nil {
		return id, fmt.Errorf("%w %q: order id must be 64 lowercase hex digits", ErrInvalidLeaseID, s)
	}
	id.ChainID = c
	return id, nil
}
