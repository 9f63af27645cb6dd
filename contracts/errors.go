package contracts

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/shaleprotocol/shale/contracts/bindings"
)

// Sentinel errors, one per custom error of Marketplace.sol; match them with errors.Is.
var (
	ErrInvalidConfig          = errors.New("invalid marketplace configuration")
	ErrInvalidRegistration    = errors.New("invalid provider registration")
	ErrAlreadyRegistered      = errors.New("provider already registered")
	ErrNotRegistered          = errors.New("provider not registered")
	ErrMinerIDTaken           = errors.New("miner id already claimed")
	ErrUnknownProvider        = errors.New("unknown provider")
	ErrZeroOrderID            = errors.New("zero order id")
	ErrOrderExists            = errors.New("order id already taken")
	ErrUnknownOrder           = errors.New("unknown order")
	ErrInvalidTerms           = errors.New("invalid order terms")
	ErrEscrowMismatch         = errors.New("value does not equal the escrow")
	ErrWrongState             = errors.New("order in wrong state")
	ErrNotClient              = errors.New("caller is not the order's client")
	ErrNotProvider            = errors.New("caller is not the order's provider")
	ErrInsufficientCollateral = errors.New("insufficient collateral")
	ErrBadBatch               = errors.New("malformed settlement batch")
	ErrEscrowExceeded         = errors.New("amount exceeds escrow")
	ErrAlreadySettled         = errors.New("order already settled")
	ErrDeadlinePassed         = errors.New("settle deadline passed")
	ErrInvalidProof           = errors.New("invalid settlement proof")
	ErrTooEarly               = errors.New("settle deadline not reached")
	ErrInvalidScore           = errors.New("rating score out of range")
	ErrAlreadyRated           = errors.New("order already rated")
	ErrRatingUnpaid           = errors.New("lease paid too little to be rated")
	ErrNothingToWithdraw      = errors.New("nothing to withdraw")
	ErrReasonTooLong          = errors.New("reason longer than MaxReasonBytes")
	ErrTransferFailed         = errors.New("withdrawal transfer rejected by the recipient")
	// ErrReverted is the fallback for reverts that carry no known custom error.
	ErrReverted = errors.New("transaction reverted")
	// ErrUnreachable means receipt lookups kept failing while a transaction was awaited: the
	// transaction may or may not land, so the caller reads the chain again before retrying.
	ErrUnreachable = errors.New("chain unreachable while waiting for a transaction")
)

// sentinels maps the Solidity error names to the Go sentinels.
var sentinels = map[string]error{
	"InvalidConfig":          ErrInvalidConfig,
	"InvalidRegistration":    ErrInvalidRegistration,
	"AlreadyRegistered":      ErrAlreadyRegistered,
	"NotRegistered":          ErrNotRegistered,
	"MinerIdTaken":           ErrMinerIDTaken,
	"UnknownProvider":        ErrUnknownProvider,
	"ZeroOrderId":            ErrZeroOrderID,
	"OrderExists":            ErrOrderExists,
	"UnknownOrder":           ErrUnknownOrder,
	"InvalidTerms":           ErrInvalidTerms,
	"EscrowMismatch":         ErrEscrowMismatch,
	"WrongState":             ErrWrongState,
	"NotClient":              ErrNotClient,
	"NotProvider":            ErrNotProvider,
	"InsufficientCollateral": ErrInsufficientCollateral,
	"BadBatch":               ErrBadBatch,
	"EscrowExceeded":         ErrEscrowExceeded,
	"AlreadySettled":         ErrAlreadySettled,
	"DeadlinePassed":         ErrDeadlinePassed,
	"InvalidProof":           ErrInvalidProof,
	"TooEarly":               ErrTooEarly,
	"InvalidScore":           ErrInvalidScore,
	"AlreadyRated":           ErrAlreadyRated,
	"RatingUnpaid":           ErrRatingUnpaid,
	"NothingToWithdraw":      ErrNothingToWithdraw,
	"ReasonTooLong":          ErrReasonTooLong,
	// OpenZeppelin errors the marketplace can raise.
	"FailedCall":                     ErrTransferFailed, // Address.sendValue to a reverting account
	"SafeCastOverflowedUintDowncast": ErrInvalidTerms,   // price or collateral beyond 128 bits
}

// RevertError is a decoded custom error; it unwraps to its sentinel.
type RevertError struct {
	Name string        // Solidity error name, e.g. "WrongState"
	Args []interface{} // decoded arguments in declaration order
	Data []byte        // raw revert data
	err  error
}

func (e *RevertError) Error() string {
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		switch v := a.(type) {
		case [32]byte:
			args[i] = hexutil.Encode(v[:])
		case common.Address:
			args[i] = v.Hex()
		default:
			args[i] = fmt.Sprint(v)
		}
	}
	if e.Name == "" {
		return fmt.Sprintf("%v (data %s)", e.err, hexutil.Encode(e.Data))
	}
	return fmt.Sprintf("%v: %s(%s)", e.err, e.Name, strings.Join(args, ", "))
}

func (e *RevertError) Unwrap() error { return e.err }

// marketplaceABI is parsed once; the bindings carry the compiled ABI.
var marketplaceABI = func() *abi.ABI {
	a, err := bindings.MarketplaceMetaData.GetAbi()
	if err != nil {
		panic(fmt.Sprintf("contracts: bad embedded ABI: %v", err))
	}
	return a
}()

// DecodeError turns an RPC error that carries revert data (from eth_call or gas estimation)
// into a *RevertError wrapping its sentinel; any other error comes back unchanged. Use it on
// errors of the raw bindings.
func DecodeError(err error) error {
	if err == nil {
		return nil
	}
	var de interface{ ErrorData() interface{} }
	if !errors.As(err, &de) {
		return err
	}
	var data []byte
	switch d := de.ErrorData().(type) {
	case string:
		b, derr := hexutil.Decode(d)
		if derr != nil {
			return err
		}
		data = b
	case []byte:
		data = d
	default:
		return err
	}
	return revertFromData(data)
}

// revertFromData decodes raw revert data against the marketplace's custom errors.
func revertFromData(data []byte) *RevertError {
	if len(data) >= 4 {
		for name, e := range marketplaceABI.Errors {
			if !bytes.Equal(e.ID[:4], data[:4]) {
				continue
			}
			re := &RevertError{Name: name, Data: data, err: ErrReverted}
			if s, ok := sentinels[name]; ok {
				re.err = s
			}
			if v, uerr := e.Unpack(data); uerr == nil {
				if args, ok := v.([]interface{}); ok {
					re.Args = args
				}
			}
			return re
		}
	}
	return &RevertError{Data: data, err: ErrReverted}
}
