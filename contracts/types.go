package contracts

import (
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// OrderState mirrors Marketplace.State.
type OrderState uint8

// Order states; see the transition diagram in src/Marketplace.sol.
const (
	StateNone OrderState = iota
	StateCreated
	StateCancelled
	StateAccepted
	StateRunning
	StateTerminated
	StateSettled
	StateReclaimed
)

var stateNames = [...]string{"None", "Created", "Cancelled", "Accepted", "Running", "Terminated", "Settled", "Reclaimed"}

func (s OrderState) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("OrderState(%d)", uint8(s))
}

// OrderRequest is what a client submits to createOrder.
type OrderRequest struct {
	ID          [32]byte // MiMC(chainID, contract, client, payment key, nonce), computed by the client
	Provider    string   // target miner id, e.g. "f01946720"
	Nonce       *big.Int
	PaymentKey  [32]byte // compressed BN254 EdDSA public key
	PriceAmount *big.Int // attoFIL per PricePeriod
	PricePeriod uint64   // seconds
	Duration    uint64   // seconds
	Spec        []byte   // canonical lease spec; the contract stores its keccak256
}

// Escrow is floor(PriceAmount × Duration / PricePeriod), exactly what the contract requires as value.
func (r OrderRequest) Escrow() *big.Int {
	if r.PriceAmount == nil || r.PricePeriod == 0 {
		return new(big.Int)
	}
	e := new(big.Int).Mul(r.PriceAmount, new(big.Int).SetUint64(r.Duration))
	return e.Quo(e, new(big.Int).SetUint64(r.PricePeriod))
}

// Order is an on-chain order. Times are zero until the matching transition happened.
type Order struct {
	ID          [32]byte
	Client      common.Address
	Provider    common.Address
	State       OrderState
	Rated       bool
	PriceAmount *big.Int
	PricePeriod uint64
	Duration    uint64
	Escrow      *big.Int
	Collateral  *big.Int
	Paid        *big.Int
	AcceptedAt  time.Time
	StartedAt   time.Time
	// EndTime bounds the lease: acceptance + duration before start, start + duration while
	// running, the termination time once the client ended it.
	EndTime    time.Time
	PaymentKey [32]byte
	SpecHash   [32]byte
	Nonce      *big.Int
}

// SettleDeadline is the last moment its SP may settle the lease; the client may reclaim after it.
// It is meaningful once the order is accepted; window is the marketplace's SettleWindow.
func (o Order) SettleDeadline(window time.Duration) time.Time { return o.EndTime.Add(window) }

// Earned mirrors the contract's settlement cap: what settling at chain time at would pay at
// most, the order's price for the time from its start to min(EndTime, at), rounded up, 0 if it
// never started, never more than the escrow. Settlement pays min(voucher amount, Earned).
func (o Order) Earned(at time.Time) *big.Int {
	if o.StartedAt.IsZero() || o.PriceAmount == nil || o.PricePeriod == 0 {
		return new(big.Int)
	}
	end := o.EndTime
	if at.Before(end) {
		end = at
	}
	secs := end.Unix() - o.StartedAt.Unix()
	if secs <= 0 {
		return new(big.Int)
	}
	period := new(big.Int).SetUint64(o.PricePeriod)
	e := new(big.Int).Mul(o.PriceAmount, big.NewInt(secs))
	e.Add(e, period).Sub(e, big.NewInt(1)).Quo(e, period)
	if o.Escrow != nil && e.Cmp(o.Escrow) > 0 {
		e.Set(o.Escrow)
	}
	return e
}

// Provider is a registered storage provider.
type Provider struct {
	Address            common.Address
	MinerID            string
	Endpoint           string
	HostKeyFingerprint [32]byte // SHA-256 of the SSH host key
	Metadata           string
	RegisteredAt       time.Time
	RatingSum          uint64
	RatingCount        uint64
}

// Registered reports whether the record exists on chain.
func (p Provider) Registered() bool { return !p.RegisteredAt.IsZero() }

// unixTime maps the contract's "0 = never" seconds to the zero time.
func unixTime(s uint64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(int64(s), 0).UTC()
}
